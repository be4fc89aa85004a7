/**
 * How the search index follows the cache: a Dexie DBCore middleware under every write to
 * `records` and `clients`, whoever makes it (sync pulls, local writes, landing creates).
 *
 * - When a transaction commits, the rows it wrote are handed to the listeners of that database,
 *   before Dexie resolves the transaction: by the time `await createLocalRecord(...)` returns,
 *   the new record is searchable.
 * - In the same transaction, each write appends the ids it touched to `searchChanges`. That log
 *   is durable with the write itself, so an index persisted earlier is repaired on the next start
 *   by re-reading just those ids (see service.ts), whatever happened in between.
 */
import { cmp, type DBCore, type DBCoreKeyRange, type DBCoreMutateRequest, type DBCoreMutateResponse, type DBCoreTable, type Middleware } from 'dexie'
import type { SearchChangeRow } from '../db/schema'
import type { TableWrite } from './search-index'

const CHANGE_LOG = 'searchChanges'
const FOLLOWED: ReadonlySet<string> = new Set(['records', 'clients'])

/** The writes of one committed transaction and the highest change-log seq it appended. */
export interface CommittedWrites {
  seq: number
  writes: TableWrite[]
}

type Listener = (committed: CommittedWrites) => void

/** By database name: several Dexie instances of one database all report to its index. */
const listeners = new Map<string, Set<Listener>>()
/** Databases opened with the middleware, so a service can refuse one that was not. */
const captured = new Set<string>()

export function isCaptured(dbName: string): boolean {
  return captured.has(dbName)
}

/** Calls `listener` with every committed write to records or clients of that database. */
export function onCommittedWrites(dbName: string, listener: Listener): () => void {
  let set = listeners.get(dbName)
  if (!set) listeners.set(dbName, (set = new Set()))
  set.add(listener)
  return () => {
    set.delete(listener)
    if (set.size === 0) listeners.delete(dbName)
  }
}

/** Register before the database opens: `openCacheDb(name, { middlewares: [searchMiddleware] })`. */
export const searchMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'search-change-capture',
  create(down) {
    const dbName = down.schema.name
    // Dexie also builds a stack over the old schema for an upgrade's own transaction, which has
    // no log yet; nothing is captured there (an upgraded cache gets its index built anew).
    if (!down.schema.tables.some((table) => table.name === CHANGE_LOG)) return {}
    captured.add(dbName)
    // Transactions this middleware opened (or widened), with the writes made in them so far.
    const pending = new WeakMap<object, CommittedWrites>()
    return {
      transaction(stores, mode, options) {
        const followed = mode === 'readwrite' && stores.some((store) => FOLLOWED.has(store))
        const scope = followed && !stores.includes(CHANGE_LOG) ? [...stores, CHANGE_LOG] : stores
        const trans = down.transaction(scope, mode, options)
        if (followed) {
          const committed: CommittedWrites = { seq: 0, writes: [] }
          pending.set(trans, committed)
          // Registered before Dexie sets its own oncomplete, so the index is current before any
          // code awaiting the transaction resumes.
          ;(trans as unknown as IDBTransaction).addEventListener('complete', () => {
            if (committed.writes.length > 0) deliver(dbName, committed)
          })
        }
        return trans
      },
      table(name) {
        const table = down.table(name)
        if (!FOLLOWED.has(name)) return table
        const log = down.table(CHANGE_LOG)
        return {
          ...table,
          async mutate(req) {
            const res = await table.mutate(req)
            // Not a transaction of ours: a schema upgrade, which the index never follows (it rebuilds).
            const committed = pending.get(req.trans)
            const write = committed && describe(table, req, res)
            if (!committed || !write) return res
            const row: Omit<SearchChangeRow, 'seq'> = { table: write.table, keys: write.deletesWhere ? null : changedIds(write) }
            committed.writes.push(write)
            // Not awaited: the transaction cannot commit before the log row is written, and waiting
            // here would add a round trip to IndexedDB to every write. A write whose log row fails
            // must not commit unlogged, so the transaction is aborted instead.
            log.mutate({ type: 'add', trans: req.trans, values: [row] }).then(
              (logged) => (committed.seq = Math.max(committed.seq, logged.lastResult as number)),
              () => req.trans.abort(),
            )
            return res
          },
        }
      },
    }
  },
}

function deliver(dbName: string, committed: CommittedWrites): void {
  for (const listener of listeners.get(dbName) ?? []) {
    try {
      listener(committed)
    } catch (error) {
      // One failing listener must not keep the others (or Dexie's own completion) from running.
      console.error('search index listener failed', error)
    }
  }
}

/** What a mutation did, rows that failed left out; undefined when it changed nothing. */
function describe(table: DBCoreTable, req: DBCoreMutateRequest, res: DBCoreMutateResponse): TableWrite | undefined {
  const name = table.name as TableWrite['table']
  switch (req.type) {
    case 'add':
    case 'put': {
      const puts = res.numFailures > 0 ? req.values.filter((_, i) => !(i in res.failures)) : req.values
      return puts.length > 0 ? { table: name, puts, deletes: [] } : undefined
    }
    case 'delete':
      return req.keys.length > 0 ? { table: name, puts: [], deletes: req.keys as string[] } : undefined
    case 'deleteRange':
      return { table: name, puts: [], deletes: [], deletesWhere: (id) => inRange(id, req.range) }
  }
}

function changedIds(write: TableWrite): string[] {
  return [...write.deletes, ...write.puts.map((row) => (row as { id: string }).id)]
}

function inRange(key: string, range: DBCoreKeyRange): boolean {
  const aboveLower = range.lower === undefined || cmp(key, range.lower) > (range.lowerOpen ? 0 : -1)
  const belowUpper = range.upper === undefined || cmp(key, range.upper) < (range.upperOpen ? 0 : 1)
  return aboveLower && belowUpper
}
