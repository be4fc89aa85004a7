import type { SyncStatus, SyncStore } from '../../shared/sync'
import type { CrmClient } from '../crm/client'
import { CrmApiError } from '../crm/errors'
import { createBackoff } from './backoff'
import { emptyStats, type SyncContext, type SyncStats } from './context'
import { fullDownload, incrementalPull, sweepGhosts } from './pull'
import { replayOutbox } from './replay'
import { trackConnectivity } from './track-connectivity'

export interface SyncEngineOptions {
  store: SyncStore
  /** The signed-in account's client; throws an `auth` CrmApiError when nobody is signed in. */
  client: () => CrmClient
  onStatus?: (status: SyncStatus) => void
  now?: () => number
  random?: () => number
  /** First retry delay after a failure, doubling up to `maxBackoffMs`. */
  baseBackoffMs?: number
  maxBackoffMs?: number
  /** Incremental pulls while idle. */
  pullIntervalMs?: number
  /** Ghost sweeps (deletions made elsewhere). */
  sweepIntervalMs?: number
  downloadPageSize?: number
}

const MINUTE = 60_000
const OFFLINE_PROBE_MAX_MS = 30_000

/**
 * The background sync engine: one pass at a time (replay the outbox, then pull), triggered at
 * start, on "Sync now", on new local changes, when connectivity returns and on a timer. Failures
 * back off exponentially with jitter; a lost connection switches to a light probe; a refused
 * refresh token pauses everything until the user signs in again. The engine keeps no state of its
 * own that matters: the store has it all, so stopping it at any moment loses nothing.
 */
export function createSyncEngine(options: SyncEngineOptions) {
  const now = options.now ?? Date.now
  const pullIntervalMs = options.pullIntervalMs ?? 5 * MINUTE
  const sweepIntervalMs = options.sweepIntervalMs ?? 6 * 60 * MINUTE
  const backoff = createBackoff({
    baseMs: options.baseBackoffMs ?? 1000,
    maxMs: options.maxBackoffMs ?? 5 * MINUTE,
    ...(options.random ? { random: options.random } : {}),
  })
  const stats: SyncStats = emptyStats()
  let status: SyncStatus = { online: 'unknown', activity: 'idle' }
  let stopped = false
  let running: Promise<void> | null = null
  let rerun = false
  let forcePull = true
  let timer: ReturnType<typeof setTimeout> | undefined

  function publish(patch: Partial<SyncStatus>): void {
    status = { ...status, ...patch }
    for (const key of Object.keys(patch) as (keyof SyncStatus)[]) {
      if (patch[key] === undefined) delete status[key]
    }
    options.onStatus?.(status)
  }

  /** Refuses store writes once stopped: a stopped engine behaves like a killed app. */
  const store: SyncStore = new Proxy(options.store, {
    get(target, key: keyof SyncStore) {
      const method = target[key] as (...args: unknown[]) => Promise<unknown>
      return (...args: unknown[]) => {
        if (stopped) return Promise.reject(new Error('Sync engine stopped'))
        return method.apply(target, args)
      }
    },
  })

  function context(): SyncContext {
    const api = trackConnectivity(options.client(), {
      answered: () => publish({ online: 'online' }),
      unreachable: () => publish({ online: 'offline' }),
    })
    return { store, api, now, stats }
  }

  async function pass(): Promise<void> {
    const ctx = context()
    // While offline, a light GET finds out whether the CRM is back before any outbox work starts.
    if (status.online !== 'online') await ctx.api.recordTypes()
    publish({ activity: 'replaying' })
    await replayOutbox(ctx)
    const pull = await store.pullState()
    if (pull.phase === 'full') {
      const started = now()
      publish({ activity: 'downloading', download: { fetched: pull.fetched, total: pull.total, recordsPerSecond: 0 } })
      await fullDownload(
        ctx,
        ({ fetched, total }) => {
          const seconds = Math.max(0.001, (now() - started) / 1000)
          publish({ download: { fetched, total, recordsPerSecond: Math.round((fetched - pull.fetched) / seconds) } })
        },
        options.downloadPageSize,
      )
      publish({ download: undefined })
      await store.saveRecordTypes(await ctx.api.recordTypes())
    } else if (forcePull || now() - (pull.lastPullAt ?? 0) >= pullIntervalMs) {
      publish({ activity: 'pulling' })
      await incrementalPull(ctx, options.downloadPageSize)
      await store.saveRecordTypes(await ctx.api.recordTypes())
    }
    forcePull = false
    const afterPull = await store.pullState()
    if (now() - (afterPull.lastSweepAt ?? 0) >= sweepIntervalMs) {
      publish({ activity: 'sweeping' })
      await sweepGhosts(ctx)
    }
  }

  function schedule(delayMs: number): void {
    if (stopped) return
    clearTimeout(timer)
    timer = setTimeout(() => void run(), delayMs)
    timer.unref?.()
  }

  function failureDelay(error: unknown): number {
    if (error instanceof CrmApiError && error.kind === 'rate_limited') return backoff.next(error.retryAfterMs ?? 0)
    // Offline, the next attempt is only a light probe: keep probing often enough to notice the
    // network coming back within half a minute.
    if (status.online === 'offline') return Math.min(backoff.next(), OFFLINE_PROBE_MAX_MS)
    return backoff.next()
  }

  async function runPasses(): Promise<void> {
    do {
      rerun = false
      try {
        await pass()
        backoff.reset()
        publish({ activity: 'idle', lastSuccessAt: now(), lastError: undefined, nextRetryAt: undefined })
        schedule(pullIntervalMs)
      } catch (error) {
        if (stopped) return
        const failure = error instanceof Error ? error : new Error(String(error))
        // Store failures keep their own kind (e.g. StorageFullError) so the UI can word them.
        const ownKind = (error as { kind?: unknown } | null)?.kind
        const kind = typeof ownKind === 'string' ? ownKind : 'internal'
        if (kind === 'auth') {
          // The token source has already tried a refresh: only the user can fix this.
          clearTimeout(timer)
          publish({ activity: 'idle', paused: 'signed_out', lastError: { kind, message: failure.message }, nextRetryAt: undefined })
          return
        }
        const delay = failureDelay(error)
        publish({ activity: 'idle', lastError: { kind, message: failure.message }, nextRetryAt: now() + delay })
        schedule(delay)
        return
      }
    } while (rerun && !stopped)
  }

  /** Starts a pass, or asks the running one to go round once more: never two at a time. */
  function run(): Promise<void> {
    if (stopped || status.paused) return Promise.resolve()
    if (running) {
      rerun = true
      return running
    }
    clearTimeout(timer)
    running = runPasses().finally(() => {
      running = null
    })
    return running
  }

  /** A restarted engine (app start, page reload) reports the last sync the store remembers. */
  async function start(): Promise<void> {
    const pull = await store.pullState().catch(() => undefined)
    if (pull?.lastPullAt !== undefined && status.lastSuccessAt === undefined) publish({ lastSuccessAt: pull.lastPullAt })
    return run()
  }

  return {
    start,
    /** "Sync now": replay and pull at once, skipping any backoff wait. */
    syncNow(): Promise<void> {
      forcePull = true
      backoff.reset()
      return run()
    },
    /** New local changes are queued: send them soon. */
    changesQueued: () => run(),
    /** A hint from the OS or the page that the network is back; "online" is only believed once the API answers. */
    networkHint(online: boolean): void {
      if (online && status.online !== 'online') void run()
    },
    /** The user signed in again after a pause: drain the queue. */
    resume(): Promise<void> {
      publish({ paused: undefined, lastError: undefined })
      backoff.reset()
      return run()
    },
    /** Stops at once, as a crash would: nothing more is written, pending requests are abandoned. */
    stop(): void {
      stopped = true
      clearTimeout(timer)
    },
    /** Resolves when no pass is running. */
    idle: () => running ?? Promise.resolve(),
    status: () => status,
    stats,
  }
}

export type SyncEngine = ReturnType<typeof createSyncEngine>
