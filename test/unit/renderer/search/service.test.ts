import Dexie from 'dexie'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createLocalRecord, deleteLocalRecords, discardEntry } from '../../../../renderer/src/db/local-writes'
import type { CacheDb } from '../../../../renderer/src/db/schema'
import { createDexieSyncStore } from '../../../../renderer/src/db/sync-store'
import { createSearchService, type SearchResult, type SearchService } from '../../../../renderer/src/search'
import { readEarlyIndex } from '../../../../renderer/src/early-search/read-index'
import { offerEarlySnapshot } from '../../../../renderer/src/search/early-snapshot'
import { buildLinearScan } from '../../../../bench/page/linear-scan'
import { openTestDb, track, useFreshIndexedDb } from '../db/support'
import { dataset, id, openCountingSearchDb, openSearchDb, row, type ClientSeed } from './support'

useFreshIndexedDb()

const NOW = 1_760_000_000_000
const ZHANG: ClientSeed = { id: id(900_001), name: '张三', phone: '13812345678' }
const LI: ClientSeed = { id: id(900_002), name: '李四', phone: '13987654321' }

const all = (result: SearchResult) => result.slice(0, result.total)
const rawIdb = () => ({ factory: Dexie.dependencies.indexedDB, keyRange: Dexie.dependencies.IDBKeyRange })

const opened: SearchService[] = []
afterEach(() => {
  for (const service of opened.splice(0)) service.close()
})

function serviceOf(db: CacheDb): SearchService {
  const service = createSearchService(db, { persistDelayMs: 60_000 })
  opened.push(service)
  return service
}

async function readyService(db: CacheDb): Promise<SearchService> {
  const service = serviceOf(db)
  await service.ready
  return service
}

/** A cache of 500 downloaded records whose index has been persisted, and the service that did it (still open). */
async function persistedCache(name: string): Promise<{ db: CacheDb; first: SearchService }> {
  const db = await openSearchDb(name)
  await createDexieSyncStore(db).applyPage(dataset(500))
  const first = await readyService(db)
  await first.flush()
  return { db, first }
}

/** A fresh linear scan of what the cache holds now: what every search must return. */
async function expectSameAsCache(db: CacheDb, service: SearchService, queries: readonly string[]): Promise<void> {
  const scan = buildLinearScan(await db.records.toArray(), await db.clients.toArray())
  for (const query of queries) {
    for (const order of ['newest', 'client'] as const) {
      expect({ query, order, ids: all(service.search(query, {}, order)) }).toEqual({ query, order, ids: scan.search(query, {}, order) })
    }
  }
}

describe('starting', () => {
  it('refuses a cache opened without the search middleware', async () => {
    const db = await openTestDb('ecrm:plain')
    expect(() => createSearchService(db)).toThrow(/searchMiddleware/)
  })

  it('is ready at once on an empty cache, and finds nothing', async () => {
    const service = await readyService(await openSearchDb())
    expect(service.isReady).toBe(true)
    expect(service.search('').total).toBe(0)
  })

  it('builds from a cache that has records but no persisted index, and reports when it is done', async () => {
    const db = await openSearchDb()
    await createDexieSyncStore(db).applyPage(dataset(2500))
    const service = serviceOf(db)
    expect(service.isReady).toBe(false)
    const changed = vi.fn()
    service.onChange(changed)
    await service.ready
    expect(service.isReady).toBe(true)
    expect(changed).toHaveBeenCalled()
    expect(service.search('').total).toBe(2500)
    await expectSameAsCache(db, service, ['张', 'zw', '报价', '13', 'crm 回访'])
  })

  it('builds the index of a cache written before search existed (schema v2)', async () => {
    const v2 = track(new Dexie('ecrm:v2'))
    v2.version(1).stores({ records: 'id, create_time, cle_id, local_id', outbox: '++seq, recordId', recordTypes: 'id', clients: 'id', opportunities: 'id, cle_id', meta: 'key' })
    v2.version(2).stores({ records: 'id, create_time, cle_id, local_id, sync' })
    const { client, opportunity: _opportunity, ...record } = row(1, ZHANG)
    await v2.table('records').put(record)
    await v2.table('clients').put({ ...client, updated: NOW })
    v2.close()

    const db = await openSearchDb('ecrm:v2')
    const service = await readyService(db)
    expect(db.verno).toBe(3)
    expect(all(service.search('zs 1381'))).toEqual([id(1)])
  })

  it('loses no write made while it builds', async () => {
    const db = await openSearchDb()
    const store = createDexieSyncStore(db)
    await store.applyPage(dataset(3000))
    const service = serviceOf(db)
    // Writes land between the pages the build reads: new records, changed ones, deleted ones.
    const writing = (async () => {
      await store.applyPage([row(5000, ZHANG, { record_content: '建造期间写入', record_content_name: '建造期间写入' })])
      await deleteLocalRecords(db, [id(2999), id(10)], NOW)
      await store.applyPage([row(11, LI, { record_content: '改过了', record_content_name: '改过了' })])
    })()
    await Promise.all([service.ready, writing])
    expect(all(service.search('建造期间'))).toEqual([id(5000)])
    expect(all(service.search('改过了'))).toEqual([id(11)])
    await expectSameAsCache(db, service, ['', '张', 'zs', '报价', 'lisi'])
  })
})

describe('following the cache', () => {
  it('finds a local create as soon as its write resolves, and says the set changed', async () => {
    const db = await openSearchDb()
    await createDexieSyncStore(db).applyPage([row(1, ZHANG)])
    const service = await readyService(db)
    const changed = vi.fn()
    service.onChange(changed)

    const record = await createLocalRecord(db, { cle_id: ZHANG.id, record_type: 39, record_content: '<p>刚刚<b>写的</b>跟进</p>' }, NOW)
    // No await in between: the index was updated before the write's promise resolved.
    expect(all(service.search('刚刚写的'))).toEqual([record.id])
    expect(all(service.search('zs 刚刚'))).toEqual([record.id])
    expect(all(service.search('1381'))).toEqual([record.id, id(1)])
    expect(changed).toHaveBeenCalledOnce()
  })

  it('hides records deleted locally and shows one again when its delete is discarded', async () => {
    const db = await openSearchDb()
    await createDexieSyncStore(db).applyPage([row(1, ZHANG), row(2, ZHANG)])
    const service = await readyService(db)
    const local = await createLocalRecord(db, { cle_id: ZHANG.id, record_type: 39, record_content: '本地新建' }, NOW)

    await deleteLocalRecords(db, [id(1), local.id], NOW)
    expect(all(service.search('zhangsan'))).toEqual([id(2)])
    const [entry] = await db.outbox.toArray()
    await discardEntry(db, entry!.seq)
    expect(all(service.search('zhangsan'))).toEqual([id(2), id(1)])
  })

  it('follows pulls: new records, changed records, clients whose phone changed', async () => {
    const db = await openSearchDb()
    const store = createDexieSyncStore(db)
    await store.applyPage([row(1, ZHANG), row(2, LI)])
    const service = await readyService(db)

    await store.applyPage([
      row(3, ZHANG, { record_content: '新拉取的', record_content_name: '新拉取的' }),
      row(2, { ...LI, phone: '13700000000' }, { record_content: '对方改了内容', record_content_name: '对方改了内容' }),
    ])
    expect(all(service.search('新拉取'))).toEqual([id(3)])
    expect(all(service.search('对方改了'))).toEqual([id(2)])
    expect(all(service.search('拜访第2次'))).toEqual([])
    expect(all(service.search('1370000'))).toEqual([id(2)])
    expect(all(service.search('13987654321'))).toEqual([])
    await store.removeRecords([id(1)])
    expect(all(service.search('zhangsan'))).toEqual([id(3)])
  })

  it('moves a landed create from its local id to its server id', async () => {
    const db = await openSearchDb()
    const store = createDexieSyncStore(db)
    await store.applyPage([row(1, ZHANG)])
    const service = await readyService(db)
    const local = await createLocalRecord(db, { cle_id: ZHANG.id, record_type: 39, record_content: '离线写的' }, NOW)
    expect(all(service.search('离线写的'))).toEqual([local.id])

    await store.markSending([1], NOW)
    await store.completeCreate(1, id(77))
    expect(all(service.search('离线写的'))).toEqual([id(77)])
    expect(service.search('').total).toBe(2)
  })

  it('ignores a transaction that failed', async () => {
    const db = await openSearchDb()
    const service = await readyService(db)
    const failing = db.transaction('rw', [db.records], async () => {
      const { client: _client, ...record } = row(1, ZHANG)
      await db.records.put(record)
      throw new Error('changed my mind')
    })
    await expect(failing).rejects.toThrow('changed my mind')
    expect(service.search('').total).toBe(0)
    expect(await db.searchChanges.count()).toBe(0)
  })

  it('logs the ids of every write in the same transaction, until the index is persisted', async () => {
    const db = await openSearchDb()
    const store = createDexieSyncStore(db)
    const service = await readyService(db)
    await store.applyPage([row(1, ZHANG), row(2, LI)])
    await deleteLocalRecords(db, [id(1)], NOW)
    const logged = await db.searchChanges.toArray()
    expect(logged.map(({ table, keys }) => ({ table, keys: [...(keys ?? [])].sort() }))).toEqual([
      { table: 'records', keys: [id(1), id(2)].sort() },
      { table: 'clients', keys: [ZHANG.id, LI.id].sort() },
      { table: 'records', keys: [id(1)] },
    ])
    await service.flush()
    expect(await db.searchChanges.count()).toBe(0)
  })

  it('empties on a cleared table', async () => {
    const db = await openSearchDb()
    await createDexieSyncStore(db).applyPage([row(1, ZHANG), row(2, LI)])
    const service = await readyService(db)
    await db.records.clear()
    expect(service.search('').total).toBe(0)
  })
})

describe('persisting', () => {
  it('restores from the persisted index without reading a single record', async () => {
    const db = await openSearchDb('ecrm:persist')
    await createDexieSyncStore(db).applyPage(dataset(2000))
    const first = await readyService(db)
    await first.flush()
    expect(await db.searchChanges.count()).toBe(0)
    const before = all(first.search('报价 zw'))
    first.close()
    db.close()

    const { db: again, reads } = await openCountingSearchDb('ecrm:persist')
    const restored = await readyService(again)
    expect(reads.records).toBe(0)
    expect(all(restored.search('报价 zw'))).toEqual(before)
    await expectSameAsCache(again, restored, ['', '张', 'zs', '13', 'crm'])
  })

  it('repairs an index persisted before later writes by reading only the records they touched', async () => {
    const db = await openSearchDb('ecrm:stale')
    const store = createDexieSyncStore(db)
    await store.applyPage(dataset(2000))
    const first = await readyService(db)
    await first.flush()
    // Written after the persist, and the app quits before the next one.
    const local = await createLocalRecord(db, { cle_id: ZHANG.id, cle_name: ZHANG.name, record_type: 39, record_content: '退出前写的' }, NOW)
    await deleteLocalRecords(db, [id(5), id(6)], NOW)
    await store.applyPage([row(7, LI, { record_content: '退出前改的', record_content_name: '退出前改的' })])
    first.close()
    db.close()

    const { db: again, reads } = await openCountingSearchDb('ecrm:stale')
    const restored = await readyService(again)
    expect(reads.records).toBeLessThanOrEqual(4)
    expect(all(restored.search('退出前写的'))).toEqual([local.id])
    expect(all(restored.search('退出前改的'))).toEqual([id(7)])
    expect(all(restored.search('lisi'))).toEqual([id(7)])
    await expectSameAsCache(again, restored, ['', '张', 'zs', '13', 'crm'])
  })

  it('takes the index the early-search worker read ahead of the app, and reads no index row itself', async () => {
    const db = await openSearchDb('ecrm:early')
    await createDexieSyncStore(db).applyPage(dataset(2000))
    const first = await readyService(db)
    await first.flush()
    const before = all(first.search('报价 zw'))
    first.close()
    db.close()

    const early = await readEarlyIndex(rawIdb(), 'ecrm:early')
    early!.db.close()
    expect(early!.upToDate).toBe(true)
    const asked: string[] = []
    offerEarlySnapshot(async (name) => {
      asked.push(name)
      return early!.snapshot
    })
    const { db: again, reads } = await openCountingSearchDb('ecrm:early')
    const indexReads = vi.spyOn(again.searchIndex, 'bulkGet')
    const restored = await readyService(again)
    expect(asked).toEqual(['ecrm:early'])
    expect(indexReads).not.toHaveBeenCalled()
    expect(reads.records).toBe(0)
    expect(all(restored.search('报价 zw'))).toEqual(before)
    await expectSameAsCache(again, restored, ['', '张', 'zs', '13', 'crm'])
  })

  it('reads the index itself when the one read ahead is not the one in force any more', async () => {
    const { db, first } = await persistedCache('ecrm:early-stale')
    const early = await readEarlyIndex(rawIdb(), 'ecrm:early-stale')
    early!.db.close()
    // A later persist replaces it, and drops the change log from its watermark on.
    const local = await createLocalRecord(db, { cle_id: ZHANG.id, cle_name: ZHANG.name, record_type: 39, record_content: '后来写的' }, NOW)
    await first.flush()
    first.close()
    db.close()

    offerEarlySnapshot(async () => early!.snapshot)
    const again = await openSearchDb('ecrm:early-stale')
    const restored = await readyService(again)
    expect(all(restored.search('后来写的'))).toEqual([local.id])
    await expectSameAsCache(again, restored, ['', '张', 'zs'])
  })

  it('says an index read ahead is behind the cache when writes came after it, and repairs it when taken', async () => {
    const { db, first } = await persistedCache('ecrm:early-behind')
    const local = await createLocalRecord(db, { cle_id: ZHANG.id, cle_name: ZHANG.name, record_type: 39, record_content: '退出前写的' }, NOW)
    first.close()
    db.close()

    const early = await readEarlyIndex(rawIdb(), 'ecrm:early-behind')
    early!.db.close()
    expect(early!.upToDate).toBe(false)
    offerEarlySnapshot(async () => early!.snapshot)
    const again = await openSearchDb('ecrm:early-behind')
    const restored = await readyService(again)
    expect(all(restored.search('退出前写的'))).toEqual([local.id])
  })

  it('rebuilds when the persisted index is unusable', async () => {
    const { db, first } = await persistedCache('ecrm:damaged')
    first.close()
    const manifest = await db.searchIndex.get('manifest')
    await db.searchIndex.put({ key: 'manifest', value: { ...(manifest!.value as object), docPieces: 7 } })
    db.close()

    const again = await openSearchDb('ecrm:damaged')
    const rebuilt = await readyService(again)
    await expectSameAsCache(again, rebuilt, ['', '张', 'zw', '报价'])
  })

  it('rebuilds when a row of record texts lost one, rather than shift every text after it', async () => {
    const { db, first } = await persistedCache('ecrm:truncated')
    first.close()
    const docs = (await db.searchIndex.toArray()).find((row) => row.key.endsWith(':docs.0'))!
    const { ids, texts } = docs.value as { ids: string; texts: string }
    await db.searchIndex.put({ key: docs.key, value: { ids, texts: texts.slice(texts.indexOf('\u0000') + 1) } })
    db.close()

    const again = await openSearchDb('ecrm:truncated')
    const rebuilt = await readyService(again)
    // Terms of three characters and more are checked against the texts.
    const phrase = (await again.records.orderBy('create_time').last())!.record_content_name!.slice(0, 4)
    await expectSameAsCache(again, rebuilt, ['', '张', phrase, 'crm 回访'])
  })

  it('rebuilds after a range delete it cannot replay id by id', async () => {
    const { db, first } = await persistedCache('ecrm:cleared')
    first.close()
    await db.records.where(':id').below(id(250)).delete()
    db.close()

    const again = await openSearchDb('ecrm:cleared')
    const rebuilt = await readyService(again)
    expect(rebuilt.search('').total).toBe(250)
    await expectSameAsCache(again, rebuilt, ['', '张', 'zw'])
  })

  it('persists by itself once writes have been quiet for a while', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    try {
      const db = await openSearchDb('ecrm:quiet')
      const service = createSearchService(db, { persistDelayMs: 1000 })
      opened.push(service)
      await service.ready
      await createDexieSyncStore(db).applyPage([row(1, ZHANG)])
      expect(await db.searchIndex.get('manifest')).toBeUndefined()
      await vi.advanceTimersByTimeAsync(1500)
      await vi.waitFor(async () => expect(await db.searchIndex.get('manifest')).toBeDefined())
    } finally {
      vi.useRealTimers()
    }
  })
})
