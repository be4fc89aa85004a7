/**
 * Test support for the Dexie cache: a fresh fake IndexedDB per test, databases closed after it,
 * server rows shaped like the vendor's list rows, and a switchable full disk.
 */
import Dexie, { type DBCore, type DBCoreTable } from 'dexie'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { afterEach, beforeEach } from 'vitest'
import type { FollowupRecord } from '../../../../electron/shared/records'
import { CacheDb, openCacheDb } from '../../../../renderer/src/db/schema'

const opened: Dexie[] = []

/**
 * Every test starts from an empty IndexedDB. Dexie keeps the factory it uses in
 * `Dexie.dependencies`, so that is where the fresh one must go, not only on globalThis.
 */
export function useFreshIndexedDb(): void {
  beforeEach(() => {
    Dexie.dependencies.indexedDB = new IDBFactory()
    Dexie.dependencies.IDBKeyRange = IDBKeyRange
  })
  afterEach(() => {
    for (const db of opened.splice(0)) db.close()
  })
}

/** Opens a cache database that is closed after the test. */
export async function openTestDb(name = 'ecrm:test'): Promise<CacheDb> {
  return track(await openCacheDb(name))
}

export function track<D extends Dexie>(db: D): D {
  opened.push(db)
  return db
}

const FIRST_ID = 6471994196059471873n

/** A 64-bit server id, as the exact decimal string the app keeps. */
export const serverId = (n: number): string => (FIRST_ID + BigInt(n)).toString()

/** A list row as the engine hands it over: ids already strings, client and opportunity embedded. */
export function serverRow(n: number, overrides: Partial<FollowupRecord> = {}): FollowupRecord {
  const id = serverId(n)
  const cleId = serverId(1_000_000 + (n % 10))
  return {
    _id: id,
    id,
    cle_id: cleId,
    opty_id: serverId(2_000_000 + (n % 10)),
    record_type: 36,
    record_type_name: '系统自动',
    record_content: `<p>拜访 ${n}</p>`,
    record_content_name: `拜访 ${n}`,
    cle_name: `客户 ${n % 10}`,
    create_time: 1_700_000_000 + n,
    create_user_name: '8001 张三',
    client: {
      _id: cleId,
      id: cleId,
      cle_name: `客户 ${n % 10}`,
      cle_phone: '13800000000',
      cle_pinyin: 'kehu',
      [`input_${serverId(3_000_000)}`]: 'tenant value',
    },
    opportunity: { _id: serverId(2_000_000 + (n % 10)), id: serverId(2_000_000 + (n % 10)), opty_name: `商机 ${n % 10}`, cle_id: cleId },
    ...overrides,
  }
}

/** What IndexedDB throws when the disk is full. */
export const quotaError = (): DOMException => new DOMException('The quota has been exceeded.', 'QuotaExceededError')

/**
 * A CacheDb whose writes to `table` fail as on a full disk while `disk.full` is set. A DBCore
 * middleware sits where IndexedDB itself would fail, under everything the cache code calls.
 * `as: 'bulk-failure'` reports the failure per row, as IndexedDB requests inside a bulk do.
 */
export function cacheDbWithFullDisk(name: string, table: string, as: 'rejection' | 'bulk-failure' = 'rejection') {
  const disk = { full: false }
  const db = cacheDbWithTable(name, table, 'full-disk', (inner) => ({
    ...inner,
    mutate: (req) => {
      if (!disk.full) return inner.mutate(req)
      if (as === 'rejection') return Promise.reject(quotaError())
      return Promise.resolve({ numFailures: 1, failures: { 0: quotaError() }, lastResult: undefined })
    },
  }))
  return { db, disk }
}

/**
 * A CacheDb that counts what is read from `table`: calls to IndexedDB, and stored values
 * deserialized (keys-only queries read none). Must be set up before the database opens.
 */
export function cacheDbCountingReads(name: string, table: string) {
  const reads = { calls: 0, values: 0 }
  const db = cacheDbWithTable(name, table, 'count-reads', (inner) => ({
    ...inner,
    get: (req) => {
      reads.calls += 1
      reads.values += 1
      return inner.get(req)
    },
    getMany: (req) => {
      reads.calls += 1
      reads.values += req.keys.length
      return inner.getMany(req)
    },
    query: async (req) => {
      const res = await inner.query(req)
      reads.calls += 1
      if (req.values) reads.values += res.result.length
      return res
    },
    openCursor: (req) => {
      reads.calls += 1
      return inner.openCursor(req)
    },
  }))
  return { db, reads }
}

/** A CacheDb (not yet open) whose DBCore table `table` is replaced by what `wrap` makes of it. */
function cacheDbWithTable(name: string, table: string, middleware: string, wrap: (inner: DBCoreTable) => DBCoreTable): CacheDb {
  const db = track(new CacheDb(name))
  db.use({
    stack: 'dbcore',
    name: middleware,
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (tableName: string): DBCoreTable => (tableName === table ? wrap(down.table(tableName)) : down.table(tableName)),
    }),
  })
  return db
}
