import type { SyncStore } from '../../shared/sync'
import type { CrmClient } from '../crm/client'

/** Counters a run of the engine keeps, for the status bar, diagnostics and the scenario tests. */
export interface SyncStats {
  /** Create and delete requests put on the wire. */
  sent: number
  /** Of those, the ones sending an entry that had been sent before. */
  retried: number
  /** Lost answers looked up on the server before anything was sent again. */
  checked: number
  /** Lookups that found the record and adopted its id instead of sending again. */
  adopted: number
  /** Rows stored by pulls. */
  pulled: number
  /** Cached records removed because the server no longer has them. */
  ghostsRemoved: number
}

export const emptyStats = (): SyncStats => ({ sent: 0, retried: 0, checked: 0, adopted: 0, pulled: 0, ghostsRemoved: 0 })

/** What one sync pass works with. */
export interface SyncContext {
  store: SyncStore
  api: CrmClient
  now: () => number
  stats: SyncStats
}
