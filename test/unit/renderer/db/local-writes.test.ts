import { describe, expect, it } from 'vitest'
import type { SyncStore } from '../../../../electron/shared/sync'
import {
  adoptCandidate,
  createLocalRecord,
  deleteLocalRecords,
  discardEntry,
  editAndRetryCreate,
  EntryInFlightError,
  retryEntry,
} from '../../../../renderer/src/db/local-writes'
import type { CacheDb } from '../../../../renderer/src/db/schema'
import { createDexieSyncStore } from '../../../../renderer/src/db/sync-store'
import { openTestDb, serverId, serverRow, useFreshIndexedDb } from './support'

useFreshIndexedDb()

const NOW = 1_760_000_000_000
const input = { cle_id: serverId(1_000_001), record_type: 36, record_content: '<p>电话回访 &amp; 报价</p>' }

async function setup(): Promise<{ db: CacheDb; store: SyncStore }> {
  const db = await openTestDb()
  return { db, store: createDexieSyncStore(db) }
}

/** The entry queued for a record (there is one per record and kind). */
async function entryFor(db: CacheDb, recordId: string, kind: 'create' | 'delete') {
  return (await db.outbox.where('recordId').equals(recordId).toArray()).find((e) => e.kind === kind)
}

describe('creating a record offline', () => {
  it('is visible at once as pending, with exactly one create queued', async () => {
    const { db, store } = await setup()
    const record = await createLocalRecord(db, input, NOW)

    expect(record.id).toMatch(/^local:[0-9a-f-]{36}$/)
    expect(await db.records.get(record.id)).toEqual(record)
    expect(record).toMatchObject({ sync: 'pending', create_time: NOW / 1000, record_content: input.record_content })
    expect(record.record_content_name).toBe('电话回访 & 报价')
    expect(await store.outbox()).toEqual([
      { seq: 1, kind: 'create', recordId: record.id, payload: input, state: 'pending', attempts: 0, queuedAt: NOW },
    ])
  })

  it('takes client and type names from the directory when the UI does not give them', async () => {
    const { db, store } = await setup()
    await store.applyPage([serverRow(1)])
    await store.saveRecordTypes([{ id: 36, dic_name: '系统自动' }])

    const record = await createLocalRecord(db, input, NOW)
    expect(record).toMatchObject({ cle_name: '客户 1', record_type_name: '系统自动' })

    const named = await createLocalRecord(db, { ...input, cle_name: '新客户', create_user_name: '8001 张三' }, NOW)
    expect(named).toMatchObject({ cle_name: '新客户', create_user_name: '8001 张三' })
  })

  it('sends only the payload, never the display names', async () => {
    const { db, store } = await setup()
    await createLocalRecord(db, { ...input, opty_id: serverId(2_000_001), cle_name: '客户', record_type_name: '电话' }, NOW)
    const [entry] = await store.outbox()
    expect(entry?.kind === 'create' && entry.payload).toEqual({ ...input, opty_id: serverId(2_000_001) })
  })
})

describe('deleting records', () => {
  it('cancels a create that was never sent: record and entry both gone, nothing queued', async () => {
    const { db, store } = await setup()
    const record = await createLocalRecord(db, input, NOW)
    await deleteLocalRecords(db, [record.id], NOW)

    expect(await db.records.count()).toBe(0)
    expect(await store.outbox()).toEqual([])
  })

  it('cancels a create the server refused (waiting in attention)', async () => {
    const { db, store } = await setup()
    const record = await createLocalRecord(db, input, NOW)
    await store.markAttention(1, { reason: 'rejected', message: '内容不能为空' })
    await deleteLocalRecords(db, [record.id], NOW)

    expect(await db.records.count()).toBe(0)
    expect(await db.outbox.count()).toBe(0)
  })

  it('hides a record whose create is on the wire and queues a delete that waits for it', async () => {
    const { db, store } = await setup()
    const record = await createLocalRecord(db, input, NOW)
    await store.markSending([1], NOW + 1)
    await deleteLocalRecords(db, [record.id], NOW + 2)

    expect(await db.records.get(record.id)).toMatchObject({ deleted: 1, sync: 'sending' })
    expect(await entryFor(db, record.id, 'delete')).toMatchObject({ seq: 2, state: 'pending', queuedAt: NOW + 2 })

    // The create lands: the delete now targets the server id, the record stays hidden.
    await store.completeCreate(1, serverId(7))
    expect(await store.outbox()).toEqual([expect.objectContaining({ kind: 'delete', recordId: serverId(7) })])
    expect(await db.records.get(serverId(7))).toMatchObject({ deleted: 1, local_id: record.id })
    expect(await db.records.get(record.id)).toBeUndefined()
  })

  it('hides a server record and queues its delete', async () => {
    const { db, store } = await setup()
    await store.applyPage([serverRow(1)])
    await deleteLocalRecords(db, [serverId(1)], NOW)

    expect(await db.records.get(serverId(1))).toMatchObject({ deleted: 1 })
    expect(await store.outbox()).toEqual([
      { seq: 1, kind: 'delete', recordId: serverId(1), state: 'pending', attempts: 0, queuedAt: NOW },
    ])
  })

  it('queues a delete once, however often the user deletes', async () => {
    const { db, store } = await setup()
    const record = await createLocalRecord(db, input, NOW)
    await store.markSending([1], NOW)
    await store.applyPage([serverRow(1)])

    await deleteLocalRecords(db, [serverId(1), serverId(1), record.id], NOW)
    await deleteLocalRecords(db, [serverId(1), record.id, 'no-such-id'], NOW)

    const deletes = (await db.outbox.toArray()).filter((e) => e.kind === 'delete')
    expect(deletes.map((e) => e.recordId)).toEqual([serverId(1), record.id])
  })
})

describe('resolving entries that need the user', () => {
  it('retries a refused create: pending again, record mirrors it, the question dropped', async () => {
    const { db, store } = await setup()
    const record = await createLocalRecord(db, input, NOW)
    await store.markAttention(1, { reason: 'rejected', message: '类型无效' })
    expect(await store.outbox()).toEqual([])
    expect((await db.records.get(record.id))?.sync).toBe('attention')

    await retryEntry(db, 1)
    const [entry] = await store.outbox()
    expect(entry).toMatchObject({ state: 'pending' })
    expect(entry).not.toHaveProperty('attention')
    expect((await db.records.get(record.id))?.sync).toBe('pending')
  })

  it('refuses to touch an entry whose request is on the wire', async () => {
    const { db, store } = await setup()
    await createLocalRecord(db, input, NOW)
    await store.markSending([1], NOW)
    await expect(retryEntry(db, 1)).rejects.toBeInstanceOf(EntryInFlightError)
    await expect(discardEntry(db, 1)).rejects.toBeInstanceOf(EntryInFlightError)
    await expect(editAndRetryCreate(db, 1, input)).rejects.toBeInstanceOf(EntryInFlightError)
  })

  it('discarding a create removes its record and any delete waiting for it', async () => {
    const { db, store } = await setup()
    const record = await createLocalRecord(db, input, NOW)
    await store.markSending([1], NOW)
    await deleteLocalRecords(db, [record.id], NOW)
    await store.markAttention(1, { reason: 'ambiguous', message: '?', candidates: [serverId(1), serverId(2)] })

    await discardEntry(db, 1)
    expect(await db.records.count()).toBe(0)
    expect(await db.outbox.count()).toBe(0)
  })

  it('discarding a delete shows the record again', async () => {
    const { db, store } = await setup()
    await store.applyPage([serverRow(1)])
    await deleteLocalRecords(db, [serverId(1)], NOW)

    await discardEntry(db, 1)
    expect(await db.records.get(serverId(1))).not.toHaveProperty('deleted')
    expect(await db.outbox.count()).toBe(0)
    await discardEntry(db, 1) // twice: nothing left to do
  })

  it('edit and retry replaces the payload and the record, names looked up again', async () => {
    const { db, store } = await setup()
    await store.applyPage([serverRow(2)])
    const record = await createLocalRecord(db, { ...input, opty_id: serverId(2_000_001), cle_name: '旧客户' }, NOW)
    await store.markAttention(1, { reason: 'rejected', message: '商机不属于该客户' })

    const fixed = { cle_id: serverId(1_000_002), record_type: 37, record_content: '改过的内容' }
    await editAndRetryCreate(db, 1, fixed)

    expect(await store.outbox()).toEqual([expect.objectContaining({ seq: 1, state: 'pending', payload: fixed })])
    const edited = await db.records.get(record.id)
    expect(edited).toMatchObject({ ...fixed, record_content_name: '改过的内容', cle_name: '客户 2', sync: 'pending' })
    expect(edited).not.toHaveProperty('opty_id')
  })

  it('adopting a candidate completes the create as that server record', async () => {
    const { db, store } = await setup()
    const record = await createLocalRecord(db, input, NOW)
    await store.markSending([1], NOW)
    await store.markAttention(1, { reason: 'ambiguous', message: '?', candidates: [serverId(1), serverId(2)] })

    await expect(adoptCandidate(db, 1, serverId(3))).rejects.toThrow(/not a candidate/)
    await adoptCandidate(db, 1, serverId(2))

    expect(await db.outbox.count()).toBe(0)
    expect(await db.records.get(serverId(2))).toMatchObject({ local_id: record.id, record_content: input.record_content })
    expect(await db.records.get(serverId(2))).not.toHaveProperty('sync')
    expect(await store.adoptedServerIds()).toEqual([serverId(2)])
  })

  it('will not adopt a server record another create already took', async () => {
    const { db, store } = await setup()
    await createLocalRecord(db, input, NOW)
    await createLocalRecord(db, input, NOW)
    await store.completeCreate(1, serverId(2))
    await store.markAttention(2, { reason: 'ambiguous', message: '?', candidates: [serverId(2), serverId(3)] })

    await expect(adoptCandidate(db, 2, serverId(2))).rejects.toThrow(/already adopted/)
  })
})
