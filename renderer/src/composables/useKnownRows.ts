/**
 * Rows the record list can show without reading the cache: those its last read returned, and
 * every record committed since (the search middleware hands each committed write to its
 * listeners before the writer resumes). When a write changes the search result, a local create
 * above all, the new window is usually made of known rows only, so the list shows it at once
 * instead of after its next IndexedDB read. That read still follows, and what it returns wins.
 */
import { onScopeDispose, shallowRef, watch, type Ref } from 'vue'
import type { CacheDb } from '../db/schema'
import type { CachedClient, CachedRecord } from '../db/types'
import { toRecordRow, type RecordRow } from '../records/record-row'
import { onCommittedWrites, type CommittedWrites } from '../search'

/**
 * Committed records kept beyond this many are dropped (the reads take over): a download commits
 * 500 a page, and the list needs only the few that enter its window before its next read.
 */
const MAX_WRITTEN = 2000

export function useKnownRows(db: Readonly<Ref<CacheDb>>) {
  /** The last read's rows, computed against the clients known then. */
  let read = new Map<string, RecordRow>()
  /** Records as committed since (null: deleted, or hidden by the user's delete). Always current. */
  let written = new Map<string, CachedRecord | null>()
  let clients = new Map<string, CachedClient>()
  /** Bumped by every committed write, so computeds over `rowsFor` follow. */
  const version = shallowRef(0)

  function follow({ writes }: CommittedWrites): void {
    for (const write of writes) {
      if (write.table === 'clients') {
        if (write.deletesWhere) clients = new Map()
        for (const id of write.deletes) clients.delete(id)
        for (const client of write.puts as CachedClient[]) clients.set(client.id, client)
        // Rows read earlier carry the old client's name and phone.
        read = new Map()
        continue
      }
      if (write.deletesWhere) {
        read = new Map()
        written = new Map()
        continue
      }
      if (written.size + write.puts.length + write.deletes.length > MAX_WRITTEN) {
        // The rows read may be older than the records dropped here.
        read = new Map()
        written = new Map()
      }
      for (const id of write.deletes) written.set(id, null)
      for (const record of write.puts as CachedRecord[]) written.set(record.id, record.deleted === 1 ? null : record)
    }
    version.value++
  }

  let stop: (() => void) | undefined
  watch(
    () => db.value.name,
    (name) => {
      stop?.()
      read = new Map()
      written = new Map()
      clients = new Map()
      stop = onCommittedWrites(name, follow)
    },
    { immediate: true },
  )
  onScopeDispose(() => stop?.())

  return {
    /** What a read of the cache returned: its rows and the clients they were shown with. */
    remember(rows: readonly (RecordRow | undefined)[], rowClients: ReadonlyMap<string, CachedClient>): void {
      read = new Map()
      for (const row of rows) if (row) read.set(row.id, row)
      for (const [id, client] of rowClients) clients.set(id, client)
    },
    /** The rows of these ids if every one is known (and not deleted), else undefined. */
    rowsFor(ids: readonly string[]): RecordRow[] | undefined {
      void version.value
      const rows: RecordRow[] = []
      for (const id of ids) {
        const record = written.get(id)
        const row = record === undefined ? read.get(id) : record && toRecordRow(record, clients.get(record.cle_id))
        if (!row) return undefined
        rows.push(row)
      }
      return rows
    },
  }
}
