/**
 * The record list's data: the search result for the query and filters, and the records of the
 * window on screen. Only ids are held for the whole result; records are read (one bulkGet) for
 * the rows in view plus some overscan, so 100,000 results cost what 60 do.
 *
 * Until the search service has built its index, the newest records come straight from the
 * `create_time` index, a page at a time, so the list fills at once on a cold start.
 */
import { computed, onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue'
import type { CacheDb } from '../db/schema'
import type { CachedClient, CachedRecord } from '../db/types'
import { toRecordRow, type RecordRow } from '../records/record-row'
import type { RecordFilters, RecordOrder, RecordSearch, RecordSearchResult } from './useRecordsEnv'
import { useRecordLiveQuery } from './useRecordLiveQuery'

/** Rows are read in blocks of this many, so scrolling a little reads nothing new. */
export const WINDOW_BLOCK = 30

export interface RecordListOptions {
  db: Readonly<Ref<CacheDb>>
  search: Readonly<Ref<RecordSearch | null>>
  query: Readonly<Ref<string>>
  filters: Readonly<Ref<RecordFilters>>
  order: Readonly<Ref<RecordOrder>>
}

/** The rows read for one window, with the query they were found for (highlighting follows it). */
interface LoadedWindow {
  start: number
  rows: (RecordRow | undefined)[]
  query: string
  /** Results in all (search), or records in the cache (before the index is ready). */
  total: number
}

export function useRecordList(options: RecordListOptions) {
  const { db, search, query, filters, order } = options
  const result = shallowRef<RecordSearchResult | null>(null)
  const searchReady = ref(false)
  /** Block-aligned [start, end) of what is read. */
  const window = ref({ start: 0, end: 2 * WINDOW_BLOCK })

  function runSearch(): void {
    const service = search.value
    searchReady.value = service?.isReady ?? false
    result.value = service?.isReady ? service.search(query.value.trim(), { ...filters.value }, order.value) : null
  }

  let stopListening: (() => void) | undefined
  watch(
    search,
    (service) => {
      stopListening?.()
      stopListening = service?.onChange(runSearch)
      service?.ready.then(() => {
        if (search.value === service) runSearch()
      }, () => undefined)
    },
    { immediate: true },
  )
  onScopeDispose(() => stopListening?.())
  watch([query, filters, order], runSearch, { deep: true, immediate: true })

  const loaded = useRecordLiveQuery<LoadedWindow>(() => {
    const cache = db.value
    const found = result.value
    const { start, end } = window.value
    const forQuery = query.value
    if (found) {
      const ids = found.slice(start, end)
      return async () => ({ start, query: forQuery, total: found.total, rows: await rowsOf(cache, await cache.records.bulkGet(ids)) })
    }
    return async () => {
      const [total, records] = await Promise.all([visibleCount(cache), newestRecords(cache, start, end - start)])
      // Without the index the query cannot be honoured yet; the rows are the newest, unhighlighted.
      return { start, query: '', total, rows: await rowsOf(cache, records) }
    }
  })

  /** Results in all: the search's count as soon as it answers, else what the last window read. */
  const total = computed(() => result.value?.total ?? loaded.value?.total ?? 0)

  function rowAt(index: number): RecordRow | undefined {
    const current = loaded.value
    if (!current || index < current.start) return undefined
    return current.rows[index - current.start]
  }

  /** The id at a position, also outside the loaded window while the search answers. */
  function idAt(index: number): string | undefined {
    if (index < 0 || index >= total.value) return undefined
    // The search answers for the current query; loaded rows may still be the previous query's.
    return result.value ? result.value.slice(index, index + 1)[0] : rowAt(index)?.id
  }

  /** Ids from `from` to `to` inclusive (range selection). Before the index is ready only loaded rows are known. */
  function idsBetween(from: number, to: number): string[] {
    const [a, b] = from <= to ? [from, to] : [to, from]
    if (result.value) return result.value.slice(a, b + 1)
    const ids: string[] = []
    for (let i = a; i <= b; i++) {
      const id = rowAt(i)?.id
      if (id !== undefined) ids.push(id)
    }
    return ids
  }

  /** Where a record is among the rows read, or -1. */
  function loadedIndexOf(id: string): number {
    const current = loaded.value
    const offset = current?.rows.findIndex((row) => row?.id === id) ?? -1
    return offset < 0 || !current ? -1 : current.start + offset
  }

  /** The list tells which rows are on screen; reading follows in whole blocks, one block ahead and behind. */
  function showRows(first: number, last: number): void {
    const start = Math.max(0, (Math.floor(first / WINDOW_BLOCK) - 1) * WINDOW_BLOCK)
    const end = (Math.floor(last / WINDOW_BLOCK) + 2) * WINDOW_BLOCK
    if (start !== window.value.start || end !== window.value.end) window.value = { start, end }
  }

  return {
    total,
    searchReady,
    /** The query the rows on screen were found for. */
    rowsQuery: computed(() => loaded.value?.query ?? ''),
    /** Changes whenever a new window of rows was read. */
    loadedWindow: loaded,
    rowAt,
    idAt,
    idsBetween,
    loadedIndexOf,
    showRows,
  }
}

/**
 * Records not deleted, without reading them: a deleted record always has its delete queued until
 * both go together, and the outbox is small.
 */
async function visibleCount(db: CacheDb): Promise<number> {
  const [all, outbox] = await Promise.all([db.records.count(), db.outbox.toArray()])
  return all - new Set(outbox.filter((entry) => entry.kind === 'delete').map((entry) => entry.recordId)).size
}

/** The newest records, skipping deleted ones: an index walk that stops after `count` rows. */
function newestRecords(db: CacheDb, offset: number, count: number): Promise<CachedRecord[]> {
  return db.records
    .orderBy('create_time')
    .reverse()
    .filter((record) => record.deleted !== 1)
    .offset(offset)
    .limit(count)
    .toArray()
}

async function rowsOf(db: CacheDb, records: (CachedRecord | undefined)[]): Promise<(RecordRow | undefined)[]> {
  const clientIds = [...new Set(records.flatMap((record) => (record ? [record.cle_id] : [])))]
  const clients = new Map<string, CachedClient>()
  for (const client of await db.clients.bulkGet(clientIds)) if (client) clients.set(client.id, client)
  return records.map((record) => (record && record.deleted !== 1 ? toRecordRow(record, clients.get(record.cle_id)) : undefined))
}
