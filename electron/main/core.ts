import type { MainEvent } from '../shared/ipc'
import { DEMO_ACCOUNT, startDemoServer, type DemoServer } from './demo/server'
import { createDispatcher, type Dispatch, type MainHandlers } from './ipc/dispatch'
import { createMainHandlers } from './ipc/handlers'
import { createSessionManager, type DemoEndpoint } from './session'
import type { Logger } from './logging/logger'
import type { SecretVault } from './secrets/vault'
import { createSyncController, type SyncController } from './sync/controller'
import type { SyncEngineOptions } from './sync/engine'

export interface MainCoreOptions {
  /** Pushes an event to the renderer (the shell: webContents.send; the e2e harness: page.evaluate). */
  emit: (event: MainEvent) => void
  /** Records the built-in demo server generates on first start. */
  demoRecords?: number
  timeoutMs?: number
  /** Keeps the session across restarts; the shell passes the safeStorage-backed vault. */
  vault?: SecretVault
  log?: Logger
  /** Engine tuning (tests shorten the backoff). */
  sync?: Omit<SyncEngineOptions, 'store' | 'client' | 'onStatus'>
}

export interface MainCore {
  handlers: MainHandlers
  dispatch: Dispatch
  sync: SyncController
  /** The built-in demo server, once "Try the demo" started it (tests use it to cut the network). */
  demoServer(): Promise<DemoServer> | undefined
  dispose(): Promise<void>
}

/**
 * Everything main does, minus Electron: the composition root shared by the shell and the e2e
 * harness, so that tests drive the same code the app runs.
 */
export function createMainCore(options: MainCoreOptions): MainCore {
  let demo: Promise<DemoServer> | undefined

  async function startDemo(): Promise<DemoEndpoint> {
    demo ??= startDemoServer({ records: options.demoRecords ?? 2000 })
    const server = await demo
    return { url: server.url, tokenUrl: server.tokenUrl, account: { ...DEMO_ACCOUNT } }
  }

  const session = createSessionManager({
    startDemo,
    onChange: (info) => {
      sync.sessionChanged(info)
      options.emit({ type: 'session', session: info })
    },
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.vault ? { vault: options.vault } : {}),
    ...(options.log ? { log: options.log } : {}),
  })
  const sync = createSyncController({
    client: () => session.client(),
    emit: options.emit,
    ...(options.sync ? { engine: options.sync } : {}),
  })
  const handlers = createMainHandlers({
    session,
    sync,
    restored: session.restore(),
    ...(options.vault ? { vault: options.vault } : {}),
  })

  return {
    handlers,
    dispatch: createDispatcher(handlers),
    sync,
    demoServer: () => demo,
    async dispose() {
      sync.dispose()
      if (demo) await (await demo).close()
    },
  }
}
