import type { SecretVault } from '../secrets/vault'
import type { SessionManager } from '../session'
import type { SyncController } from '../sync/controller'
import type { MainHandlers } from './dispatch'
import { fetchRecord } from './fetch-record'

export interface HandlerDeps {
  session: SessionManager
  sync: SyncController
  /** Settles once the session kept from the last run is restored (or found absent). */
  restored: Promise<unknown>
  vault?: SecretVault
}

/** The one handler table for every MainApi call. Plain Node: the shell and the e2e harness both serve it. */
export function createMainHandlers({ session, sync, restored, vault }: HandlerDeps): MainHandlers {
  return {
    getSession: async () => {
      await restored
      return session.info()
    },
    signIn: (request) => session.signIn(request),
    secretStorage: async () => {
      // Without a vault nothing is kept, which is as safe as it gets; the UI need not warn.
      const status = await vault?.status()
      return { available: status?.available ?? false, weakProtection: status?.weakProtection ?? false }
    },
    signInDemo: () => session.signInDemo(),
    signOut: () => session.signOut(),
    recordTypes: () => session.client().recordTypes(),
    fetchRecord: (id) => fetchRecord(session.client(), id),
    attachStore: (info) => sync.attach(info),
    storeReply: (reply) => sync.reply(reply),
    syncNow: () => sync.syncNow(),
    changesQueued: () => sync.changesQueued(),
    networkHint: (online) => sync.networkHint(online),
    syncStatus: () => sync.status(),
  }
}
