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
import { useKnownRows } from './useKnownRows'
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

/** The rows of one window, with the query they were found for (highlighting follows it). */
interface LoadedWindow {
  start: number
  rows: (RecordRow | undefined)[]
  query: string
  /** The search result's ids the rows are for; absent for the newest rows read before the index is ready. */
  ids?: readonly string[]
}

/** A window of search results as read from the cache, with the clients its rows were shown with. */
type ReadWindow = LoadedWindow & { clients?: ReadonlyMap<string, CachedClient> }

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

  /** The window of search results to show: which ids, for which query. */
  const wanted = computed(() => {
    const found = result.value
    if (!found) return undefined
    const { start, end } = window.value
    return { start, ids: found.slice(start, end), query: query.value }
  })

  const read = useRecordLiveQuery<ReadWindow>(() => {
    const cache = db.value
    const want = wanted.value
    if (want) {
      return async () => {
        const { rows, clients } = await rowsOf(cache, await cache.records.bulkGet([...want.ids]))
        return { ...want, rows, clients }
      }
    }
    const { start, end } = window.value
    return async () => {
      const records = await newestVisible(cache, start, end - start)
      // Without the index the query cannot be honoured yet; the rows are the newest, unhighlighted.
      return { start, query: '', rows: (await rowsOf(cache, records)).rows }
    }
  })

  const known = useKnownRows(db)
  watch(read, (answer) => answer?.clients && known.remember(answer.rows, answer.clients))

  /** The read window while it answers what is wanted; before its next read answers, the wanted rows if all are known. */
  const loaded = computed<LoadedWindow | undefined>(() => {
    const current = read.value
    const want = wanted.value
    if (!want || (current?.ids && current.start === want.start && current.query === want.query && sameIds(current.ids, want.ids))) {
      return current
    }
    const rows = known.rowsFor(want.ids)
    return rows ? { ...want, rows } : current
  })

  /** Before the index is ready: records not deleted. Counted apart, so the first rows need not wait for it. */
  const cachedCount = useRecordLiveQuery(() => {
    const cache = db.value
    if (result.value) return undefined
    return async () => (await cache.records.count()) - (await hiddenIds(cache)).size
  })

  /** Results in all: the search's count, else the cache's, else (for a moment at start) the rows read. */
  const total = computed(() => {
    if (result.value) return result.value.total
    if (cachedCount.value !== undefined) return cachedCount.value
    const current = loaded.value
    return current ? current.start + current.rows.length : 0
  })

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

/** Ids of records the user deleted whose deletes are still queued (the outbox is small). */
async function hiddenIds(db: CacheDb): Promise<Set<string>> {
  return new Set((await db.outbox.toArray()).filter((entry) => entry.kind === 'delete').map((entry) => entry.recordId))
}

/**
 * The newest records not deleted, [offset, offset + count): one walk down the create_time index.
 * No Dexie filter(): with one, Dexie reads far more than the page (measured: 10x slower at 5,000
 * records). Deleted records are few (their deletes are still queued): the page is read from the
 * offset while the outbox is read; only if some record is deleted is it read again from the top,
 * skipping them.
 */
async function newestVisible(db: CacheDb, offset: number, count: number): Promise<CachedRecord[]> {
  const newest = () => db.records.orderBy('create_time').reverse()
  const [hidden, page] = await Promise.all([hiddenIds(db), newest().offset(offset).limit(count).toArray()])
  if (hidden.size === 0) return page
  const records = await newest().limit(offset + count + hidden.size).toArray()
  return records.filter((record) => record.deleted !== 1).slice(offset, offset + count)
}

async function rowsOf(db: CacheDb, records: (CachedRecord | undefined)[]) {
  const clientIds = [...new Set(records.flatMap((record) => (record ? [record.cle_id] : [])))]
  const clients = new Map<string, CachedClient>()
  for (const client of await db.clients.bulkGet(clientIds)) if (client) clients.set(client.id, client)
  const rows = records.map((record) => (record && record.deleted !== 1 ? toRecordRow(record, clients.get(record.cle_id)) : undefined))
  return { rows, clients }
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i])
}
