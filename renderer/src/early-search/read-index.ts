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
  // One transaction: the change log is counted against the very snapshot read.
  const tx = db.transaction(['searchIndex', 'searchChanges'], 'readonly')
  const rows = tx.objectStore('searchIndex')
  const snapshot = await loadSnapshot((keys) => Promise.all(keys.map((key) => settled<{ value: unknown } | undefined>(rows.get(key)).then((row) => row?.value))))
  if (!snapshot) return { db, upToDate: false }
  const behind = await settled<number>(tx.objectStore('searchChanges').count(idb.keyRange.lowerBound(snapshot.watermark, true)))
  return { db, snapshot, upToDate: behind === 0 }
}
