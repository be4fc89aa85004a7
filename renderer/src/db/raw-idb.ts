/**
 * IndexedDB itself, for code that runs where Dexie is not loaded: the first screen, before the
 * app's bundle, and the worker that reads the search index meanwhile. Only reads: creating and
 * upgrading the cache is Dexie's (src/db/schema.ts).
 */

/** The IndexedDB implementation to read with: the page's (or worker's) own, or a test's. */
export interface IndexedDbApi {
  factory: IDBFactory
  keyRange: typeof IDBKeyRange
}

/** Opens `name` at whatever version it has; resolves undefined rather than creating it. */
export function openExisting(factory: IDBFactory, name: string): Promise<IDBDatabase | undefined> {
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest
    try {
      request = factory.open(name)
    } catch {
      resolve(undefined)
      return
    }
    // Only a missing database gets here (an open without a version never upgrades one that exists).
    request.onupgradeneeded = () => request.transaction?.abort()
    request.onsuccess = () => {
      const db = request.result
      // The app's Dexie upgrading the cache (a new version of the app) must not wait on a reader.
      db.onversionchange = () => db.close()
      resolve(db)
    }
    request.onerror = (event) => {
      // An aborted creation reports an error; it is the answer "no cache", not a failure to report.
      event.preventDefault()
      resolve(undefined)
    }
    request.onblocked = () => resolve(undefined)
  })
}

/** A request's result as a promise. */
export function settled<T>(request: IDBRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result as T)
    request.onerror = () => reject(request.error ?? new Error('reading the cache failed'))
  })
}
