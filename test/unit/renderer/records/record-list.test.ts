import { describe, expect, it } from 'vitest'
import { effectScope, nextTick, ref, shallowRef } from 'vue'
import { createLocalRecord, deleteLocalRecords } from '../../../../renderer/src/db/local-writes'
import { openCacheDb, type CacheDb } from '../../../../renderer/src/db/schema'
import { createSearchService, searchMiddleware } from '../../../../renderer/src/search'
import { createDexieSyncStore } from '../../../../renderer/src/db/sync-store'
import { useRecordList, WINDOW_BLOCK } from '../../../../renderer/src/composables/useRecordList'
import type { RecordFilters, RecordOrder, RecordSearch } from '../../../../renderer/src/composables/useRecordsEnv'
import { cacheDbCountingReads, openTestDb, serverId, serverRow, track, useFreshIndexedDb } from '../db/support'
import { FakeSearch } from './support/fake-search'

useFreshIndexedDb()

async function seeded(count: number, db?: CacheDb): Promise<CacheDb> {
  const cache = db ?? (await openTestDb())
  if (!cache.isOpen()) await cache.open()
  const store = createDexieSyncStore(cache)
  const rows = Array.from({ length: count }, (_, n) => serverRow(n))
  for (let i = 0; i < rows.length; i += 1000) await store.applyPage(rows.slice(i, i + 1000))
  return cache
}

function listOver(db: CacheDb, search: RecordSearch | null = null) {
  const scope = effectScope()
  const state = {
    db: shallowRef(db),
    search: shallowRef<RecordSearch | null>(search),
    query: ref(''),
    filters: ref<RecordFilters>({}),
    order: ref<RecordOrder>('newest'),
  }
  const list = scope.run(() => useRecordList(state))!
  return { list, ...state, stop: () => scope.stop() }
}

const idsOnScreen = (list: ReturnType<typeof listOver>['list'], count: number) =>
  Array.from({ length: count }, (_, i) => list.rowAt(i)?.id)

describe('the record list before the search index is ready', () => {
  it('shows the newest records straight from the cache, skipping deleted ones', async () => {
    const db = await seeded(100)
    await deleteLocalRecords(db, [serverId(98)])
    const { list, stop } = listOver(db)
    await expect.poll(() => list.rowAt(0)?.id).toBe(serverId(99))

    expect(list.searchReady.value).toBe(false)
    expect(idsOnScreen(list, 3)).toEqual([serverId(99), serverId(97), serverId(96)])
    expect(list.rowAt(0)).toMatchObject({ clientName: '客户 9', typeName: '系统自动', preview: '拜访 99', author: '8001 张三' })
    expect(list.rowAt(0)?.clientPhone).toBe('13800000000')
    await expect.poll(() => list.total.value).toBe(99)
    stop()
  })

  it('keeps positions exact past deleted records, deeper in the list too', async () => {
    const db = await seeded(200)
    await deleteLocalRecords(db, [serverId(150), serverId(120)])
    const { list, stop } = listOver(db)
    list.showRows(70, 80)
    await expect.poll(() => list.rowAt(78)?.id).toBe(serverId(119))
    // Positions 0..48 hold 199..151, 49..77 hold 149..121, then 119 onwards.
    expect([list.rowAt(48)?.id, list.rowAt(49)?.id, list.rowAt(77)?.id, list.rowAt(78)?.id]).toEqual([
      serverId(151),
      serverId(149),
      serverId(121),
      serverId(119),
    ])
    await expect.poll(() => list.total.value).toBe(198)
    stop()
  })

  it('reads one page through the create_time index, never the whole cache', async () => {
    const { db, reads } = cacheDbCountingReads('ecrm:reads', 'records')
    await seeded(5000, db)
    reads.values = 0
    const { list, stop } = listOver(db)
    await expect.poll(() => list.rowAt(0)?.id).toBe(serverId(4999))

    expect(reads.values).toBeLessThanOrEqual(2 * WINDOW_BLOCK)
    stop()
  })

  it('shows a new local record at the top at once, badged pending', async () => {
    const db = await seeded(10)
    const { list, stop } = listOver(db)
    await expect.poll(() => list.rowAt(0)?.id).toBe(serverId(9))
    const created = await createLocalRecord(db, { cle_id: serverId(1_000_001), record_type: 36, record_content: '新跟进', cle_name: '新客户' })
    await expect.poll(() => list.rowAt(0)?.id).toBe(created.id)

    expect(list.rowAt(0)).toMatchObject({ id: created.id, clientName: '新客户', preview: '新跟进', sync: 'pending' })
    await expect.poll(() => list.total.value).toBe(11)
    stop()
  })
})

describe('the record list over the search service', () => {
  async function ready(count: number) {
    const db = await seeded(count)
    const search = new FakeSearch()
    const list = listOver(db, search)
    search.load(await db.records.toArray())
    await expect.poll(() => list.list.rowAt(0)?.id).toBe(serverId(count - 1))
    return { ...list, db, search }
  }

  it('switches to search results once the index is ready', async () => {
    const { list, search, stop } = await ready(50)
    expect(list.searchReady.value).toBe(true)
    expect(search.asked.at(-1)).toEqual({ query: '', filters: {}, order: 'newest' })
    expect(list.total.value).toBe(50)
    expect(list.rowAt(0)?.id).toBe(serverId(49))
    stop()
  })

  it('searches as the query and filters change, and remembers which query the rows answer', async () => {
    const { list, search, query, filters, order, stop } = await ready(50)
    query.value = ' 拜访 4 '
    await nextTick()
    expect(search.asked.at(-1)?.query).toBe('拜访 4')
    filters.value = { clientId: serverId(1_000_004) }
    order.value = 'client'
    await expect.poll(() => idsOnScreen(list, 3)).toEqual([serverId(44), serverId(4), undefined])

    expect(search.asked.at(-1)).toEqual({ query: '拜访 4', filters: { clientId: serverId(1_000_004) }, order: 'client' })
    expect(idsOnScreen(list, 3)).toEqual([serverId(44), serverId(4), undefined])
    expect(list.total.value).toBe(2)
    expect(list.rowsQuery.value).toBe(' 拜访 4 ')
    stop()
  })

  it('reads only the records of the window on screen, in blocks', async () => {
    const { list, stop } = await ready(500)
    expect(list.rowAt(0)?.id).toBe(serverId(499))
    expect(list.rowAt(2 * WINDOW_BLOCK)).toBeUndefined()

    list.showRows(300, 310)
    await expect.poll(() => list.rowAt(300)?.id).toBe(serverId(199))
    expect(list.rowAt(0)).toBeUndefined()
    expect(list.idAt(0)).toBe(serverId(499))
    stop()
  })

  it('gives the ids of a range for shift-click selection', async () => {
    const { list, stop } = await ready(20)
    expect(list.idsBetween(3, 1)).toEqual([serverId(18), serverId(17), serverId(16)])
    stop()
  })

  it('runs the search again when the index changes', async () => {
    const { db, list, search, stop } = await ready(5)
    const created = await createLocalRecord(db, { cle_id: serverId(1_000_001), record_type: 36, record_content: '刚写的' })
    search.load(await db.records.toArray())
    await expect.poll(() => list.rowAt(0)?.id).toBe(created.id)
    expect(list.rowAt(0)).toMatchObject({ id: created.id, sync: 'pending' })
    expect(list.total.value).toBe(6)
    stop()
  })
})

describe('the record list over the real search service', () => {
  it('answers the query through the index, and shows a new local record at the top at once', async () => {
    const db = track(await openCacheDb('ecrm:list-search', { middlewares: [searchMiddleware] }))
    const store = createDexieSyncStore(db)
    await store.applyPage(Array.from({ length: 60 }, (_, n) => serverRow(n)))
    const search = createSearchService(db, { persistDelayMs: 60_000 })
    const { list, query, stop } = listOver(db, search)
    await search.ready
    await expect.poll(() => list.searchReady.value).toBe(true)
    expect(list.total.value).toBe(60)

    query.value = '拜访 5'
    // Both words, anywhere in the record or its client: 拜访 5, 15, ... 45, 50 ... 59.
    await expect.poll(() => list.total.value).toBe(15)
    await expect.poll(() => list.rowAt(0)?.id).toBe(serverId(59))

    query.value = ''
    const created = await createLocalRecord(db, { cle_id: serverId(1_000_001), record_type: 36, record_content: '刚写的跟进' })
    await expect.poll(() => list.rowAt(0)?.id).toBe(created.id)
    expect(list.rowAt(0)).toMatchObject({ id: created.id, sync: 'pending' })
    expect(list.total.value).toBe(61)
    stop()
    search.close()
  })

  it('shows a saved record from what it knows, before its next read of the cache returns', async () => {
    const { db, reads } = cacheDbCountingReads('ecrm:list-known', 'records')
    db.use(searchMiddleware)
    await seeded(60, db)
    const search = createSearchService(db, { persistDelayMs: 60_000 })
    const { list, stop } = listOver(db, search)
    await search.ready
    await expect.poll(() => list.rowAt(0)?.id).toBe(serverId(59))
    await new Promise((resolve) => setTimeout(resolve, 50))

    const created = await createLocalRecord(db, { cle_id: serverId(1_000_001), record_type: 36, record_content: '刚保存', cle_name: '客户 1' })
    reads.calls = 0
    // Synchronously, as the writer resumes: no read of the cache has had time to run.
    expect(list.rowAt(0)).toMatchObject({ id: created.id, clientName: '客户 1', clientPhone: '13800000000', preview: '刚保存', sync: 'pending' })
    expect(list.rowAt(1)?.id).toBe(serverId(59))
    expect(reads.calls).toBe(0)

    // The read still follows, and what it returns is what stays.
    const optimistic = list.loadedWindow.value
    await expect.poll(() => reads.calls).toBeGreaterThan(0)
    await expect.poll(() => list.loadedWindow.value).not.toBe(optimistic)
    expect(list.rowAt(0)).toMatchObject({ id: created.id, sync: 'pending' })
    expect(list.rowAt(59)?.id).toBe(serverId(1))
    stop()
    search.close()
  })
})
