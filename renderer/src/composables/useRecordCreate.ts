/**
 * Saving a new follow-up: a local write (instant, offline too) that shows the record at once as
 * pending, and the outbox signal so main's engine sends it.
 */
import { createLocalRecord, type LocalRecordInput } from '../db/local-writes'
import type { CachedRecord } from '../db/types'
import { ownDisplayName } from '../records/record-lookup'
import { useRecordsEnv } from './useRecordsEnv'

export function useRecordCreate() {
  const { writeAndQueue, account } = useRecordsEnv()

  function create(input: LocalRecordInput): Promise<CachedRecord> {
    return writeAndQueue(async (db) => {
      const agentNo = account.value?.agentNo
      const author = input.create_user_name ?? (agentNo ? await ownDisplayName(db, agentNo) : undefined)
      return createLocalRecord(db, author ? { ...input, create_user_name: author } : input)
    })
  }

  return { create }
}
