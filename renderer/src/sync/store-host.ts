import type { MainEvent } from '../../../electron/shared/ipc'
import type { SyncStore, SyncStoreMethod } from '../../../electron/shared/sync'

type StoreCall = Extract<MainEvent, { type: 'store.call' }>

export interface StoreHostTransport {
  onEvent(listener: (event: MainEvent) => void): () => void
  reply(reply: { id: number; result: { ok: true; value: unknown } | { ok: false; error: { kind: string; message: string; retryable: boolean } } }): Promise<unknown>
}

/**
 * Serves the renderer's cache to main's sync engine: each `store.call` event runs one SyncStore
 * method (one Dexie transaction) and its outcome goes back as a `storeReply`.
 */
export function hostSyncStore(store: SyncStore, transport: StoreHostTransport): () => void {
  const methods = new Set<string>(Object.keys(store))
  return transport.onEvent((event) => {
    if (event.type !== 'store.call') return
    void answer(store, methods, event, transport)
  })
}

async function answer(store: SyncStore, methods: Set<string>, call: StoreCall, transport: StoreHostTransport) {
  let result: Parameters<StoreHostTransport['reply']>[0]['result']
  if (!methods.has(call.method)) {
    result = { ok: false, error: { kind: 'bad_request', message: `Unknown store method ${call.method}`, retryable: false } }
  } else {
    try {
      const method = store[call.method as SyncStoreMethod] as (...args: unknown[]) => Promise<unknown>
      result = { ok: true, value: await method.apply(store, call.args) }
    } catch (error) {
      const e = error as { name?: string; message?: string }
      result = { ok: false, error: { kind: e.name ?? 'store_error', message: e.message ?? String(error), retryable: true } }
    }
  }
  await transport.reply({ id: call.id, result })
}
