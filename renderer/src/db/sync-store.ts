/**
 * The SyncStore (electron/shared/sync.ts) over the Dexie cache: what the sync engine in main asks
 * of the renderer. Each method is one transaction, resolved only once committed, so the engine can
 * be stopped between any two calls and lose nothing.
 */
import type { Table } from 'dexie'
import type { FollowupRecord } from '../../../electron/shared/records'
import { isLocalId, type DeleteEntry, type OutboxEntry, type PullState, type SyncStore } from '../../../electron/shared/sync'
import { cancelCreate, hasLocalOp, landCreate, mirrorCreateStates } from './outbox-records'
import type { CacheDb } from './schema'
import { guardStorage } from './storage-full'
import type { CachedClient, CachedOpportunity, CachedRecord } from './types'

const isPresent = <T>(value: T | undefined): value is T => value !== undefined
const isDelete = (entry: OutboxEntry): entry is DeleteEntry => entry.kind === 'delete'

const initialPullState = (): PullState => ({ phase: 'full', cursor: '', total: 0, fetched: 0, newestCreateTime: 0 })

export function createDexieSyncStore(db: CacheDb): SyncStore {
  /** A write transaction whose quota failure surfaces as StorageFullError. */
  const write = <T>(tables: Table[], work: () => Promise<T>): Promise<T> =>
    guardStorage(() => db.transaction('rw', tables, work))

  const directoryWritten: DirectoryWritten = { clients: new Map(), opportunities: new Map() }

  const readPullState = async (): Promise<PullState> => {
    const row = await db.meta.get('pull')
    return row?.key === 'pull' ? row.value : initialPullState()
  }

  /** Rewrites existing entries (missing ones are skipped) and mirrors creates' states on their records. */
  const updateEntries = (seqs: number[], change: (entry: OutboxEntry) => OutboxEntry): Promise<void> =>
    write([db.outbox, db.records], async () => {
      const updated = (await db.outbox.bulkGet(seqs)).filter(isPresent).map(change)
      await db.outbox.bulkPut(updated)
      await mirrorCreateStates(db, updated)
    })

  // A plain object of own methods: the IPC host serves exactly Object.keys(store).
  return {
    async outbox() {
      // Primary-key order is seq order, the order entries were queued in.
      return (await db.outbox.toArray()).filter((entry) => entry.state !== 'attention')
    },

    markSending: (seqs, at) =>
      updateEntries(seqs, (entry) => ({ ...entry, state: 'sending', sentAt: at, attempts: entry.attempts + 1 })),

    markChecking: (seqs) => updateEntries(seqs, (entry) => ({ ...entry, state: 'checking' })),

    markPending: (seqs, error) =>
      updateEntries(seqs, (entry) => ({ ...entry, state: 'pending', ...(error ? { lastError: error } : {}) })),

    noteError: (seqs, error) => updateEntries(seqs, (entry) => ({ ...entry, lastError: error })),

    markAttention: (seq, attention) =>
      write([db.outbox, db.records], async () => {
        const entry = await db.outbox.get(seq)
        if (!entry) return
        if (entry.kind === 'create' && attention.reason === 'rejected' && (await db.records.get(entry.recordId))?.deleted === 1) {
          // The user already deleted this record, and the server refused to create it: nothing
          // exists anywhere, so there is nothing to ask the user about.
          await cancelCreate(db, entry)
          return
        }
        const updated: OutboxEntry = { ...entry, state: 'attention', attention }
        await db.outbox.put(updated)
        await mirrorCreateStates(db, [updated])
      }),

    completeCreate: (seq, serverId) =>
      write([db.outbox, db.records], async () => {
        const entry = await db.outbox.get(seq)
        // Already done: a restarted engine may report the same landing twice.
        if (entry?.kind !== 'create') return
        await landCreate(db, entry, serverId, Date.now())
      }),

    completeDeletes: (seqs) =>
      write([db.outbox, db.records], async () => {
        const done = (await db.outbox.bulkGet(seqs)).filter(isPresent).filter(isDelete)
        // A delete aimed at a local id whose create is still queued (waiting for the user) has no
        // server record to remove; its record stays hidden, and landCreate queues the delete
        // again should that create land after all.
        const localIds = done.map((entry) => entry.recordId).filter(isLocalId)
        const creating = new Set(
          (await db.outbox.where('recordId').anyOf(localIds).toArray()).filter((e) => e.kind === 'create').map((e) => e.recordId),
        )
        await db.outbox.bulkDelete(done.map((entry) => entry.seq))
        await db.records.bulkDelete(done.map((entry) => entry.recordId).filter((id) => !creating.has(id)))
      }),

    async adoptedServerIds() {
      // `local_id` is a sparse index: only records created on this device are in it.
      return db.records.orderBy('local_id').primaryKeys()
    },

    pullState: readPullState,

    savePullState: (state) =>
      write([db.meta], async () => {
        await db.meta.put({ key: 'pull', value: state })
      }),

    applyPage: async (rows, options = {}) => {
      const directory = changedDirectory(rows, directoryWritten)
      await write([db.records, db.outbox, db.clients, db.opportunities, db.meta], async () => {
        const records = await serverRecordsToStore(db, rows)
        // In slices, each awaited: a slice's rows are cloned into IndexedDB in one synchronous
        // call, and a whole page of them would be one long task that the UI waits behind.
        for (let start = 0; start < records.length; start += PUT_SLICE) await db.records.bulkPut(records.slice(start, start + PUT_SLICE))
        await db.clients.bulkPut(directory.clients)
        await db.opportunities.bulkPut(directory.opportunities)

        const newest = rows.reduce((max, row) => Math.max(max, row.create_time), 0)
        const state = options.pull ?? (await readPullState())
        if (options.pull || newest > state.newestCreateTime) {
          await db.meta.put({ key: 'pull', value: { ...state, newestCreateTime: Math.max(state.newestCreateTime, newest) } })
        }
      })
      // Only once committed: an aborted page must be written again in full.
      directory.remember()
    },

    saveRecordTypes: (types) =>
      write([db.recordTypes], async () => {
        // Replaced as a whole: a type the server no longer lists must not stay offered.
        await db.recordTypes.clear()
        await db.recordTypes.bulkPut(types)
      }),

    syncedCount: () =>
      db.transaction('r', [db.records, db.outbox], async () => {
        // Records with a local operation are few: those with `sync` (sparse index) or targeted by
        // an outbox entry (deleted ones always are). Count them and subtract from the total.
        const total = await db.records.count()
        const unsent = await db.records.orderBy('sync').primaryKeys()
        const targeted = (await db.outbox.toArray()).map((entry) => entry.recordId)
        const candidates = [...new Set([...unsent, ...targeted])]
        const withLocalOp = (await db.records.bulkGet(candidates)).filter((r) => r !== undefined && hasLocalOp(r)).length
        return total - withLocalOp
      }),

    removeGhosts: (serverIds, createdBefore) =>
      write([db.records], async () => {
        // Keys only (no record is read) until the few missing ones are checked for local ops.
        const onServer = new Set(serverIds)
        const older = await db.records.where('create_time').below(createdBefore).primaryKeys()
        const missing = older.filter((id) => !onServer.has(id) && !isLocalId(id))
        const ghosts = (await db.records.bulkGet(missing)).filter(isPresent).filter((r) => !hasLocalOp(r))
        await db.records.bulkDelete(ghosts.map((r) => r.id))
        return ghosts.length
      }),

    removeRecords: (ids) =>
      write([db.records], async () => {
        const gone = (await db.records.bulkGet(ids)).filter(isPresent).filter((r) => !hasLocalOp(r))
        await db.records.bulkDelete(gone.map((r) => r.id))
      }),
  }
}

/** Records per bulkPut call while applying a page. */
const PUT_SLICE = 100

/**
 * A page's server rows as cached records, without their embedded objects. A row whose stored
 * record has a local operation is not written (local wins until that op is done); an adopted
 * record keeps its `local_id`. Only those few stored records are read: they are the ones the
 * sparse `sync` and `local_id` indexes and the (small) outbox name, so a download does not read
 * back every row it is about to overwrite.
 */
async function serverRecordsToStore(db: CacheDb, rows: readonly FollowupRecord[]): Promise<CachedRecord[]> {
  const [unsent, adopted, entries] = await Promise.all([
    db.records.orderBy('sync').primaryKeys(),
    db.records.orderBy('local_id').primaryKeys(),
    db.outbox.toArray(),
  ])
  const local = new Set<string>([...unsent, ...adopted, ...entries.map((entry) => entry.recordId)])
  const ids = rows.map((row) => row.id).filter((id) => local.has(id))
  const stored = new Map(ids.length === 0 ? [] : (await db.records.bulkGet(ids)).filter(isPresent).map((record) => [record.id, record]))
  const records: CachedRecord[] = []
  for (const row of rows) {
    const { client: _client, opportunity: _opportunity, ...fields } = row
    const mine = stored.get(row.id)
    if (mine && hasLocalOp(mine)) continue
    records.push(mine?.local_id ? { ...fields, local_id: mine.local_id } : fields)
  }
  return records
}

/** What this store last wrote of each client and opportunity (by id, as JSON): a download repeats each on many pages. */
interface DirectoryWritten {
  clients: Map<string, string>
  opportunities: Map<string, string>
}

/**
 * The clients and opportunities of a page that differ from what this store last wrote of them.
 * `remember` records them as written; call it once the page has committed.
 */
function changedDirectory(rows: readonly FollowupRecord[], written: DirectoryWritten) {
  const updated = Date.now()
  const changed = <T extends { id: string }>(seen: Map<string, string>, items: (T | undefined)[]) => {
    const latest = new Map<string, T>()
    for (const item of items) if (item) latest.set(item.id, item)
    const fresh: [T, string][] = []
    for (const item of latest.values()) {
      const json = JSON.stringify(item)
      if (seen.get(item.id) !== json) fresh.push([item, json])
    }
    return fresh
  }
  const clients = changed(written.clients, rows.map((row) => row.client))
  const opportunities = changed(written.opportunities, rows.map((row) => row.opportunity))
  return {
    clients: clients.map(([client]): CachedClient => ({ ...client, updated })),
    opportunities: opportunities.map(([opportunity]): CachedOpportunity => ({ ...opportunity, updated })),
    remember() {
      for (const [client, json] of clients) written.clients.set(client.id, json)
      for (const [opportunity, json] of opportunities) written.opportunities.set(opportunity.id, json)
    },
  }
}
