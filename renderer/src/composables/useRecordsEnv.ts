/**
 * What the record screens need from the app: the open cache, the search service, the account and
 * the outbox signal. Everything goes through the cache store, so the screens also work where the
 * frame reuses a piece of them (the pending-changes panel edits a refused create with FollowupForm).
 */
import { storeToRefs } from 'pinia'
import { computed, type ComputedRef, type Ref } from 'vue'
import type { AccountSummary } from '../../../electron/shared/ipc'
import type { CacheDb } from '../db/schema'
import { useCacheStore } from '../stores/cache'

/** Search filters as the record screens set them; the search service takes them as they are. */
export interface RecordFilters {
  recordType?: number
  clientId?: string
  /** Unix seconds. */
  createdAfter?: number
  author?: string
}

export type RecordOrder = 'newest' | 'client'

/** The part of the search service (renderer/src/search) the record screens use. */
export interface RecordSearch {
  readonly ready: Promise<void>
  readonly isReady: boolean
  search(query: string, filters?: RecordFilters, order?: RecordOrder): RecordSearchResult
  onChange(listener: () => void): () => void
}

export interface RecordSearchResult {
  total: number
  /** Record ids of the results in [start, end). */
  slice(start: number, end: number): string[]
}

export interface RecordsEnv {
  /** The record screens are only shown while the cache is open. */
  db: ComputedRef<CacheDb>
  search: Readonly<Ref<RecordSearch | null>>
  account: Readonly<Ref<AccountSummary | null>>
  /** Runs a local write on the cache (a full disk is reported by the frame) and tells main to send it. */
  writeAndQueue<T>(work: (db: CacheDb) => Promise<T>): Promise<T>
}

export function useRecordsEnv(): RecordsEnv {
  const cache = useCacheStore()
  const { db, search, account } = storeToRefs(cache)
  return {
    db: computed(() => {
      if (!db.value) throw new Error('The record screens need the open cache')
      return db.value
    }),
    search,
    account,
    async writeAndQueue(work) {
      const result = await cache.write(work)
      cache.changesQueued()
      return result
    },
  }
}
