import type { MainEvent, SessionInfo, StoreReply } from '../../shared/ipc'
import type { SyncStatus } from '../../shared/sync'
import type { CrmClient } from '../crm/client'
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from './engine'
import { createRemoteStore, type RemoteStore } from './remote-store'

export interface SyncControllerOptions {
  client: () => CrmClient
  emit: (event: MainEvent) => void
  engine?: Omit<SyncEngineOptions, 'store' | 'client' | 'onStatus'>
}

const DETACHED: SyncStatus = { online: 'unknown', activity: 'idle' }

/**
 * Owns the one sync engine of the app and the link to the renderer's cache it works on. A page
 * that (re)attaches gets a fresh engine; whatever the old one was doing is safe in the store.
 */
export function createSyncController(options: SyncControllerOptions) {
  let current: { remote: RemoteStore; engine: SyncEngine } | null = null

  function detach(): void {
    current?.engine.stop()
    current?.remote.detach()
    current = null
  }

  return {
    attach(_info: { dbName: string }): SyncStatus {
      detach()
      const remote = createRemoteStore({ send: (call) => options.emit({ type: 'store.call', ...call }) })
      const engine = createSyncEngine({
        ...options.engine,
        store: remote.store,
        client: options.client,
        onStatus: (status) => options.emit({ type: 'sync.status', status }),
      })
      current = { remote, engine }
      void engine.start()
      return engine.status()
    },
    reply: (reply: StoreReply) => current?.remote.reply(reply),
    syncNow(): SyncStatus {
      if (!current) return DETACHED
      void current.engine.syncNow()
      return current.engine.status()
    },
    changesQueued: () => void current?.engine.changesQueued(),
    networkHint: (online: boolean) => current?.engine.networkHint(online),
    status: (): SyncStatus => current?.engine.status() ?? DETACHED,
    /** Signing out stops the engine; signing in again waits for the page to attach the new account's cache. */
    sessionChanged(session: SessionInfo): void {
      if (session.state === 'signed_out' && session.reason !== 'expired') detach()
    },
    /** The page was signed back in after an expired session: the paused engine drains the queue. */
    resume: () => current?.engine.resume(),
    dispose: detach,
  }
}

export type SyncController = ReturnType<typeof createSyncController>
