import { describe, expect, it } from 'vitest'
import type { PullState, SyncStore } from '../../../../electron/shared/sync'
import { createLocalRecord, deleteLocalRecords } from '../../../../renderer/src/db/local-writes'
import type { CacheDb } from '../../../../renderer/src/db/schema'
import { createDexieSyncStore } from '../../../../renderer/src/db/sync-store'
import { cacheDbCountingReads, openTestDb, serverId, serverRow, useFreshIndexedDb } from './support'

useFreshIndexedDb()

const NOW = 1_760_000_000_000
const input = { cle_id: serverId(1_000_001), record_type: 36, record_content: '拜访' }
const error = { kind: 'network', message: 'ECONNRESET', at: NOW }

async function setup(): Promise<{ db: CacheDb; store: SyncStore }> {
  const db = await openTestDb()
  return { db, store: createDexieSyncStore(db) }
}

describe('the outbox as the engine sees it', () => {
  it('lists entries in queue order, leaving out those waiting for the user', async () => {
    const { db, store } = await setup()
    const a = await createLocalRecord(db, input, NOW)
    await store.applyPage([serverRow(1)])
    await deleteLocalRecords(db, [serverId(1)], NOW)
    const c = await createLocalRecord(db, input, NOW)
    await store.markAttention(1, { reason: 'rejected', message: '不允许' })

    expect((await store.outbox()).map((e) => [e.seq, e.kind, e.recordId])).toEqual([
      [2, 'delete', serverId(1)],
      [3, 'create', c.id],
    ])
    expect((await db.records.get(a.id))?.sync).toBe('attention')
  })

  it('marks sending durably with the time and attempt, and mirrors each state on the record', async () => {
    const { db, store } = await setup()
    const record = await createLocalRecord(db, input, NOW)
    const sync = async () => (await db.records.get(record.id))?.sync

    await store.markSending([1], NOW + 5)
    expect(await store.outbox()).toEqual([expect.objectContaining({ state: 'sending', sentAt: NOW + 5, attempts: 1 })])
    expect(await sync()).toBe('sending')

    await store.markChecking([1])
    await store.noteError([1], error)
    expect(await store.outbox()).toEqual([expect.objectContaining({ state: 'checking', lastError: error, attempts: 1 })])
    expect(await sync()).toBe('checking')

    await store.markPending([1], { ...error, kind: 'auth' })
    expect(await store.outbox()).toEqual([expect.objectContaining({ state: 'pending', lastError: { ...error, kind: 'auth' } })])
    expect(await sync()).toBe('pending')

    await store.markSending([1, 99], NOW + 9) // an unknown seq is ignored
    expect(await store.outbox()).toEqual([expect.objectContaining({ state: 'sending', attempts: 2 })])
  })

  it('drops a refused create of a record the user already deleted instead of asking about it', async () => {
    const { db, store } = await setup()
    const record = await createLocalRecord(db, input, NOW)
    await store.markSending([1], NOW)
    await deleteLocalRecords(db, [record.id], NOW)

    await store.markAttention(1, { reason: 'rejected', message: '不允许' })
    expect(await db.outbox.count()).toBe(0)
    expect(await db.records.count()).toBe(0)
  })
})

describe('completing a create', () => {
  it('moves the record to its server id, keeps the local id, clears sync, removes the entry', async () => {
    const { db, store } = await setup()
    const record = await createLocalRecord(db, input, NOW)
    await store.markSending([1], NOW)
    await store.completeCreate(1, serverId(5))

    expect(await db.records.get(record.id)).toBeUndefined()
    const landed = await db.records.get(serverId(5))
    expect(landed).toMatchObject({ id: serverId(5), _id: serverId(5), local_id: record.id, record_content: '拜访' })
    expect(landed).not.toHaveProperty('sync')
    expect(await store.outbox()).toEqual([])
    expect(await store.adoptedServerIds()).toEqual([serverId(5)])
  })

  it('is harmless when a restarted engine reports the same landing twice', async () => {
    const { db, store } = await setup()
    await createLocalRecord(db, input, NOW)
    await createLocalRecord(db, input, NOW)
    await store.completeCreate(1, serverId(5))
    const after = await db.records.toArray()

    await store.completeCreate(1, serverId(5))
    expect(await db.records.toArray()).toEqual(after)
    expect((await store.outbox()).map((e) => e.seq)).toEqual([2])
  })

  it('merges a copy a pull already stored: one record, with the server fields', async () => {
    const { db, store } = await setup()
    const record = await createLocalRecord(db, input, NOW)
    await store.markSending([1], NOW)
    await store.markChecking([1])
    // The answer was lost, but the next pull brought the record in under its server id.
    await store.applyPage([serverRow(5, { record_content: '拜访', create_user_name: '8001 张三', create_time: 1_760_000_003 })])
    expect(await db.records.count()).toBe(2)

    await store.completeCreate(1, serverId(5))
    expect(await db.records.count()).toBe(1)
    expect(await db.records.get(serverId(5))).toMatchObject({
      local_id: record.id,
      create_user_name: '8001 张三',
      create_time: 1_760_000_003,
    })
  })

  it('keeps a pulled copy the user deleted hidden, with a single delete for it', async () => {
    const { db, store } = await setup()
    const record = await createLocalRecord(db, input, NOW)
    await store.markSending([1], NOW)
    await deleteLocalRecords(db, [record.id], NOW)
    await store.applyPage([serverRow(5)])
    await deleteLocalRecords(db, [serverId(5)], NOW)

    await store.completeCreate(1, serverId(5))
    expect(await store.outbox()).toEqual([expect.objectContaining({ kind: 'delete', recordId: serverId(5) })])
    expect(await db.records.get(serverId(5))).toMatchObject({ deleted: 1, local_id: record.id })
  })
})

describe('completing deletes', () => {
  it('removes the entries and their records', async () => {
    const { db, store } = await setup()
    await store.applyPage([serverRow(1), serverRow(2), serverRow(3)])
    await deleteLocalRecords(db, [serverId(1), serverId(2)], NOW)

    await store.completeDeletes([1, 2])
    expect(await db.outbox.count()).toBe(0)
    expect(await db.records.toCollection().primaryKeys()).toEqual([serverId(3)])
  })

  it('keeps the deletion of a record whose create waits for the user, and honours it if the create lands', async () => {
    const { db, store } = await setup()
    const record = await createLocalRecord(db, input, NOW)
    await store.markSending([1], NOW)
    await deleteLocalRecords(db, [record.id], NOW)
    await store.markAttention(1, { reason: 'ambiguous', message: '?', candidates: [serverId(1), serverId(2)] })
    // The engine no longer sees the create (attention is left out) and drops the waiting delete.
    await store.completeDeletes([2])
    expect(await db.records.get(record.id)).toMatchObject({ deleted: 1 })

    await store.completeCreate(1, serverId(2))
    expect(await store.outbox()).toEqual([expect.objectContaining({ kind: 'delete', recordId: serverId(2) })])
    expect(await db.records.get(serverId(2))).toMatchObject({ deleted: 1 })
  })
})

describe('pulling', () => {
  it('stores rows without their embedded objects, which go to the directory once each', async () => {
    const { db, store } = await setup()
    await store.applyPage([serverRow(1), serverRow(11), serverRow(2)])

    const stored = await db.records.get(serverId(1))
    expect(stored).not.toHaveProperty('client')
    expect(stored).not.toHaveProperty('opportunity')
    expect(stored).toMatchObject({ cle_id: serverId(1_000_001), cle_name: '客户 1' })
    expect(await db.clients.count()).toBe(2)
    expect(await db.clients.get(serverId(1_000_001))).toMatchObject({
      cle_name: '客户 1',
      cle_pinyin: 'kehu',
      [`input_${serverId(3_000_000)}`]: 'tenant value',
      updated: expect.any(Number),
    })
    expect(await db.opportunities.where('cle_id').equals(serverId(1_000_002)).toArray()).toEqual([
      expect.objectContaining({ id: serverId(2_000_002), opty_name: '商机 2' }),
    ])
  })

  it('writes a client again only when a later page brings it changed', async () => {
    const { db, store } = await setup()
    await store.applyPage([serverRow(1)])
    const first = await db.clients.get(serverId(1_000_001))
    await new Promise((resolve) => setTimeout(resolve, 5))
    await store.applyPage([serverRow(11)])
    expect(await db.clients.get(serverId(1_000_001))).toEqual(first) // same client, not rewritten

    const renamed = serverRow(21)
    renamed.client = { ...renamed.client!, cle_name: '客户 1（已更名）' }
    await store.applyPage([renamed])
    expect(await db.clients.get(serverId(1_000_001))).toMatchObject({ cle_name: '客户 1（已更名）' })
  })

  it('never overwrites a record with a pending operation: local wins', async () => {
    const { db, store } = await setup()
    await store.applyPage([serverRow(1, { record_content: 'v1' })])
    await deleteLocalRecords(db, [serverId(1)], NOW)
    const mine = await createLocalRecord(db, input, NOW)

    await store.applyPage([serverRow(1, { record_content: 'v2' }), serverRow(2), { ...serverRow(3), id: mine.id, _id: mine.id }])
    expect(await db.records.get(serverId(1))).toMatchObject({ record_content: 'v1', deleted: 1 })
    expect(await db.records.get(mine.id)).toMatchObject({ record_content: '拜访', sync: 'pending' })
    expect(await db.records.get(serverId(2))).toBeDefined()
  })

  it('updates an adopted record from the server without forgetting it was adopted', async () => {
    const { db, store } = await setup()
    const mine = await createLocalRecord(db, input, NOW)
    await store.completeCreate(1, serverId(1))
    await store.applyPage([serverRow(1, { record_content: '服务器版' })])

    expect(await db.records.get(serverId(1))).toMatchObject({ record_content: '服务器版', local_id: mine.id })
    expect(await store.adoptedServerIds()).toEqual([serverId(1)])
  })

  it('starts from a full download and stores the progress with the page', async () => {
    const { store } = await setup()
    expect(await store.pullState()).toEqual({ phase: 'full', cursor: '', total: 0, fetched: 0, newestCreateTime: 0 })

    const pull: PullState = { phase: 'full', cursor: 'c2', total: 3, fetched: 2, newestCreateTime: 1_700_000_002 }
    await store.applyPage([serverRow(2), serverRow(1)], { pull })
    expect(await store.pullState()).toEqual(pull)

    await store.savePullState({ ...pull, phase: 'incremental', lastPullAt: NOW })
    expect(await store.pullState()).toMatchObject({ phase: 'incremental', lastPullAt: NOW })
  })

  it('moves newestCreateTime forward on incremental pages, never back', async () => {
    const { store } = await setup()
    await store.savePullState({ phase: 'incremental', cursor: '', total: 1, fetched: 1, newestCreateTime: 1_700_000_005 })

    await store.applyPage([serverRow(9), serverRow(3)])
    expect((await store.pullState()).newestCreateTime).toBe(1_700_000_009)
    await store.applyPage([serverRow(4)])
    expect(await store.pullState()).toMatchObject({ phase: 'incremental', newestCreateTime: 1_700_000_009 })
  })

  it('replaces the record types as a whole', async () => {
    const { db, store } = await setup()
    await store.saveRecordTypes([{ id: 36, dic_name: '系统自动' }, { id: 37, dic_name: '电话' }])
    await store.saveRecordTypes([{ id: 37, dic_name: '电话回访' }])
    expect(await db.recordTypes.toArray()).toEqual([{ id: 37, dic_name: '电话回访' }])
  })
})

describe('counting and removing what the server no longer has', () => {
  it('counts only server records without a local operation', async () => {
    const { db, store } = await setup()
    await store.applyPage([serverRow(1), serverRow(2), serverRow(3)])
    await deleteLocalRecords(db, [serverId(1)], NOW)
    const inFlight = await createLocalRecord(db, input, NOW) // seq 2
    await createLocalRecord(db, input, NOW) // seq 3, still pending
    await store.markSending([2], NOW)
    await deleteLocalRecords(db, [inFlight.id], NOW) // hidden and unsent: counted once, as not synced
    await createLocalRecord(db, input, NOW) // seq 5, lands as server record 4
    await store.completeCreate(5, serverId(4))

    expect(await store.syncedCount()).toBe(3) // 2, 3 and the adopted 4
  })

  it('removes ghosts created before the sweep, keeping listed, newer and locally changed records', async () => {
    const { db, store } = await setup()
    await store.applyPage([1, 2, 3, 4, 5, 6].map((n) => serverRow(n)))
    await deleteLocalRecords(db, [serverId(3)], NOW)
    await createLocalRecord(db, input, 1_000_000_000) // old local clock: still never a ghost

    const removed = await store.removeGhosts([serverId(1), serverId(2)], 1_700_000_006)
    expect(removed).toBe(2) // 4 and 5; 3 has a pending delete, 6 is not older than the sweep
    const left = await db.records.toArray()
    expect(left.map((r) => r.id).filter((id) => !id.startsWith('local:'))).toEqual([1, 2, 3, 6].map(serverId))
    expect(left).toHaveLength(5)
  })

  it('removes records the server does not have, but not ones with a pending operation', async () => {
    const { db, store } = await setup()
    await store.applyPage([serverRow(1), serverRow(2)])
    await deleteLocalRecords(db, [serverId(2)], NOW)
    await store.removeRecords([serverId(1), serverId(2), serverId(9)])
    expect(await db.records.toCollection().primaryKeys()).toEqual([serverId(2)])
  })
})

describe('at the scale of a real account', () => {
  it('stores 100,000 records in 500-row pages and sweeps them by id lists, reading only the missing ones', async () => {
    const { db, reads } = cacheDbCountingReads('ecrm:big', 'records')
    const store = createDexieSyncStore(db)
    const rows = Array.from({ length: 100_000 }, (_, n) => serverRow(n))
    for (let i = 0; i < rows.length; i += 500) await store.applyPage(rows.slice(i, i + 500))
    // No record is read back: the sparse indexes name the few with local operations (none here).
    expect(reads.values).toBe(0)
    await deleteLocalRecords(db, [serverId(1000)], NOW)

    // Every thousandth record is gone from the server; the one the user is deleting stays.
    const listed = rows.map((r) => r.id).filter((_, n) => n % 1000 !== 0)
    reads.calls = 0
    reads.values = 0
    expect(await store.removeGhosts(listed, 2_000_000_000)).toBe(100 - 1)
    expect(reads).toEqual({ calls: 2, values: 100 }) // the keys, then the 100 missing records

    expect(await store.syncedCount()).toBe(100_000 - 100)
    expect(await db.records.count()).toBe(100_000 - 99)
  })
})
