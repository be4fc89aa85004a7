/**
 * Instant search over the local cache (issue #4 §4, #6). Wiring, per open cache:
 *
 *   const db = await openCacheDb(name, { middlewares: [searchMiddleware] })
 *   const search = createSearchService(db)
 *   ...
 *   await search.flush(); search.close(); db.close()
 */
export { onCommittedWrites, searchMiddleware, type CommittedWrites } from './change-capture'
export type { SearchFilters, SearchResult } from './query'
export type { SearchOrder } from './search-index'
export { createSearchService, type SearchService, type SearchServiceOptions } from './service'
