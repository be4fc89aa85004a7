import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent } from 'vue'
import { useRecordDelete } from '../../../../renderer/src/composables/useRecordDelete'
import { createLocalRecord } from '../../../../renderer/src/db/local-writes'
import { createDexieSyncStore } from '../../../../renderer/src/db/sync-store'
import { openTestDb, serverId, serverRow, useFreshIndexedDb } from '../db/support'
import { mountRecords, settle, setUpCacheStore } from './support/mount-records'

useFreshIndexedDb()
afterEach(() => {
  document.body.innerHTML = ''
})

/** A component that only exposes the delete composable. */
let deleteRecords: ReturnType<typeof useRecordDelete>['deleteRecords']
const Host = defineComponent({
  setup() {
    deleteRecords = useRecordDelete().deleteRecords
    return () => null
  },
})

async function setup() {
  const db = await openTestDb()
  await createDexieSyncStore(db).applyPage([serverRow(1), serverRow(2), serverRow(3), serverRow(4)])
  const context = setUpCacheStore(db)
  const queued = vi.spyOn(context.cache, 'changesQueued').mockImplementation(() => undefined)
  mountRecords(Host, context)
  await settle()
  return { db, queued }
}

const dialogButton = (label: string) =>
  [...document.querySelectorAll<HTMLButtonElement>('.n-dialog button')].find((button) => button.textContent?.trim() === label)

describe('deleting follow-ups', () => {
  it('asks once, saying how many, then hides them and queues their deletes', async () => {
    const { db, queued } = await setup()
    const done = deleteRecords([serverId(1), serverId(2), serverId(3)])
    await vi.waitFor(() => expect(document.querySelector('.n-dialog')?.textContent).toContain('删除 3 条跟进记录？'))

    dialogButton('删除')!.click()
    expect(await done).toEqual([serverId(1), serverId(2), serverId(3)])
    const hidden = (await db.records.toArray()).filter((record) => record.deleted === 1).map((record) => record.id)
    expect(hidden).toEqual([serverId(1), serverId(2), serverId(3)])
    expect((await db.outbox.toArray()).map((entry) => entry.kind)).toEqual(['delete', 'delete', 'delete'])
    expect(queued).toHaveBeenCalledOnce()
  })

  it('changes nothing when the user cancels', async () => {
    const { db, queued } = await setup()
    const done = deleteRecords([serverId(4)])
    await vi.waitFor(() => expect(document.querySelector('.n-dialog')?.textContent).toContain('删除 1 条跟进记录？'))

    dialogButton('取消')!.click()
    expect(await done).toEqual([])
    expect((await db.records.get(serverId(4)))?.deleted).toBeUndefined()
    expect(await db.outbox.count()).toBe(0)
    expect(queued).not.toHaveBeenCalled()
  })

  it('deletes a record held under its local id after its create landed', async () => {
    const { db } = await setup()
    const local = await createLocalRecord(db, { cle_id: serverId(1_000_001), record_type: 36, record_content: 'x' })
    const store = createDexieSyncStore(db)
    const [entry] = await store.outbox()
    await store.markSending([entry!.seq], Date.now())
    await store.completeCreate(entry!.seq, serverId(9))

    const done = deleteRecords([local.id])
    await vi.waitFor(() => expect(dialogButton('删除')).toBeDefined())
    dialogButton('删除')!.click()
    await done
    expect((await db.records.get(serverId(9)))?.deleted).toBe(1)
    expect((await db.outbox.toArray()).map((e) => [e.kind, e.recordId])).toEqual([['delete', serverId(9)]])
  })
})
