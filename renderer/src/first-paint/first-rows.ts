/**
 * The newest rows of a cache, read with IndexedDB itself: this runs before the app's bundle (and
 * Dexie in it) has loaded. It reads what the list's own first read does (useRecordList's
 * `newestVisible`): down the `create_time` index, newest first, leaving out records the user
 * deleted (marked `deleted` until their delete lands). It never creates or upgrades a database;
 * only Dexie (src/db/schema.ts) does that.
 */
import type { CachedClient, CachedRecord } from '../db/types'
import { toRecordRow, type RecordRow } from '../records/record-row'

/** The stores read here; a database without them is not (yet) a cache this app can show. */
const STORES = ['records', 'clients'] as const

/** Up to `count` newest rows of cache `name`; undefined if there is no such cache or it cannot be read. */
export async function readFirstRows(factory: IDBFactory, name: string, count: number): Promise<RecordRow[] | undefined> {
  const db = await openExisting(factory, name)
  if (!db) return undefined
  try {
    if (!STORES.every((store) => db.objectStoreNames.contains(store))) return undefined
    const tx = db.transaction([...STORES], 'readonly')
    const records = await newest(tx.objectStore('records').index('create_time'), count, (record) => record.deleted !== 1)
    const clients = tx.objectStore('clients')
    const clientIds = [...new Set(records.map((record) => record.cle_id))]
    const found = await Promise.all(clientIds.map((id) => settled<CachedClient | undefined>(clients.get(id))))
    const byId = new Map(clientIds.map((id, i) => [id, found[i]]))
    return records.map((record) => toRecordRow(record, byId.get(record.cle_id)))
  } catch {
    return undefined
  } finally {
    db.close()
  }
}

/** Opens `name` at whatever version it has; resolves undefined rather than creating it. */
function openExisting(factory: IDBFactory, name: string): Promise<IDBDatabase | undefined> {
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
    request.onsuccess = () => resolve(request.result)
    request.onerror = (event) => {
      // An aborted creation reports an error; it is the answer "no cache", not a failure to report.
      event.preventDefault()
      resolve(undefined)
    }
    request.onblocked = () => resolve(undefined)
  })
}

function newest(index: IDBIndex, count: number, visible: (record: CachedRecord) => boolean): Promise<CachedRecord[]> {
  return new Promise((resolve, reject) => {
    const found: CachedRecord[] = []
    const request = index.openCursor(null, 'prev')
    request.onsuccess = () => {
      const cursor = request.result
      if (!cursor || found.length >= count) {
        resolve(found)
        return
      }
      const record = cursor.value as CachedRecord
      if (visible(record)) found.push(record)
      if (found.length >= count) resolve(found)
      else cursor.continue()
    }
    request.onerror = () => reject(request.error ?? new Error('reading the newest records failed'))
  })
}

function settled<T>(request: IDBRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result as T)
    request.onerror = () => reject(request.error ?? new Error('reading the cache failed'))
  })
}
