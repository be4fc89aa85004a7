/**
 * Cold start with the cache already filled: a fresh browser on the same profile opens the
 * cache, reads the newest rows (what the list can show at once) and waits for search. Times are
 * from navigation start, so the page's own loading counts too. The page starts it as its script
 * runs (`?coldStart=<db>`), as the app's renderer opens its cache: the runner only collects the
 * report, so none of its round trips to the page are counted.
 */
import type { ColdStartReport } from './api'
import { openCache } from './cache'
import { longestTask, settle } from './long-tasks'

const FIRST_ROWS = 50

const started = new Map<string, Promise<ColdStartReport>>()

/** Starts the cold start the page's address asks for, if any. Call first thing in the page's script. */
export function startColdStartFromAddress(): void {
  const dbName = new URLSearchParams(location.search).get('coldStart')
  if (dbName) started.set(dbName, measureColdStart(dbName))
}

/** The report of the cold start the page began on load for this database, else one begun now. */
export function coldStart(dbName: string): Promise<ColdStartReport> {
  return started.get(dbName) ?? measureColdStart(dbName)
}

async function measureColdStart(dbName: string): Promise<ColdStartReport> {
  const scriptStart = performance.now()
  const { db, search } = await openCache(dbName)
  const opened = performance.now()
  const rows = db.records.orderBy('create_time').reverse().limit(FIRST_ROWS).toArray()
  const firstRows = rows.then(() => performance.now())
  await search.ready
  const ready = performance.now()
  const rowsAt = await firstRows
  await settle()
  // The page's bundle, not the prewarm script that loads ahead of it.
  const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[]
  const script = resources.find((entry) => entry.initiatorType === 'script' && new URL(entry.name).pathname.includes('/assets/'))
  return {
    script_loaded_ms: Math.round(script?.responseEnd ?? 0),
    script_start_ms: Math.round(scriptStart),
    cache_open_ms: Math.round(opened),
    first_rows_ms: Math.round(rowsAt),
    search_ready_ms: Math.round(ready),
    longest_task_ms: longestTask(0, ready),
  }
}
