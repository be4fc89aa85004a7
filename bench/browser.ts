/**
 * Debian's Chromium with an on-disk profile (IndexedDB on disk, as in the app: an in-memory
 * incognito profile would flatter every write and load), and main's real handler table bridged
 * into the page the way test/e2e/support/launch.ts does it: the page calls through a binding,
 * events come back by evaluate. Events travel as JSON text: a download page is ~1.5 MB, and
 * Playwright's per-value argument encoding would cost far more than Electron's structured clone.
 */
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { MAIN_CALLS, type MainEvent } from '../electron/shared/ipc'
import type { MainCore } from '../electron/main/core'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/e2e/support/chromium'

export interface BenchBrowser {
  context: BrowserContext
  page: Page
  close(): Promise<void>
}

/** A browser on `profileDir` with the bench page loaded; with `core`, the page can reach main. */
export async function openBenchPage(profileDir: string, url: string, core?: MainCore): Promise<BenchBrowser> {
  const browser = await launchOnProfile(profileDir, core)
  await browser.page.goto(url)
  await browser.page.waitForFunction(() => 'bench' in window)
  return browser
}

/**
 * A browser on `profileDir`, its page not loaded yet: `core` bridged in when given, and
 * `initScript` (source text) run before the page's own scripts.
 */
export async function launchOnProfile(profileDir: string, core?: MainCore, initScript?: string): Promise<BenchBrowser> {
  const context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true })
  const page = context.pages()[0] ?? (await context.newPage())
  page.on('pageerror', (error) => console.error('page error:', error.message))
  if (core) {
    await page.exposeBinding('__crmCall', (_source, call: string, args: unknown[]) => core.dispatch(call, args))
    await page.addInitScript(bridgeInitScript, MAIN_CALLS)
  }
  if (initScript) await page.addInitScript({ content: initScript })
  return { context, page, close: () => context.close() }
}

/** main → page: what MainCoreOptions.emit does for this page. */
export function emitTo(page: () => Page | undefined): (event: MainEvent) => void {
  return (event) => {
    page()
      ?.evaluate((json) => (window as unknown as BridgedWindow).__crmEmit?.(JSON.parse(json) as MainEvent), JSON.stringify(event))
      .catch(() => {
        // The page is closing between scenarios; nothing listens any more.
      })
  }
}

interface BridgedWindow {
  __crmCall(call: string, args: unknown[]): Promise<unknown>
  __crmEmit?: (event: MainEvent) => void
}

/** Runs in the page before its scripts, in the preload's place: window.crm with one method per call. */
function bridgeInitScript(calls: readonly string[]): void {
  const bridged = window as unknown as BridgedWindow & { crm: unknown }
  const listeners = new Set<(event: MainEvent) => void>()
  const bridge: Record<string, unknown> = {
    onEvent(listener: (event: MainEvent) => void) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  for (const call of calls) bridge[call] = (...args: unknown[]) => bridged.__crmCall(call, args)
  Object.defineProperty(window, 'crm', { value: Object.freeze(bridge), enumerable: true })
  bridged.__crmEmit = (event) => listeners.forEach((listener) => listener(event))
}
