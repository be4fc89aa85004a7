/**
 * The renderer's IndexedDB cache (Dexie): one database per account, its tables and their history.
 */
import Dexie, { type DBCore, type Middleware, type Table, type Transaction } from 'dexie'
import type { RecordType } from '../../../electron/shared/records'
import type { OutboxEntry } from '../../../electron/shared/sync'
import type { CachedClient, CachedOpportunity, CachedRecord, MetaRow, NewOutboxEntry } from './types'

interface SchemaVersion {
  version: number
  /** The tables this version adds or changes; Dexie carries the others forward. */
  stores: Record<string, string>
  upgrade?: (tx: Transaction) => Promise<void>
}

/**
 * Every schema ever shipped, oldest first. Append only: users' disks hold each of these, and
 * Dexie upgrades them step by step. Never edit a released entry; add a version.
 *
 * Indexes cost on every write (100,000 records in the first download), so each one has a query:
 * - records `id`: the server id, or `local:<uuid>` until the create lands.
 * - records `create_time`: the list (newest first) and the ghost sweep's "created before".
 * - records `cle_id`: a client's follow-ups on the client page.
 * - records `local_id`, `sync`: sparse (only records created on this device carry them, so server
 *   rows add no index entries): which server ids creates adopted; which records are not yet sent.
 * - outbox `recordId`: a record's create and delete entries (deletes, re-aiming, discards).
 *   The outbox stays small, so listing it by state is a scan, not an index.
 * - opportunities `cle_id`: the opportunity picker for the chosen client.
 * - searchIndex `key`: the persisted search index, a few large rows (renderer/src/search).
 * - searchChanges `++seq`: ids of records and clients written since that index was persisted.
 */
const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      records: 'id, create_time, cle_id, local_id',
      outbox: '++seq, recordId',
      recordTypes: 'id',
      clients: 'id',
      opportunities: 'id, cle_id',
      meta: 'key',
    },
  },
  {
    // v1 kept a create's state only in its outbox entry; v2 mirrors it onto the record (`sync`)
    // so the list can badge unsent records and filter them by index without joining the outbox.
    version: 2,
    stores: { records: 'id, create_time, cle_id, local_id, sync' },
    upgrade: mirrorCreateStatesOntoRecords,
  },
  {
    // v3: instant search over the cache keeps its index on disk, so a cold start loads a few
    // large rows instead of reading every record. Writes to records and clients log the ids they
    // touch in searchChanges, in the same transaction, so a stale index is repaired from the log.
    version: 3,
    stores: { searchIndex: 'key', searchChanges: '++seq' },
  },
]

async function mirrorCreateStatesOntoRecords(tx: Transaction): Promise<void> {
  const entries: OutboxEntry[] = await tx.table('outbox').toArray()
  const changes = entries.flatMap((e) => (e.kind === 'create' ? [{ key: e.recordId, changes: { sync: e.state } }] : []))
  await tx.table('records').bulkUpdate(changes)
}

/** A row of the persisted search index; its shape belongs to renderer/src/search. */
export interface SearchIndexRow {
  key: string
  value: unknown
}

/** The ids one write touched in `table`; `keys: null` when it was a range (every id may have changed). */
export interface SearchChangeRow {
  seq: number
  table: 'records' | 'clients'
  keys: string[] | null
}

export interface CacheDbOptions {
  /** DBCore middlewares (e.g. the search index's change capture), registered before the database opens. */
  middlewares?: readonly Middleware<DBCore>[]
  /**
   * 'strict' (the default): a transaction resolves once its changes are flushed to disk.
   * 'relaxed': once they are handed to the operating system (they survive the app crashing, not
   * the power failing), for the user's own writes only, each followed by `flushToDisk`.
   */
  durability?: 'strict' | 'relaxed'
}

export class CacheDb extends Dexie {
  declare readonly records: Table<CachedRecord, string, CachedRecord>
  declare readonly outbox: Table<OutboxEntry, number, NewOutboxEntry>
  declare readonly recordTypes: Table<RecordType, number, RecordType>
  declare readonly clients: Table<CachedClient, string, CachedClient>
  declare readonly opportunities: Table<CachedOpportunity, string, CachedOpportunity>
  declare readonly meta: Table<MetaRow, string, MetaRow>
  declare readonly searchIndex: Table<SearchIndexRow, string, SearchIndexRow>
  declare readonly searchChanges: Table<SearchChangeRow, number, Omit<SearchChangeRow, 'seq'>>

  constructor(name: string, options: CacheDbOptions = {}) {
    // 'strict' unless asked: the engine sends a create only after `markSending` resolved; if a
    // power cut (laptop battery on a train) could undo that mark, the create would come back as
    // 'pending' and be sent a second time.
    super(name, { chromeTransactionDurability: options.durability ?? 'strict' })
    for (const { version, stores, upgrade } of SCHEMA_VERSIONS) {
      const declared = this.version(version).stores(stores)
      if (upgrade) declared.upgrade(upgrade)
    }
    // Dexie builds its DBCore stack when the database opens: middlewares must be in place before.
    for (const middleware of options.middlewares ?? []) this.use(middleware)
  }
}

/**
 * Flushes every write committed before it to disk: a strict transaction that writes one row.
 * Chromium's IndexedDB appends the commits of a database, from every connection, to one
 * write-ahead log in order, and a strict commit syncs that log: the relaxed commits ahead of it
 * are on disk once it resolves. (Argued from the backend's design; a power cut cannot be tested
 * here.)
 */
export async function flushToDisk(db: CacheDb): Promise<void> {
  await db.transaction('rw', db.meta, () => db.meta.put({ key: 'flushed', value: Date.now() }))
}

/** Opens (creating or upgrading) the cache database with this name. */
export async function openCacheDb(name: string, options: CacheDbOptions = {}): Promise<CacheDb> {
  const db = new CacheDb(name, options)
  await db.open()
  requestPersistentStorage()
  return db
}

/**
 * Without persistence Chromium may evict the origin's IndexedDB under disk pressure, and with it
 * the outbox of changes not yet on the server. Best effort: absent in tests, refusable by the browser.
 */
function requestPersistentStorage(): void {
  globalThis.navigator?.storage?.persist?.().catch(() => undefined)
}

export interface CacheAccount {
  baseUrl: string
  enterpriseCode: string
  agentNo: string
}

/**
 * The database name of an account's cache: one database per server, enterprise and agent, so two
 * people sharing a laptop never see each other's records. Each part is percent-encoded, so the
 * `:` separators cannot occur inside a part and distinct accounts never share a name.
 */
export function cacheDbName(account: CacheAccount): string {
  const parts = [normalizeBaseUrl(account.baseUrl), account.enterpriseCode.trim(), account.agentNo.trim()]
  return `ecrm:${parts.map(encodeURIComponent).join(':')}`
}

/** Scheme and host lower-cased, default port dropped, no trailing slash, query or fragment. */
function normalizeBaseUrl(baseUrl: string): string {
  const url = new URL(baseUrl.trim())
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`
}
