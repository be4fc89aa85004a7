/**
 * How outbox changes show on the cached records. Shared by the sync store (the engine's side) and
 * local writes (the user's side); each function runs inside the caller's 'rw' transaction over
 * `records` and `outbox`, so the entry and its record never disagree on disk.
 */
import type { IdString } from '../../../electron/shared/records'
import type { CreateEntry, DeleteEntry, OutboxEntry } from '../../../electron/shared/sync'
import type { CacheDb } from './schema'
import type { CachedRecord } from './types'

/** A record the user changed that the server has not confirmed yet: local wins over any pull. */
export const hasLocalOp = (record: CachedRecord): boolean => record.deleted === 1 || record.sync !== undefined

const isDelete = (entry: OutboxEntry): entry is DeleteEntry => entry.kind === 'delete'

/** Copies each create entry's state onto its record's `sync`. */
export async function mirrorCreateStates(db: CacheDb, entries: readonly OutboxEntry[]): Promise<void> {
  const changes = entries.flatMap((e) => (e.kind === 'create' ? [{ key: e.recordId, changes: { sync: e.state } }] : []))
  if (changes.length > 0) await db.records.bulkUpdate(changes)
}

/** Drops a create that never reached the server: its entry, its local record and deletes waiting for it. */
export async function cancelCreate(db: CacheDb, entry: CreateEntry): Promise<void> {
  const seqs = await db.outbox.where('recordId').equals(entry.recordId).primaryKeys()
  await db.outbox.bulkDelete(seqs)
  await db.records.delete(entry.recordId)
}

/**
 * The create landed as `serverId`. The record moves to the server id (merged with any copy a pull
 * stored there first: the server's fields win), keeps its local id and loses `sync`. Deletes
 * waiting on the local id are re-aimed at the server id; a record the user hid without a delete
 * left in the queue gets one, so the deletion is never lost. Finally the entry goes.
 */
export async function landCreate(db: CacheDb, entry: CreateEntry, serverId: IdString, now: number): Promise<void> {
  const localId = entry.recordId
  const [local, pulled] = await db.records.bulkGet([localId, serverId])
  const deletes = (await db.outbox.where('recordId').anyOf([localId, serverId]).toArray()).filter(isDelete)
  const hidden = deletes.length > 0 || local?.deleted === 1 || pulled?.deleted === 1

  await aimDeletesAt(db, serverId, deletes, hidden, now)
  const base = local && pulled ? { ...local, ...pulled } : (local ?? pulled)
  if (base) {
    const { sync: _sync, deleted: _deleted, local_id: _localId, ...fields } = base
    const landed: CachedRecord = { ...fields, id: serverId, _id: serverId, local_id: localId }
    if (hidden) landed.deleted = 1
    if (local) await db.records.delete(localId)
    await db.records.put(landed)
  }
  await db.outbox.delete(entry.seq)
}

/**
 * Leaves exactly one delete aimed at `serverId` if the record is to go, none otherwise. One that
 * already targets the server id (the user deleted a pulled copy) is kept in preference.
 */
async function aimDeletesAt(db: CacheDb, serverId: IdString, deletes: DeleteEntry[], hidden: boolean, now: number): Promise<void> {
  const [keep, ...extra] = [...deletes.filter((e) => e.recordId === serverId), ...deletes.filter((e) => e.recordId !== serverId)]
  if (keep) {
    if (keep.recordId !== serverId) await db.outbox.put({ ...keep, recordId: serverId })
    await db.outbox.bulkDelete(extra.map((e) => e.seq))
  } else if (hidden) {
    await db.outbox.add({ kind: 'delete', recordId: serverId, state: 'pending', attempts: 0, queuedAt: now })
  }
}
