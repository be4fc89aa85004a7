/**
 * Cold start with the cache already filled: a fresh browser on the same profile opens the
 * cache, reads the newest rows (what the list can show at once) and waits for search. Times are
 * from navigation start, so the page's own loading counts too.
 */
import type { ColdStartReport } from './api'
import { openCache } from './cache'
import { longestTask, settle } from './long-tasks'

const FIRST_ROWS = 50

export async function coldStart(dbName: string): Promise<ColdStartReport> {
  const scriptStart = performance.now()
  const { db, search } = await openCache(dbName)
  const opened = performance.now()
  const rows = db.records.orderBy('create_time').reverse().limit(FIRST_ROWS).toArray()
  const firstRows = rows.then(() => performance.now())
  await search.ready
  const ready = performance.now()
  const rowsAt = await firstRows
  await settle()
  return {
    script_start_ms: Math.round(scriptStart),
    cache_open_ms: Math.round(opened),
    first_rows_ms: Math.round(rowsAt),
    search_ready_ms: Math.round(ready),
    longest_task_ms: longestTask(0, ready),
  }
}
