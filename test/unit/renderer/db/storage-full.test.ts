import Dexie from 'dexie'
import { describe, expect, it } from 'vitest'
import { createLocalRecord, deleteLocalRecords } from '../../../../renderer/src/db/local-writes'
import { isQuotaExceeded, StorageFullError } from '../../../../renderer/src/db/storage-full'
import { createDexieSyncStore } from '../../../../renderer/src/db/sync-store'
import { cacheDbWithFullDisk, quotaError, serverId, serverRow, useFreshIndexedDb } from './support'

useFreshIndexedDb()

const NOW = 1_760_000_000_000
const input = { cle_id: serverId(1_000_001), record_type: 36, record_content: '拜访' }

describe('a full disk', () => {
  it('fails a local create with StorageFullError and writes neither the record nor its entry', async () => {
    // The record is written first; the outbox entry is what hits the full disk.
    const { db, disk } = cacheDbWithFullDisk('ecrm:full', 'outbox')
    disk.full = true

    const failure = await createLocalRecord(db, input, NOW).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(StorageFullError)
    expect((failure as Error).message).toMatch(/存储空间已满.*storage is full/is)
    expect(await db.records.count()).toBe(0)
    expect(await db.outbox.count()).toBe(0)

    disk.full = false
    await createLocalRecord(db, input, NOW)
    expect(await db.records.count()).toBe(1)
  })

  it('fails a delete without hiding the record', async () => {
    const { db, disk } = cacheDbWithFullDisk('ecrm:full', 'outbox')
    await createDexieSyncStore(db).applyPage([serverRow(1)])
    disk.full = true

    await expect(deleteLocalRecords(db, [serverId(1)], NOW)).rejects.toBeInstanceOf(StorageFullError)
    expect(await db.records.get(serverId(1))).not.toHaveProperty('deleted')
  })

  it('fails a pulled page as a whole, its progress not advanced, when rows fail one by one', async () => {
    const { db, disk } = cacheDbWithFullDisk('ecrm:full', 'clients', 'bulk-failure')
    const store = createDexieSyncStore(db)
    disk.full = true
    const pull = { phase: 'full' as const, cursor: 'c1', total: 2, fetched: 2, newestCreateTime: 1_700_000_002 }

    await expect(store.applyPage([serverRow(1), serverRow(2)], { pull })).rejects.toBeInstanceOf(StorageFullError)
    expect(await db.records.count()).toBe(0)
    expect(await store.pullState()).toMatchObject({ cursor: '', fetched: 0 })
  })

  it('writes the clients of a failed page when the page is applied again', async () => {
    const { db, disk } = cacheDbWithFullDisk('ecrm:full', 'records')
    const store = createDexieSyncStore(db)
    disk.full = true
    await expect(store.applyPage([serverRow(1)])).rejects.toBeInstanceOf(StorageFullError)

    disk.full = false
    await store.applyPage([serverRow(1)])
    expect(await db.clients.get(serverId(1_000_001))).toMatchObject({ cle_name: '客户 1' })
  })

  it('passes other failures through unchanged', async () => {
    const { db } = cacheDbWithFullDisk('ecrm:full', 'records')
    db.close()
    await expect(createDexieSyncStore(db).removeRecords([serverId(1)])).rejects.toBeInstanceOf(Dexie.DatabaseClosedError)
  })

  it('is recognised however Dexie wraps it', () => {
    expect(isQuotaExceeded(quotaError())).toBe(true)
    expect(isQuotaExceeded(new Dexie.AbortError('Transaction aborted', quotaError()))).toBe(true)
    expect(isQuotaExceeded(new Dexie.BulkError('1 of 2 failed', { 1: quotaError() }))).toBe(true)
    expect(isQuotaExceeded(new Dexie.ConstraintError('Key already exists'))).toBe(false)
    expect(isQuotaExceeded('QuotaExceededError')).toBe(false)
  })
})
