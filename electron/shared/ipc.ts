/**
 * The one IPC contract between the renderer and main.
 *
 * Every call the renderer may make is a method of `MainApi`; every message main may push is a
 * `MainEvent`. The preload exposes exactly `DesktopBridge` on `window.crm` (checked with
 * `satisfies`), main registers one handler per `MainApi` method, and the e2e harness reaches the
 * same handler table through Playwright. Types only, plus the list of call names: this file is
 * imported by main, preload and renderer alike.
 */
import type { FollowupRecord, RecordType } from './records'
import type { SyncStatus, SyncStoreMethod } from './sync'

/** Where the app talks to: a real tenant, or the built-in demo server. */
export interface AccountSummary {
  baseUrl: string
  enterpriseCode: string
  agentNo: string
  demo: boolean
}

export type SessionInfo =
  | { state: 'signed_out'; reason?: 'expired' | 'user' }
  | { state: 'signed_in'; account: AccountSummary }

export interface SignInRequest {
  baseUrl: string
  tokenUrl: string
  clientId: string
  clientSecret: string
  enterpriseCode: string
  agentNo: string
  password: string
  /** Stay signed in across restarts (tokens kept encrypted by the OS). Default true. */
  remember?: boolean
}

/** What the renderer can ask of main. Arguments and results must survive structured cloning. */
export interface MainApi {
  getSession(): SessionInfo
  signIn(request: SignInRequest): SessionInfo
  /**
   * Whether the session can be kept across restarts, and whether its protection is weak (Linux
   * without a keyring): the sign-in screen then offers not to stay signed in.
   */
  secretStorage(): { available: boolean; weakProtection: boolean }
  /** Starts the built-in demo e-CRM server (once) and signs in to it. */
  signInDemo(): SessionInfo
  signOut(): SessionInfo
  recordTypes(): RecordType[]
  /** The server's current copy of one record, or notFound when it was deleted there (drop it from the cache). */
  fetchRecord(id: string): { record: FollowupRecord } | { notFound: true }
  /**
   * The renderer has opened the signed-in account's cache and serves it to the sync engine
   * (answering `store.call` events with `storeReply`). Starts, or restarts, the engine.
   */
  attachStore(info: { dbName: string }): SyncStatus
  storeReply(reply: StoreReply): void
  /** "Sync now": replay the outbox and pull at once. */
  syncNow(): SyncStatus
  /** Local changes were queued. */
  changesQueued(): void
  /** The page saw the browser go online or offline: a hint, since only an API answer proves it. */
  networkHint(online: boolean): void
  syncStatus(): SyncStatus
}

/** The renderer's answer to a `store.call` event. */
export interface StoreReply {
  id: number
  result: IpcResult<unknown>
}

export type MainCall = keyof MainApi

/** One entry per MainApi method: the type makes this list exhaustive. */
const CALLS: { [K in MainCall]: true } = {
  getSession: true,
  signIn: true,
  secretStorage: true,
  signInDemo: true,
  signOut: true,
  recordTypes: true,
  fetchRecord: true,
  attachStore: true,
  storeReply: true,
  syncNow: true,
  changesQueued: true,
  networkHint: true,
  syncStatus: true,
}

/** The call names, for code that must enumerate them (the shell's registration, the e2e bridge). */
export const MAIN_CALLS = Object.keys(CALLS) as MainCall[]

/** Events main pushes to the renderer. */
export type MainEvent =
  | { type: 'session'; session: SessionInfo }
  | { type: 'sync.status'; status: SyncStatus }
  /** The sync engine asks the renderer's cache to run one SyncStore method. */
  | { type: 'store.call'; id: number; method: SyncStoreMethod; args: unknown[] }

/**
 * A failure as it crosses the bridge. Electron's IPC keeps only an Error's message, so failures
 * travel as data and the renderer rebuilds them.
 */
export interface IpcFailure {
  kind: string
  message: string
  retryable: boolean
  status?: number
  code?: number
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcFailure }

export type CallArgs<K extends MainCall> = Parameters<MainApi[K]>
export type CallResult<K extends MainCall> = ReturnType<MainApi[K]>

/** The object on `window.crm`. */
export type DesktopBridge = {
  [K in MainCall]: (...args: CallArgs<K>) => Promise<IpcResult<CallResult<K>>>
} & {
  onEvent(listener: (event: MainEvent) => void): () => void
}

export const CALL_CHANNEL_PREFIX = 'crm:call:'
export const EVENT_CHANNEL = 'crm:event'
