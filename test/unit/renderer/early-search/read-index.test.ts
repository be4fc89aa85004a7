import Dexie from 'dexie'
import { describe, expect, it } from 'vitest'
import { createDexieSyncStore } from '../../../../renderer/src/db/sync-store'
import { readEarlyIndex } from '../../../../renderer/src/early-search/read-index'
import { createSearchService } from '../../../../renderer/src/search'
import { joinedCount } from '../../../../renderer/src/search/string-column'
import { useFreshIndexedDb } from '../db/support'
import { dataset, openSearchDb } from '../search/support'

useFreshIndexedDb()

const idb = () => ({ factory: Dexie.dependencies.indexedDB, keyRange: Dexie.dependencies.IDBKeyRange })

async function persistedCache(name: string, records: number) {
  const db = await openSearchDb(name)
  await createDexieSyncStore(db).applyPage(dataset(records))
  const service = createSearchService(db, { persistDelayMs: 60_000 })
  await service.ready
  await service.flush()
  service.close()
  return db
}

describe('the early-search worker’s read of the search index', () => {
  it('is nothing for a cache that does not exist, which is not created by looking', async () => {
    expect(await readEarlyIndex(idb(), 'ecrm:none')).toBeUndefined()
    expect(await Dexie.exists('ecrm:none')).toBe(false)
  })

  it('has no snapshot before one was persisted', async () => {
    const db = await openSearchDb('ecrm:unpersisted')
    await createDexieSyncStore(db).applyPage(dataset(20))
    const read = await readEarlyIndex(idb(), 'ecrm:unpersisted')
    read!.db.close()
    expect(read).toMatchObject({ upToDate: false })
    expect(read!.snapshot).toBeUndefined()
  })

  it('does not keep the app from upgrading or deleting the cache while it holds it open', async () => {
    const db = await persistedCache('ecrm:held', 50)
    db.close()
    const read = await readEarlyIndex(idb(), 'ecrm:held')
    expect(joinedCount(read!.snapshot!.index.records.ids)).toBe(50)
    // A new version of the app opening its schema's next version: not blocked by the reader.
    const upgraded = new Dexie('ecrm:held', { autoOpen: false })
    upgraded.version(db.verno + 1).stores({})
    await upgraded.open()
    expect(upgraded.verno).toBe(db.verno + 1)
    upgraded.close()
    await Dexie.delete('ecrm:held')
    expect(await Dexie.exists('ecrm:held')).toBe(false)
  })
})
