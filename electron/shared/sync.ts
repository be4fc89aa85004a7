/**
 * The sync engine (main) and the local cache (renderer, IndexedDB through Dexie) meet here.
 *
 * The engine owns the network: scheduling, backoff, paging, sending. The cache owns every durable
 * byte: records, the outbox, pull progress. The engine never holds state it cannot rebuild from
 * the store, so a crash between any two steps loses nothing: each SyncStore method is one Dexie
 * transaction and resolves only once it is committed.
 */
import type { FollowupRecord, IdString, NewRecordInput, RecordType } from './records'

/** Local ids of records created offline and not yet on the server. */
export const LOCAL_ID_PREFIX = 'local:'
export const isLocalId = (id: string): boolean => id.startsWith(LOCAL_ID_PREFIX)

/**
 * pending: waiting to be sent. sending: handed to the network (durably noted first, with the time).
 * checking: the answer was lost; the engine looks on the server before it may send again.
 * attention: the user must decide (rejected by the server, or several server records could be it).
 */
export type OutboxState = 'pending' | 'sending' | 'checking' | 'attention'

export interface OutboxError {
  kind: string
  message: string
  /** Epoch ms. */
  at: number
}

export interface Attention {
  reason: 'rejected' | 'ambiguous'
  message: string
  /** For 'ambiguous': the server ids that could each be this record. */
  candidates?: IdString[]
}

interface OutboxBase {
  /** Auto-increment: the order entries were queued in. */
  seq: number
  state: OutboxState
  /** Epoch ms when queued. */
  queuedAt: number
  /** Epoch ms when last marked sending. */
  sentAt?: number
  attempts: number
  lastError?: OutboxError
  attention?: Attention
}

export interface CreateEntry extends OutboxBase {
  kind: 'create'
  /** The local record's id (`local:<uuid>`). */
  recordId: string
  payload: NewRecordInput
}

export interface DeleteEntry extends OutboxBase {
  kind: 'delete'
  /** A server id, or a local id while that record's create is still in flight. */
  recordId: string
}

export type OutboxEntry = CreateEntry | DeleteEntry

/** Where pulling stands, stored with the records it describes. */
export interface PullState {
  /** 'full' until the first download has read the last page. */
  phase: 'full' | 'incremental'
  /** Cursor of the next page of the full download ('' = start). */
  cursor: string
  /** The server's `total` when the full download last read a page. */
  total: number
  /** Rows stored by the full download so far. */
  fetched: number
  /** Newest create_time (unix s) among server records stored. */
  newestCreateTime: number
  /** Epoch ms of the last completed incremental pull / ghost sweep. */
  lastPullAt?: number
  lastSweepAt?: number
}

export interface ApplyPageOptions {
  /** The full download's progress after this page, stored in the same transaction as the rows. */
  pull?: PullState
}

/** What the engine asks of the local cache. Every method is one committed transaction. */
export interface SyncStore {
  /** Entries to work on, in queue order; 'attention' entries excluded. */
  outbox(): Promise<OutboxEntry[]>
  markSending(seqs: number[], at: number): Promise<void>
  markChecking(seqs: number[]): Promise<void>
  /** Back to pending (the request certainly did not reach the server), noting why. */
  markPending(seqs: number[], error?: OutboxError): Promise<void>
  /** Notes a failed attempt on entries that stay in their state. */
  noteError(seqs: number[], error: OutboxError): Promise<void>
  markAttention(seq: number, attention: Attention): Promise<void>
  /**
   * The create landed as `serverId`: the record takes that id (dropping any copy a pull already
   * stored), remembers its local id, queued deletes of it are re-aimed at the server id, and the
   * entry is removed.
   */
  completeCreate(seq: number, serverId: IdString): Promise<void>
  /** The deletes are done on the server: entries and records removed. */
  completeDeletes(seqs: number[]): Promise<void>
  /** Server ids that creates of this outbox already adopted (never adopt one twice). */
  adoptedServerIds(): Promise<IdString[]>

  pullState(): Promise<PullState>
  savePullState(state: PullState): Promise<void>
  /** Upserts server rows by id (never over a record with a pending operation) and files their clients and opportunities in the directory. */
  applyPage(rows: FollowupRecord[], options?: ApplyPageOptions): Promise<void>
  saveRecordTypes(types: RecordType[]): Promise<void>
  /** Count of cached records that came from the server and have no pending operation. */
  syncedCount(): Promise<number>
  /**
   * Removes cached records the server no longer has: those created before `createdBefore` (unix s)
   * whose ids are not in `serverIds`, never one with a pending operation. Returns how many went.
   */
  removeGhosts(serverIds: IdString[], createdBefore: number): Promise<number>
  /** Removes records the server answered "not found" for (skipping those with pending operations). */
  removeRecords(ids: IdString[]): Promise<void>
}

export type SyncStoreMethod = keyof SyncStore

export type OnlineState = 'unknown' | 'online' | 'offline'

export interface SyncStatus {
  online: OnlineState
  /** What the engine is doing now. */
  activity: 'idle' | 'replaying' | 'downloading' | 'pulling' | 'sweeping'
  /** Set while the engine waits for the user to sign in again; the outbox is kept. */
  paused?: 'signed_out'
  download?: { fetched: number; total: number; recordsPerSecond: number }
  /** Epoch ms. */
  lastSuccessAt?: number
  /** Epoch ms of the next automatic retry after a failure. */
  nextRetryAt?: number
  lastError?: { kind: string; message: string }
}
