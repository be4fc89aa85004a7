import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { _electron, chromium, type Browser, type Page } from 'playwright-core'
import { MAIN_CALLS, type DesktopBridge, type MainEvent } from '../../../electron/shared/ipc'
import { createMainCore, type MainCore, type MainCoreOptions } from '../../../electron/main/core'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium'
import { electronExecutable } from './electron-binary'
import { serveDirectory } from './static-server'

const ROOT = resolve(import.meta.dirname, '../../..')

export interface LaunchedApp {
  page: Page
  /** The main-process core serving this page (Chromium mode only: in Electron mode it lives in the app). */
  core?: MainCore
  close(): Promise<void>
}

export interface LaunchOptions {
  demoRecords?: number
  /** Short backoff by default, so a spec sees the queue drain soon after the network returns. */
  sync?: MainCoreOptions['sync']
}

/**
 * Starts the app for a spec. By default: the built renderer in Debian's Chromium, with the real
 * main-process handler table running in this process and reached through exposeBinding. With
 * E2E_ELECTRON=1 on a machine that has the Electron binary: the real app through Playwright's
 * _electron, so the same specs cover the real transport.
 */
export function launchApp(options: LaunchOptions = {}): Promise<LaunchedApp> {
  return process.env['E2E_ELECTRON'] === '1' ? launchElectron() : launchInChromium(options)
}

async function launchElectron(): Promise<LaunchedApp> {
  const executablePath = electronExecutable()
  if (!executablePath) throw new Error('E2E_ELECTRON=1 needs the Electron binary: run `npm start` once to fetch it')
  const app = await _electron.launch({ executablePath, args: [resolve(ROOT, 'out/main/index.js')], cwd: ROOT })
  const page = await app.firstWindow()
  return { page, close: () => app.close() }
}

async function launchInChromium(options: LaunchOptions): Promise<LaunchedApp> {
  const rendererDir = resolve(ROOT, 'out/renderer')
  if (!existsSync(resolve(rendererDir, 'index.html'))) {
    throw new Error('out/renderer is missing: run `npm run build` first (npm run test:e2e does)')
  }
  const site = await serveDirectory(rendererDir)
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  const page = await browser.newPage()

  const core = createMainCore({
    demoRecords: options.demoRecords ?? 300,
    sync: options.sync ?? { baseBackoffMs: 100, maxBackoffMs: 1000 },
    emit: (event: MainEvent) => {
      page.evaluate((e) => window.__crmEmit?.(e), event).catch(() => {
        // The page may be reloading or closed; the renderer asks for state again when it starts.
      })
    },
  })
  await page.exposeBinding('__crmCall', (_source, call: string, args: unknown[]) => core.dispatch(call, args))
  await page.addInitScript(bridgeInitScript, MAIN_CALLS)
  await page.goto(site.url)

  return {
    page,
    core,
    async close() {
      await browser.close()
      await core.dispose()
      await site.close()
    },
  }
}

declare global {
  interface Window {
    crm: DesktopBridge
    __crmCall?: (call: string, args: unknown[]) => Promise<unknown>
    __crmEmit?: (event: MainEvent) => void
  }
}

/**
 * Runs in the page before its scripts, playing the preload's part: window.crm with one method per
 * contract call, each forwarded to the test process's dispatcher.
 */
function bridgeInitScript(calls: readonly string[]): void {
  const listeners = new Set<(event: unknown) => void>()
  const bridge: Record<string, unknown> = {
    onEvent(listener: (event: unknown) => void) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  for (const call of calls) {
    bridge[call] = (...args: unknown[]) => window.__crmCall!(call, args)
  }
  Object.defineProperty(window, 'crm', { value: Object.freeze(bridge), enumerable: true })
  window.__crmEmit = (event) => listeners.forEach((listener) => listener(event))
}
