/** The cache and search service the scenarios of this page work on. */
import type { CacheDb } from '../../renderer/src/db/schema'
import { openCacheDb } from '../../renderer/src/db/schema'
import { createSearchService, searchMiddleware, type SearchService } from '../../renderer/src/search'

export interface OpenCache {
  name: string
  db: CacheDb
  search: SearchService
}

let current: OpenCache | undefined

/** Opens the cache the way the app does: the search middleware registered, one search service. */
export async function openCache(name: string): Promise<OpenCache> {
  const db = await openCacheDb(name, { middlewares: [searchMiddleware] })
  current = { name, db, search: createSearchService(db) }
  return current
}

export function openedCache(): OpenCache {
  if (!current) throw new Error('No cache open in this page: run download or coldStart first')
  return current
}
