/**
 * The signed-in account's local cache (IndexedDB through Dexie): opened after sign-in, served to
 * main's sync engine, closed (and, if the user asks, deleted) at sign-out. Every screen reads
 * through `db`; the user's writes go through `write`, so a full disk is reported the same way
 * everywhere and each write is shown at once yet on disk before `write` resolves.
 */
import Dexie from 'dexie'
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { AccountSummary } from '../../../electron/shared/ipc'
import type { SyncStatus, SyncStore } from '../../../electron/shared/sync'
import { forgetLastCache, rememberLastCache } from '../db/last-cache'
import { cacheDbName, flushToDisk, openCacheDb, type CacheDb } from '../db/schema'
import { StorageFullError } from '../db/storage-full'
import { createDexieSyncStore } from '../db/sync-store'
import { callMain, onMainEvent } from '../platform/bridge'
import { createSearchService, searchMiddleware, type SearchService } from '../search'
import { hostSyncStore } from '../sync/store-host'

/**
 * The demo server listens on a new port each time the app starts, but serves the same records all
 * day: its cache gets a name without the port, so a restart reuses it instead of downloading anew.
 */
const DEMO_BASE_URL = 'http://demo.invalid/openapi/v1'

export function accountDbName(account: AccountSummary): string {
  return cacheDbName(account.demo ? { ...account, baseUrl: DEMO_BASE_URL } : account)
}

/** A SyncStore whose full-disk failures are also reported to the user (the engine only retries). */
function reportingStorageFull(store: SyncStore, onFull: () => void): SyncStore {
  const wrapped = Object.entries(store).map(([name, method]: [string, (...args: unknown[]) => Promise<unknown>]) => [
    name,
    async (...args: unknown[]) => {
      try {
        return await method.apply(store, args)
      } catch (error) {
        if (error instanceof StorageFullError) onFull()
        throw error
      }
    },
  ])
  return Object.fromEntries(wrapped) as SyncStore
}

export const useCacheStore = defineStore('cache', () => {
  const db = shallowRef<CacheDb | null>(null)
  const account = ref<AccountSummary | null>(null)
  /** Instant search over the open cache; it follows every committed write through the search middleware. */
  const search = shallowRef<SearchService | null>(null)
  /** Epoch ms of the last write refused for a full disk: the frame turns it into a notification. */
  const storageFullAt = ref<number | null>(null)

  /**
   * The same cache opened for the user's own writes, with relaxed commits: the list and search
   * show a write once its transaction commits, and a strict commit waits for the disk (~10 ms
   * here, more on a slow disk). `write` flushes each one right after, before it resolves. The
   * engine's writes stay strict on `db`: its `markSending` must never be undone by a power cut.
   * Opened by the first write.
   */
  let writer: { name: string; opened: Promise<CacheDb> } | null = null
  let openName: string | null = null
  let opening: { name: string; done: Promise<SyncStatus> } | null = null
  let stopHosting: (() => void) | null = null

  const noteStorageFull = () => {
    storageFullAt.value = Date.now()
  }

  /** Tells main the cache is served (again): its engine (re)starts on it. */
  function attach(): Promise<SyncStatus> {
    if (!openName) return Promise.reject(new Error('No cache is open'))
    return callMain('attachStore', { dbName: openName })
  }

  async function openAndAttach(next: AccountSummary, name: string): Promise<SyncStatus> {
    await close()
    const opened = await openCacheDb(name, { middlewares: [searchMiddleware] })
    rememberLastCache(name)
    search.value = createSearchService(opened)
    const store = reportingStorageFull(createDexieSyncStore(opened), noteStorageFull)
    stopHosting = hostSyncStore(store, { onEvent: onMainEvent, reply: (reply) => callMain('storeReply', reply) })
    db.value = opened
    account.value = next
    openName = name
    try {
      return await attach()
    } catch (error) {
      // Main did not take the cache: nothing is left half open.
      await close()
      throw error
    }
  }

  /**
   * Opens this account's cache, serves it to main and attaches the sync engine to it. For the
   * cache already open (signing in again after the session expired) it only attaches again.
   */
  function open(next: AccountSummary): Promise<SyncStatus> {
    const name = accountDbName(next)
    if (opening?.name === name) return opening.done
    if (db.value && openName === name) {
      account.value = next
      return attach()
    }
    const done = openAndAttach(next, name).finally(() => {
      if (opening?.done === done) opening = null
    })
    opening = { name, done }
    return done
  }

  /** Stops serving main and closes the cache; with `deleteData`, removes it from this computer. */
  async function close(options: { deleteData?: boolean } = {}): Promise<void> {
    const name = openName
    // The next start begins at sign-in, so it has no cache to open early or to picture
    // (src/first-paint). Said first: the app may be quit before the index below is saved.
    if (name) forgetLastCache(name)
    stopHosting?.()
    stopHosting = null
    const index = search.value
    search.value = null
    // A kept cache starts faster with its index saved; a stale one is only repaired from the change log.
    if (index?.isReady && !options.deleteData) await index.flush().catch(() => undefined)
    index?.close()
    closeWriter()
    db.value?.close()
    db.value = null
    account.value = null
    openName = null
    if (options.deleteData && name) await Dexie.delete(name)
  }

  /** Runs a local write on the open cache; a full disk raises the frame's notice (the write changed nothing). */
  async function write<T>(work: (cache: CacheDb) => Promise<T>): Promise<T> {
    if (!db.value) throw new Error('No cache is open')
    let result: T
    try {
      result = await work(await writerFor(db.value))
    } catch (error) {
      if (error instanceof StorageFullError) noteStorageFull()
      throw error
    }
    // The write is committed whatever happens here: a failed flush leaves it to the operating
    // system's own, and the engine's next strict commit flushes it too.
    await flushToDisk(db.value).catch((error: unknown) => console.warn('local write not flushed to disk yet', error))
    return result
  }

  function writerFor(cache: CacheDb): Promise<CacheDb> {
    if (writer?.name !== cache.name) {
      closeWriter()
      const opening = openCacheDb(cache.name, { middlewares: [searchMiddleware], durability: 'relaxed' })
      writer = { name: cache.name, opened: opening }
      // A failed open is tried again by the next write, not remembered.
      opening.catch(() => {
        if (writer?.opened === opening) writer = null
      })
    }
    return writer.opened
  }

  function closeWriter(): void {
    writer?.opened.then((opened) => opened.close(), () => undefined)
    writer = null
  }

  /** Local changes were queued: main's engine sends them soon (it also finds them on its next pass). */
  function changesQueued(): void {
    callMain('changesQueued').catch(() => undefined)
  }

  return { db, account, search, storageFullAt, open, attach, close, write, changesQueued }
})
