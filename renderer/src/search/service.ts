/**
 * Instant search over one open cache. The index is restored from its persisted form and brought
 * up to date from the change log (reading only the ids written since), or, without a usable
 * persisted form, built by reading the cache page by page. From then on it follows every
 * committed write, and is persisted again a little after writes stop.
 */
import type { CacheDb } from '../db/schema'
import type { CachedClient, CachedRecord } from '../db/types'
import { isCaptured, onCommittedWrites, type CommittedWrites } from './change-capture'
import type { SearchFilters, SearchResult } from './query'
import { SearchIndex, type SearchOrder } from './search-index'
import { createSlicer } from './slicer'
import { takeEarlySnapshot } from './early-snapshot'
import { loadPinyin } from './pinyin'
import { isCurrentSnapshot, readSnapshot, writeSnapshot, type LoadedSnapshot } from './snapshot'

export interface SearchService {
  /** Resolves once the index is loaded from its persisted form, or built. */
  readonly ready: Promise<void>
  readonly isReady: boolean
  /** Synchronous. '' lists every visible record (filters applied). Before `ready`, searches what is indexed so far. */
  search(query: string, filters?: SearchFilters, order?: SearchOrder): SearchResult
  /**
   * The indexed set changed (records added, updated or removed): queries should run again. Called
   * synchronously when a write commits, before the code awaiting that write resumes, and as a
   * build progresses: schedule the re-query (bump a ref), do not render in the callback.
   */
  onChange(listener: () => void): () => void
  /** Persists the index now if it changed (e.g. before the app quits). */
  flush(): Promise<void>
  close(): void
}

export interface SearchServiceOptions {
  /** Quiet time after the last write before the index is persisted. */
  persistDelayMs?: number
  /**
   * Longest time a changed index waits to be persisted while writes keep coming. Long: persisting
   * competes with the writes (a first download), and the change log keeps an unpersisted index
   * repairable anyway.
   */
  persistMaxDelayMs?: number
}

/** Rows read per transaction when building or repairing. */
const READ_PAGE = 1000
/** A change log longer than this share of the records makes rebuilding cheaper than repairing. */
const REBUILD_SHARE = 0.25

type Followed = 'records' | 'clients'

export function createSearchService(db: CacheDb, options: SearchServiceOptions = {}): SearchService {
  if (!isCaptured(db.name)) {
    throw new Error('Open the cache with the search middleware: openCacheDb(name, { middlewares: [searchMiddleware] })')
  }
  const persistDelayMs = options.persistDelayMs ?? 2000
  const persistMaxDelayMs = options.persistMaxDelayMs ?? 5 * 60_000
  const listeners = new Set<() => void>()
  const slicer = createSlicer()

  let index: SearchIndex | undefined
  /** Highest change-log seq the index reflects. */
  let appliedSeq = 0
  /** Writes committed before there is an index to apply them to. */
  let early: CommittedWrites[] = []
  /** While reading the cache: the seq of the live write that last touched each id, so an older read does not undo it. */
  let touched: Map<string, number> | undefined
  let rangeDeleted = false
  let isReady = false
  let closed = false

  let dirtySince: number | undefined
  let persistTimer: ReturnType<typeof setTimeout> | undefined
  let persisting: Promise<void> | undefined

  const notify = () => {
    for (const listener of listeners) listener()
  }

  const stopFollowing = onCommittedWrites(db.name, (committed) => {
    if (!index) {
      early.push(committed)
      return
    }
    applyLive(index, committed)
    notify()
  })

  function applyLive(target: SearchIndex, committed: CommittedWrites): void {
    if (committed.seq <= appliedSeq) return
    target.apply(committed.writes)
    appliedSeq = committed.seq
    if (touched) {
      for (const write of committed.writes) {
        if (write.deletesWhere) rangeDeleted = true
        for (const id of write.deletes) touched.set(`${write.table}:${id}`, committed.seq)
        for (const row of write.puts) touched.set(`${write.table}:${(row as { id: string }).id}`, committed.seq)
      }
    }
    markDirty()
  }

  /** Applies rows read at change-log seq `readSeq`, except those a later live write already set. */
  function applyRead(table: Followed, rows: readonly unknown[], missing: readonly string[], readSeq: number): void {
    if (!index || closed) return
    const fresh = (id: string) => (touched?.get(`${table}:${id}`) ?? 0) <= readSeq
    const puts = rows.filter((row) => fresh((row as { id: string }).id))
    index.apply([{ table, puts, deletes: missing.filter(fresh) }])
    appliedSeq = Math.max(appliedSeq, readSeq)
  }

  /** Reads a table page by page in key order into the index. */
  async function readAll(table: Followed): Promise<void> {
    let after: string | undefined
    for (;;) {
      const { rows, seq } = await readPage(db, table, after)
      applyRead(table, rows, [], seq)
      notify()
      const last = rows.at(-1) as { id: string } | undefined
      if (!last || rows.length < READ_PAGE || closed) return
      after = last.id
      await slicer.yield()
    }
  }

  /** Reads these ids (present or not) into the index. */
  async function readIds(table: Followed, ids: readonly string[]): Promise<void> {
    for (let start = 0; start < ids.length && !closed; start += READ_PAGE) {
      const chunk = ids.slice(start, start + READ_PAGE)
      const { rows, seq } = await readKeys(db, table, chunk)
      const found = new Set(rows.map((row) => (row as { id: string }).id))
      applyRead(table, rows, chunk.filter((id) => !found.has(id)), seq)
      await slicer.yield()
    }
  }

  async function build(): Promise<void> {
    await loadPinyin()
    do {
      rangeDeleted = false
      index = new SearchIndex()
      appliedSeq = 0
      touched = new Map()
      // Clients first: records then find their directory entry at once.
      await readAll('clients')
      await readAll('records')
    } while (rangeDeleted && !closed)
    touched = undefined
    markDirty()
  }

  /**
   * The persisted index: the one read ahead of the app if it is still the one in force (the change
   * log it is repaired from starts at its watermark), or else read now.
   */
  async function persistedSnapshot(): Promise<LoadedSnapshot | undefined> {
    const early = await takeEarlySnapshot(db.name)
    if (early && (await isCurrentSnapshot(db, early.generation))) return early
    return readSnapshot(db)
  }

  /** Restores the persisted index and repairs it from the change log; false if a build is needed instead. */
  async function restore(): Promise<boolean> {
    // Loaded meanwhile: from the moment there is an index, writes are applied to it, and a client
    // name it has not read needs pinyin (ClientStore.docFor).
    const [snapshot] = await Promise.all([persistedSnapshot(), loadPinyin()])
    if (!snapshot || closed) return false
    index = new SearchIndex(snapshot.index)
    appliedSeq = snapshot.watermark
    for (const committed of early) applyLive(index, committed)
    early = []
    const changed = await changedSince(db, snapshot.watermark)
    if (!changed || changed.records.length > Math.max(READ_PAGE, index.size * REBUILD_SHARE)) return false
    touched = new Map()
    await readIds('clients', changed.clients)
    await readIds('records', changed.records)
    touched = undefined
    if (rangeDeleted) return false
    if (changed.records.length + changed.clients.length > 0) markDirty()
    return true
  }

  async function start(): Promise<void> {
    if (!(await restore()) && !closed) await build()
    if (closed) return
    early = []
    isReady = true
    if (dirtySince !== undefined) schedulePersist()
    notify()
  }

  function markDirty(): void {
    dirtySince ??= Date.now()
    if (isReady) schedulePersist()
  }

  function schedulePersist(): void {
    if (closed || dirtySince === undefined) return
    const now = Date.now()
    clearTimeout(persistTimer)
    const delay = Math.min(persistDelayMs, Math.max(0, dirtySince + persistMaxDelayMs - now))
    persistTimer = setTimeout(() => void persist().catch(reportPersistFailure), delay)
  }

  /** Writes the index as it is now; a persist already running finishes first. */
  async function persist(): Promise<void> {
    while (persisting) await persisting.catch(() => undefined)
    if (!isReady || !index || closed || dirtySince === undefined) return
    clearTimeout(persistTimer)
    dirtySince = undefined
    const watermark = appliedSeq
    const current = index
    persisting = (async () => {
      try {
        await writeSnapshot(db, await current.persist(slicer), watermark, slicer)
      } catch (error) {
        // Not persisted: try again after the next quiet period (unless the cache is closing).
        dirtySince ??= Date.now()
        throw error
      } finally {
        persisting = undefined
      }
    })()
    return persisting
  }

  const ready = start()
  // After ready, not before it: nothing a search needs waits on this.
  ready.then(() => index?.settle(slicer)).catch(() => undefined)

  return {
    ready,
    get isReady() {
      return isReady
    },
    search: (query, filters, order) => (index ?? EMPTY_INDEX).search(query, filters, order),
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async flush() {
      await ready
      await persist()
    },
    close() {
      closed = true
      clearTimeout(persistTimer)
      stopFollowing()
      listeners.clear()
    },
  }
}

const EMPTY_INDEX = new SearchIndex()

function reportPersistFailure(error: unknown): void {
  // The index stays correct in memory and the change log keeps the next start correct: only the
  // next cold start gets slower. A closed database is the expected end of a persist at sign-out.
  if ((error as { name?: string } | undefined)?.name !== 'DatabaseClosedError') console.warn('search index not persisted', error)
}

/** One page of a table in key order, with the change-log seq that state corresponds to. */
function readPage(db: CacheDb, table: Followed, after: string | undefined) {
  const source = db[table]
  return db.transaction('r', [source, db.searchChanges], async () => {
    const collection = after === undefined ? source.toCollection() : source.where(':id').above(after)
    const rows: (CachedRecord | CachedClient)[] = await collection.limit(READ_PAGE).toArray()
    return { rows, seq: await lastSeq(db) }
  })
}

function readKeys(db: CacheDb, table: Followed, ids: readonly string[]) {
  const source = db[table]
  return db.transaction('r', [source, db.searchChanges], async () => {
    const rows = (await source.bulkGet([...ids])).filter((row): row is CachedRecord | CachedClient => row !== undefined)
    return { rows, seq: await lastSeq(db) }
  })
}

async function lastSeq(db: CacheDb): Promise<number> {
  const [seq] = await db.searchChanges.orderBy(':id').reverse().limit(1).primaryKeys()
  return seq ?? 0
}

/** Ids written after `seq`, by table; undefined if a range was deleted (which ids is unknown). */
async function changedSince(db: CacheDb, seq: number): Promise<Record<Followed, string[]> | undefined> {
  const rows = await db.searchChanges.where(':id').above(seq).toArray()
  if (rows.some((row) => row.keys === null)) return undefined
  const ids = { records: new Set<string>(), clients: new Set<string>() }
  for (const row of rows) for (const id of row.keys ?? []) ids[row.table].add(id)
  return { records: [...ids.records], clients: [...ids.clients] }
}
