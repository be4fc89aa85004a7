import type { IdString, RecordPage } from '../../shared/records'
import type { PullState } from '../../shared/sync'
import type { SyncContext } from './context'
import { chinaDate, DAY_MS } from './dates'

/** Rows per page of the first download: large pages amortise the request and transaction overhead. */
export const DOWNLOAD_PAGE_SIZE = 500
/** Rows per page when listing every id for the ghost sweep. */
const SWEEP_PAGE_SIZE = 1000

export interface DownloadProgress {
  fetched: number
  total: number
}

/** The end of a cursor walk: the vendor signals it with no rows, no cursor, or the same cursor again. */
const isLastPage = (page: RecordPage, cursor: string) => page.rows.length === 0 || !page.cursor || page.cursor === cursor

/**
 * The first full download, newest first, resumable: each page's rows and the cursor after them
 * are committed together, so an interrupted download continues where it stopped and never
 * fetches a stored page again. The next page is requested while the current one is written.
 */
export async function fullDownload(
  ctx: SyncContext,
  onProgress: (progress: DownloadProgress) => void,
  pageSize = DOWNLOAD_PAGE_SIZE,
): Promise<void> {
  let state = await ctx.store.pullState()
  if (state.phase !== 'full') return
  const fetchPage = (cursor: string) => ctx.api.listRecords({ page_size: pageSize, ...(cursor ? { cursor } : {}) })

  let cursor = state.cursor
  let next = fetchPage(cursor)
  for (;;) {
    const page = await next
    const last = isLastPage(page, cursor)
    if (!last) {
      next = fetchPage(page.cursor)
      // Should the write below fail, this prefetch is abandoned; its failure must not go unhandled.
      next.catch(() => undefined)
    }
    if (page.rows.length > 0 && page.cursor !== cursor) {
      state = {
        ...state,
        cursor: last ? '' : page.cursor,
        total: page.total,
        fetched: state.fetched + page.rows.length,
        newestCreateTime: Math.max(state.newestCreateTime, ...page.rows.map((r) => r.create_time)),
      }
      await ctx.store.applyPage(page.rows, { pull: state })
      ctx.stats.pulled += page.rows.length
      onProgress({ fetched: state.fetched, total: page.total })
    }
    if (last) break
    cursor = page.cursor
  }
  await ctx.store.savePullState({ ...state, phase: 'incremental', cursor: '', lastPullAt: ctx.now() })
}

/**
 * Records created since the newest one we hold, with a day's overlap because the server's filter
 * takes a date (in China time), upserted by id.
 */
export async function incrementalPull(ctx: SyncContext, pageSize = DOWNLOAD_PAGE_SIZE): Promise<void> {
  const before = await ctx.store.pullState()
  const since = chinaDate(before.newestCreateTime * 1000 - DAY_MS)
  let cursor = ''
  for (;;) {
    const page = await ctx.api.listRecords({ create_time: since, page_size: pageSize, ...(cursor ? { cursor } : {}) })
    if (page.rows.length > 0 && page.cursor !== cursor) {
      await ctx.store.applyPage(page.rows)
      ctx.stats.pulled += page.rows.length
    }
    if (isLastPage(page, cursor)) break
    cursor = page.cursor
  }
  const after: PullState = await ctx.store.pullState()
  await ctx.store.savePullState({ ...after, lastPullAt: ctx.now() })
}

/**
 * Removes records someone deleted on the server. Cheap check first: when the server's total equals
 * our count of synced records there is nothing to do. Otherwise every server id is listed and the
 * store drops the cached ones that are missing, except records created after the sweep began
 * (they may simply be newer than our listing) and records with a pending operation.
 */
export async function sweepGhosts(ctx: SyncContext): Promise<void> {
  const startedAt = Math.floor(ctx.now() / 1000)
  const [first, local] = await Promise.all([ctx.api.listRecords({ page_size: 1 }), ctx.store.syncedCount()])
  if (first.total !== local) {
    const ids: IdString[] = []
    let cursor = ''
    for (;;) {
      const page = await ctx.api.listRecords({ page_size: SWEEP_PAGE_SIZE, ...(cursor ? { cursor } : {}) })
      for (const row of page.rows) ids.push(row.id)
      if (isLastPage(page, cursor)) break
      cursor = page.cursor
    }
    ctx.stats.ghostsRemoved += await ctx.store.removeGhosts(ids, startedAt)
  }
  const state = await ctx.store.pullState()
  await ctx.store.savePullState({ ...state, lastSweepAt: ctx.now() })
}
