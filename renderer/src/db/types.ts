/**
 * What the renderer's IndexedDB cache holds. Rows are plain data (structured-clonable), and every
 * 64-bit id stays a decimal string, as in electron/shared/records.ts.
 */
import type { ClientInfo, FollowupRecord, OpportunityInfo } from '../../../electron/shared/records'
import type { OutboxEntry, OutboxState, PullState } from '../../../electron/shared/sync'

/**
 * A follow-up record as cached: the server row without its embedded `client` and `opportunity`
 * (they go to the directory tables once per client instead of ~3 KB per row), plus local state.
 * (A key-remapping type rather than Omit, which would drop every named field of a type that has
 * an index signature.)
 */
export type CachedRecord = {
  [K in keyof FollowupRecord as K extends 'client' | 'opportunity' ? never : K]: FollowupRecord[K]
} & {
  /** Mirror of its create entry's state while the create is outstanding; absent once on the server. */
  sync?: OutboxState
  /** Hidden: the user deleted it and a delete is queued. */
  deleted?: 1
  /** The `local:<uuid>` id it was created under, kept after the create lands (selection, adoption). */
  local_id?: string
}

/** A client (客户) as last seen embedded in a list row. */
export type CachedClient = ClientInfo & {
  /** Epoch ms when a pulled row brought this version of it (a download writes each version once). */
  updated: number
}

/** An opportunity (商机) as last seen embedded in a list row. */
export type CachedOpportunity = OpportunityInfo & {
  /** Epoch ms when a pulled row brought this version of it (a download writes each version once). */
  updated: number
}

/** Key/value rows of the `meta` table. `flushed`: when flushToDisk (schema.ts) last ran. */
export type MetaRow = { key: 'pull'; value: PullState } | { key: 'flushed'; value: number }

/** Omit applied to each member of a union (plain Omit would merge the members). */
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

/** An outbox entry before IndexedDB has numbered it. */
export type NewOutboxEntry = OmitEach<OutboxEntry, 'seq'>
