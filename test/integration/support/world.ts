import Dexie from 'dexie'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { createAuthedClient, createTokenSource, passwordGrant } from '../../../electron/main/crm/auth'
import type { CrmClient } from '../../../electron/main/crm/client'
import { createPrng } from '../../../electron/main/demo/prng'
import { DEMO_ACCOUNT, NO_FAULTS, startDemoServer, type DemoServer, type FaultSettings } from '../../../electron/main/demo/server'
import { emptyStats, type SyncStats } from '../../../electron/main/sync/context'
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from '../../../electron/main/sync/engine'
import type { SyncStore } from '../../../electron/shared/sync'
import { cacheDbName, openCacheDb, type CacheDb } from '../../../renderer/src/db/schema'
import { createDexieSyncStore } from '../../../renderer/src/db/sync-store'
import { demoAccountConfig } from '../../support/demo-account'

export interface WorldOptions {
  records: number
  seed?: number
  engine?: Partial<Omit<SyncEngineOptions, 'store' | 'client'>>
}

/**
 * One laptop and one CRM: the demo server over real HTTP, a signed-in client, the renderer's
 * Dexie cache (on fake-indexeddb) and the real sync engine. `restart()` behaves like killing the
 * app: the engine stops writing at once, requests on the wire are abandoned, and the cache is
 * closed and opened again from what was committed.
 */
export async function createWorld(options: WorldOptions) {
  Dexie.dependencies.indexedDB = new IDBFactory()
  Dexie.dependencies.IDBKeyRange = IDBKeyRange
  const server: DemoServer = await startDemoServer({ records: options.records, seed: options.seed ?? 7 })
  const account = demoAccountConfig(server)
  let signedOut = false
  let client: CrmClient = await signIn()
  const dbName = cacheDbName(account)
  let db: CacheDb = await openCacheDb(dbName)
  let store: SyncStore = createDexieSyncStore(db)
  let engine: SyncEngine = newEngine()
  // Every engine this world ran: a killed engine's last in-flight write may still commit after it stopped.
  const engines: SyncEngine[] = [engine]
  // The engine's jitter is the same every run.
  let random = createPrng(options.seed ?? 7).next

  async function signIn(): Promise<CrmClient> {
    const tokens = await passwordGrant(account, DEMO_ACCOUNT.password)
    signedOut = false
    const tokenSource = createTokenSource({ account, tokens, onSignedOut: () => (signedOut = true) })
    return createAuthedClient({ account, tokenSource, timeoutMs: 3000 })
  }

  function newEngine(overrides: Partial<SyncEngineOptions> = {}): SyncEngine {
    return createSyncEngine({
      baseBackoffMs: 2,
      maxBackoffMs: 40,
      pullIntervalMs: 3600_000,
      sweepIntervalMs: 3600_000,
      ...options.engine,
      ...overrides,
      random: () => random(),
      store,
      client: () => client,
    })
  }

  return {
    server,
    account,
    get db() {
      return db
    },
    get store() {
      return store
    },
    get engine() {
      return engine
    },
    get client() {
      return client
    },
    get signedOut() {
      return signedOut
    },
    /** Stats summed over every engine this world has run. */
    stats(): SyncStats {
      const sum = emptyStats()
      for (const run of engines) {
        for (const key of Object.keys(sum) as (keyof SyncStats)[]) sum[key] += run.stats[key]
      }
      return sum
    },
    setFaults(faults: Partial<FaultSettings>): void {
      server.setFaults({ ...NO_FAULTS, ...faults })
    },
    /** Kill the app and start it again. */
    async restart(overrides: Partial<SyncEngineOptions> = {}): Promise<void> {
      engine.stop()
      db.close()
      db = await openCacheDb(dbName)
      store = createDexieSyncStore(db)
      random = createPrng(Math.floor(random() * 1e9)).next
      engine = newEngine(overrides)
      engines.push(engine)
    },
    async signInAgain(): Promise<void> {
      client = await signIn()
    },
    /**
     * Runs passes until the outbox is empty and a pass succeeded, or `maxPasses` ran. Bounded so a
     * stuck engine fails the test instead of hanging it.
     */
    async drain(maxPasses = 2000): Promise<number> {
      for (let pass = 1; pass <= maxPasses; pass++) {
        await engine.syncNow()
        await engine.idle()
        const status = engine.status()
        if (status.paused) return pass
        const settled = status.lastSuccessAt !== undefined && status.lastError === undefined
        if (settled && (await store.outbox()).length === 0) return pass
        await new Promise((resolve) => setTimeout(resolve, 2))
      }
      throw new Error(`Sync did not settle in ${maxPasses} passes: ${JSON.stringify(engine.status())}`)
    },
    /** Records the cache shows (hidden deletes excluded). */
    async visibleIds(): Promise<string[]> {
      return (await db.records.toArray()).filter((r) => r.deleted !== 1).map((r) => r.id)
    },
    async close(): Promise<void> {
      engine.stop()
      db.close()
      await server.close()
    },
  }
}

export type World = Awaited<ReturnType<typeof createWorld>>

/** The line each scenario prints, in the exact form the issue asks for. */
export function scenarioLine(name: string, ops: number, stats: SyncStats, lost: number, duplicated: number): string {
  return `sync-scenario: name=${name} ops=${ops} sent=${stats.sent} retried=${stats.retried} checked=${stats.checked} adopted=${stats.adopted} lost=${lost} duplicated=${duplicated}`
}
