import type { MainEvent } from '../shared/ipc'
import { DEMO_ACCOUNT, startDemoServer, type DemoServer } from './demo/server'
import { createDispatcher, type Dispatch, type MainHandlers } from './ipc/dispatch'
import { createMainHandlers } from './ipc/handlers'
import { createSessionManager, type DemoEndpoint } from './session'

export interface MainCoreOptions {
  /** Pushes an event to the renderer (the shell: webContents.send; the e2e harness: page.evaluate). */
  emit: (event: MainEvent) => void
  /** Records the built-in demo server generates on first start. */
  demoRecords?: number
  timeoutMs?: number
}

export interface MainCore {
  handlers: MainHandlers
  dispatch: Dispatch
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
    onChange: (info) => options.emit({ type: 'session', session: info }),
    timeoutMs: options.timeoutMs,
  })
  const handlers = createMainHandlers({ session })

  return {
    handlers,
    dispatch: createDispatcher(handlers),
    async dispose() {
      if (demo) await (await demo).close()
    },
  }
}
