/**
 * The newest rows of a cache, read with IndexedDB itself: this runs before the app's bundle (and
 * Dexie in it) has loaded. It reads what the list's own first read does (useRecordList's
 * `newestVisible`): from the `create_time` index, newest first, leaving out records the user
 * deleted (marked `deleted` until their delete lands). It never creates or upgrades a database;
 * only Dexie (src/db/schema.ts) does that.
 */
import type { CachedClient, CachedRecord } from '../db/types'
import { openExisting, settled, type IndexedDbApi } from '../db/raw-idb'
import { toRecordRow, type RecordRow } from '../records/record-row'

/** The stores read here; a database without them is not (yet) a cache this app can show. */
const STORES = ['records', 'clients'] as const

/** Up to `count` newest rows of cache `name`; undefined if there is no such cache or it cannot be read. */
export async function readFirstRows(idb: IndexedDbApi, name: string, count: number): Promise<RecordRow[] | undefined> {
  const db = await openExisting(idb.factory, name)
  if (!db) return undefined
  try {
    if (!STORES.every((store) => db.objectStoreNames.contains(store))) return undefined
    const tx = db.transaction([...STORES], 'readonly')
    const records = await newest(tx.objectStore('records').index('create_time'), idb.keyRange, count, (record) => record.deleted !== 1)
    return await rowsWithClients(records, tx.objectStore('clients'))
  } catch {
    return undefined
  } finally {
    db.close()
  }
}

/** The records as the list shows them, each with its client read from `clients` (each client read once). */
export async function rowsWithClients(records: readonly CachedRecord[], clients: IDBObjectStore): Promise<RecordRow[]> {
  const clientIds = [...new Set(records.map((record) => record.cle_id))]
  const found = await Promise.all(clientIds.map((id) => settled<CachedClient | undefined>(clients.get(id))))
  const byId = new Map(clientIds.map((id, i) => [id, found[i]]))
  return records.map((record) => toRecordRow(record, byId.get(record.cle_id)))
}

/**
 * The newest `count` records not hidden, newest first, in two requests: the key `count` places
 * down the index (a key cursor advanced once), then every record from that key up (one getAll).
 * A value cursor walking down instead costs a round trip per few records; measured on a cold
 * start (5,000 records, 12 runs each), the first screen came at a median 345 ms instead of 458.
 * Hidden records among them leave the picture a row or two short at the bottom, never out of order.
 */
async function newest(index: IDBIndex, keyRange: typeof IDBKeyRange, count: number, visible: (record: CachedRecord) => boolean): Promise<CachedRecord[]> {
  const lowest = await keyFromTop(index, count)
  const records = await settled<CachedRecord[]>(index.getAll(lowest === undefined ? undefined : keyRange.lowerBound(lowest)))
  // getAll goes up the index (by key, then primary key): reversed, that is the list's order.
  return records.reverse().filter(visible).slice(0, count)
}

/** The index's key `count` places from the top (the 1st is the highest); undefined if it holds fewer. */
function keyFromTop(index: IDBIndex, count: number): Promise<IDBValidKey | undefined> {
  return new Promise((resolve, reject) => {
    const request = index.openKeyCursor(null, 'prev')
    let advanced = count <= 1
    request.onsuccess = () => {
      const cursor = request.result
      if (!cursor) resolve(undefined)
      else if (advanced) resolve(cursor.key)
      else {
        advanced = true
        cursor.advance(count - 1)
      }
    }
    request.onerror = () => reject(request.error ?? new Error('reading the newest records failed'))
  })
}
