/**
 * What the UI writes: instant and offline, each call one transaction that changes the cached
 * records and queues (or unqueues) the matching outbox entries together. The sync engine sends
 * the outbox later; nothing here touches the network.
 */
import type { IdString, NewRecordInput } from '../../../electron/shared/records'
import { LOCAL_ID_PREFIX, type CreateEntry, type OutboxEntry } from '../../../electron/shared/sync'
import { htmlToText } from './html-text'
import { cancelCreate, landCreate, mirrorCreateStates } from './outbox-records'
import type { CacheDb } from './schema'
import { guardStorage } from './storage-full'
import type { CachedRecord } from './types'

/** A new record as the UI knows it: the payload, plus display names it may already have at hand. */
export type LocalRecordInput = NewRecordInput & {
  record_type_name?: string
  cle_name?: string
  create_user_name?: string
}

/** The user acted on an outbox entry while its request is on the wire; the answer decides its fate. */
export class EntryInFlightError extends Error {
  override readonly name = 'EntryInFlightError'

  constructor() {
    super('这条修改正在发送，请等服务器答复后再操作。 / This change is being sent: wait for the server to answer.')
  }
}

/** Creates a record offline: visible at once (`sync: 'pending'`) with its create queued. */
export function createLocalRecord(db: CacheDb, input: LocalRecordInput, now = Date.now()): Promise<CachedRecord> {
  return guardStorage(() =>
    db.transaction('rw', [db.records, db.outbox, db.clients, db.recordTypes], async () => {
      const id = `${LOCAL_ID_PREFIX}${crypto.randomUUID()}`
      const record: CachedRecord = {
        _id: id,
        id,
        ...(await describeInput(db, input)),
        create_time: Math.floor(now / 1000),
        sync: 'pending',
      }
      if (input.create_user_name !== undefined) record.create_user_name = input.create_user_name
      await db.records.add(record)
      await db.outbox.add({ kind: 'create', recordId: id, payload: payloadOf(input), state: 'pending', attempts: 0, queuedAt: now })
      return record
    }),
  )
}

/**
 * Deletes records. A create never sent (pending, or refused and waiting in 'attention') is simply
 * cancelled with its record: nothing for the server to do. A create on the wire cannot be called
 * back: its record is hidden and a delete aimed at its local id waits for it (landCreate re-aims
 * it). A server record is hidden and its delete queued. Deleting again queues nothing more.
 */
export function deleteLocalRecords(db: CacheDb, ids: IdString[], now = Date.now()): Promise<void> {
  return guardStorage(() =>
    db.transaction('rw', [db.records, db.outbox], async () => {
      for (const id of new Set(ids)) await deleteOne(db, id, now)
    }),
  )
}

async function deleteOne(db: CacheDb, id: IdString, now: number): Promise<void> {
  const record = await db.records.get(id)
  if (!record || record.deleted === 1) return
  const create = (await db.outbox.where('recordId').equals(id).toArray()).find(isCreate)
  if (create && (create.state === 'pending' || create.state === 'attention')) {
    await cancelCreate(db, create)
    return
  }
  await db.records.update(id, { deleted: 1 })
  await db.outbox.add({ kind: 'delete', recordId: id, state: 'pending', attempts: 0, queuedAt: now })
}

/** Sends an entry again (typically one in 'attention'): back to pending, the question dropped. */
export function retryEntry(db: CacheDb, seq: number): Promise<void> {
  return guardStorage(() =>
    db.transaction('rw', [db.outbox, db.records], async () => {
      const entry = await db.outbox.get(seq)
      if (!entry) return
      assertNotInFlight(entry)
      const updated: OutboxEntry = { ...entry, state: 'pending' }
      delete updated.attention
      await db.outbox.put(updated)
      await mirrorCreateStates(db, [updated])
    }),
  )
}

/**
 * Gives up an entry. Discarding a create removes its local record (and any delete waiting for
 * it); discarding a delete shows the record again.
 */
export function discardEntry(db: CacheDb, seq: number): Promise<void> {
  return guardStorage(() =>
    db.transaction('rw', [db.outbox, db.records], async () => {
      const entry = await db.outbox.get(seq)
      if (!entry) return
      assertNotInFlight(entry)
      if (entry.kind === 'create') {
        await cancelCreate(db, entry)
        return
      }
      await db.outbox.delete(seq)
      const record = await db.records.get(entry.recordId)
      if (record?.deleted === 1) {
        delete record.deleted
        await db.records.put(record)
      }
    }),
  )
}

/** A create the user corrected (typically after the server refused it): new payload, record updated, pending again. */
export function editAndRetryCreate(db: CacheDb, seq: number, input: LocalRecordInput): Promise<void> {
  return guardStorage(() =>
    db.transaction('rw', [db.outbox, db.records, db.clients, db.recordTypes], async () => {
      const entry = await db.outbox.get(seq)
      if (entry?.kind !== 'create') throw new Error(`Outbox entry ${seq} is not a queued create`)
      assertNotInFlight(entry)
      const updated: CreateEntry = { ...entry, payload: payloadOf(input), state: 'pending' }
      delete updated.attention
      await db.outbox.put(updated)

      const record = await db.records.get(entry.recordId)
      if (!record) return
      // Display fields of the old payload go: they may name another client, type or opportunity.
      const { opty_id: _opty, cle_name: _cle, record_type_name: _type, ...kept } = record
      await db.records.put({ ...kept, ...(await describeInput(db, input)), sync: 'pending' })
    }),
  )
}

/**
 * The user picked which server record an ambiguous create became: the create completes as that
 * record, exactly as if the engine had found it alone.
 */
export function adoptCandidate(db: CacheDb, seq: number, serverId: IdString, now = Date.now()): Promise<void> {
  return guardStorage(() =>
    db.transaction('rw', [db.outbox, db.records], async () => {
      const entry = await db.outbox.get(seq)
      if (entry?.kind !== 'create' || entry.state !== 'attention' || !entry.attention?.candidates?.includes(serverId)) {
        throw new Error(`${serverId} is not a candidate of outbox entry ${seq}`)
      }
      const existing = await db.records.get(serverId)
      if (existing?.local_id !== undefined && existing.local_id !== entry.recordId) {
        throw new Error(`${serverId} was already adopted by another create`)
      }
      await landCreate(db, entry, serverId, now)
    }),
  )
}

const isCreate = (entry: OutboxEntry): entry is CreateEntry => entry.kind === 'create'

function assertNotInFlight(entry: OutboxEntry): void {
  if (entry.state === 'sending' || entry.state === 'checking') throw new EntryInFlightError()
}

/** What the server is sent: the input without the display names. */
function payloadOf(input: LocalRecordInput): NewRecordInput {
  const payload: NewRecordInput = { cle_id: input.cle_id, record_type: input.record_type, record_content: input.record_content }
  if (input.opty_id !== undefined) payload.opty_id = input.opty_id
  return payload
}

type InputFields = Pick<
  CachedRecord,
  'cle_id' | 'opty_id' | 'record_type' | 'record_type_name' | 'record_content' | 'record_content_name' | 'cle_name'
>

/** The record fields an input sets; names the UI did not give come from the directory, as far as it knows them. */
async function describeInput(db: CacheDb, input: LocalRecordInput): Promise<InputFields> {
  const fields: InputFields = {
    cle_id: input.cle_id,
    record_type: input.record_type,
    record_content: input.record_content,
    record_content_name: htmlToText(input.record_content),
  }
  if (input.opty_id !== undefined) fields.opty_id = input.opty_id
  const cleName = input.cle_name ?? (await db.clients.get(input.cle_id))?.cle_name
  if (cleName !== undefined) fields.cle_name = cleName
  const typeName = input.record_type_name ?? (await db.recordTypes.get(input.record_type))?.dic_name
  if (typeName !== undefined) fields.record_type_name = typeName
  return fields
}
