/**
 * The early-search worker's read of a cache's persisted search index, with plain IndexedDB (no
 * Dexie in the worker): the snapshot, and whether it is the whole cache, i.e. no write is in the
 * change log after it (only then may it answer searches; the app's service repairs it otherwise).
 */
import { openExisting, settled, type IndexedDbApi } from '../db/raw-idb'
import { loadSnapshot, type LoadedSnapshot } from '../search/snapshot'

export interface EarlyIndex {
  /** Left open: the worker reads the rows it finds from it. */
  db: IDBDatabase
  snapshot?: LoadedSnapshot
  upToDate: boolean
}

const STORES = ['searchIndex', 'searchChanges', 'records', 'clients']

/** Undefined when there is no such cache (or not one this app wrote). */
export async function readEarlyIndex(idb: IndexedDbApi, name: string): Promise<EarlyIndex | undefined> {
  const db = await openExisting(idb.factory, name)
  if (!db) return undefined
  if (!STORES.every((store) => db.objectStoreNames.contains(store))) {
    db.close()
    return undefined
  }
  // One transaction: the change log is counted against the very snapshot read, while its large
  // rows are read.
  const tx = db.transaction(['searchIndex', 'searchChanges'], 'readonly')
  const rows = tx.objectStore('searchIndex')
  let behind: Promise<number> | undefined
  const snapshot = await loadSnapshot(
    (keys) => Promise.all(keys.map((key) => settled<{ value: unknown } | undefined>(rows.get(key)).then((row) => row?.value))),
    // A count that fails proves nothing: then the snapshot is not taken as up to date.
    (watermark) => (behind = settled<number>(tx.objectStore('searchChanges').count(idb.keyRange.lowerBound(watermark, true))).catch(() => -1)),
  )
  if (!snapshot || !behind) return { db, upToDate: false }
  return { db, snapshot, upToDate: (await behind) === 0 }
}
