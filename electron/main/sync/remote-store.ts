import type { StoreReply } from '../../shared/ipc'
import type { SyncStore, SyncStoreMethod } from '../../shared/sync'

/** Every SyncStore method, so the proxy below can refuse anything else. */
const METHODS: { [K in SyncStoreMethod]: true } = {
  outbox: true,
  markSending: true,
  markChecking: true,
  markPending: true,
  noteError: true,
  markAttention: true,
  completeCreate: true,
  completeDeletes: true,
  adoptedServerIds: true,
  pullState: true,
  savePullState: true,
  applyPage: true,
  saveRecordTypes: true,
  syncedCount: true,
  removeGhosts: true,
  removeRecords: true,
}
export const SYNC_STORE_METHODS = Object.keys(METHODS) as SyncStoreMethod[]

export class StoreUnavailableError extends Error {
  readonly kind = 'store_unavailable'
  readonly retryable = true
}

export interface RemoteStoreOptions {
  /** Sends one call to the renderer (a `store.call` event). */
  send: (call: { id: number; method: SyncStoreMethod; args: unknown[] }) => void
  /** How long a call may take before the renderer counts as gone (reloading, closed). */
  timeoutMs?: number
}

/**
 * The renderer's Dexie cache as seen from main: each SyncStore method becomes an event to the page
 * and resolves when the page replies. Main itself never opens IndexedDB.
 */
export function createRemoteStore({ send, timeoutMs = 60_000 }: RemoteStoreOptions) {
  let nextId = 1
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void; timer: ReturnType<typeof setTimeout> }>()

  function call(method: SyncStoreMethod, args: unknown[]): Promise<unknown> {
    const id = nextId++
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting.delete(id)
        reject(new StoreUnavailableError(`The local cache did not answer ${method} in time`))
      }, timeoutMs)
      timer.unref?.()
      waiting.set(id, { resolve, reject, timer })
      send({ id, method, args })
    })
  }

  const store = Object.fromEntries(
    SYNC_STORE_METHODS.map((method) => [method, (...args: unknown[]) => call(method, args)]),
  ) as unknown as SyncStore

  return {
    store,
    /** A reply from the page; unknown or late ids are ignored. */
    reply({ id, result }: StoreReply): void {
      const pending = waiting.get(id)
      if (!pending) return
      waiting.delete(id)
      clearTimeout(pending.timer)
      if (result.ok) pending.resolve(result.value)
      else pending.reject(Object.assign(new Error(result.error.message), { kind: result.error.kind }))
    },
    /** The page went away: fail everything still waiting. */
    detach(): void {
      for (const [id, pending] of waiting) {
        clearTimeout(pending.timer)
        pending.reject(new StoreUnavailableError('The local cache was closed'))
        waiting.delete(id)
      }
    },
  }
}

export type RemoteStore = ReturnType<typeof createRemoteStore>
