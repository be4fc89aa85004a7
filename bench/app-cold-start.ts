/**
 * The whole app's cold start, what the user sees: the built renderer (out/renderer, served as the
 * e2e harness serves it, standing in for app://) in a browser whose profile holds the demo
 * account's cache with `records` records, main's core in this process. The app signs in to the
 * demo and downloads once; then each run is a new browser on that profile, timed from navigation
 * until the first record rows are on screen (the first animation frame that has some), until a
 * query typed into the first search box on screen (the first screen's) is answered on screen, and
 * until the list's own rows are (the app has replaced its first screen, with that query's answer).
 */
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { createMainCore, type MainCore } from '../electron/main/core'
import type { SyncStatus } from '../electron/shared/sync'
import { serveDirectory } from '../test/e2e/support/static-server'
import { emitTo, launchOnProfile, type BenchBrowser } from './browser'

const RENDERER_OUT = resolve(import.meta.dirname, '../out/renderer')
/** The search index is persisted 2 s after the last write; leave it time to finish. */
const PERSIST_WAIT_MS = 8000

export interface AppColdStartRun {
  /** From navigation start (ms): the entry chunk loaded; the app chunk (asked for once the first screen is painted) loaded. */
  bundle_loaded_ms: number
  app_loaded_ms: number
  /** The first frame with records on screen: the first screen's (src/first-paint) or the list's own. */
  first_row_ms: number
  /**
   * The first frame with the app's own list rows and no first screen over them: the list works
   * (showing the answer to the query typed on the first screen).
   */
  live_row_ms: number
  /** When the page's first script ran (renderer/public/prewarm-cache.js): the renderer has started. */
  first_script_ms: number
  /** Record rows in the first of those frames. */
  rows: number
  /** The page's performance marks (src/first-paint sets some), ms from navigation. */
  marks: Record<string, number>
  /** When the query was typed: as soon as a search box was on screen (the first screen's). From navigation. */
  search_typed_ms: number
  /**
   * When the typed query's answer is on screen (rows with the match marked, which needs the
   * search index): on the first screen or in the app's list, whichever came first. From navigation.
   */
  search_answered_ms: number
}

/** A client name part the demo data has in many records (北京华信网络科技有限公司 and others). */
const SEARCH_PROBE = '科技'

/** `rendererDir`: another build of the renderer, to compare with (out/renderer by default). */
export async function appColdStarts(records: number, runs: number, log: (text: string) => void, rendererDir = RENDERER_OUT): Promise<AppColdStartRun[]> {
  if (!existsSync(resolve(rendererDir, 'index.html'))) throw new Error(`${rendererDir} is missing: run \`npm run build\` first`)
  const site = await serveDirectory(rendererDir)
  const profile = await mkdtemp(join(tmpdir(), 'ecrm-bench-app-'))
  let browser: BenchBrowser | undefined
  const core = createMainCore({ demoRecords: records, emit: emitTo(() => browser?.page) })
  try {
    log(`app: signing in to the demo and downloading ${records} records`)
    browser = await launchOnProfile(profile, core, probeFirstRow)
    await browser.page.goto(site.url)
    await browser.page.getByTestId('sign-in-demo').click()
    await downloaded(core, browser.page)
    await new Promise((done) => setTimeout(done, PERSIST_WAIT_MS))
    await browser.close()

    const measured: AppColdStartRun[] = []
    for (let run = 0; run < runs; run++) {
      log(`app cold start ${run + 1}`)
      browser = await launchOnProfile(profile, core, probeFirstRow)
      await browser.page.goto(site.url)
      const typed = await typeIntoFirstSearchBox(browser.page)
      const answered = await browser.page.waitForFunction(
        () => (document.querySelector('[data-first-paint-row] mark, [data-testid="record-row"] mark') ? Math.round(performance.now()) : 0),
        undefined,
        { polling: 'raf', timeout: 30_000 },
      )
      await browser.page.waitForFunction(() => (window as unknown as ProbedWindow).__firstRow?.live_row_ms !== undefined, undefined, { timeout: 30_000 })
      const probed = await browser.page.evaluate(() => (window as unknown as ProbedWindow).__firstRow!)
      measured.push({ ...probed, search_typed_ms: typed, search_answered_ms: (await answered.jsonValue()) as number })
      await browser.close()
    }
    return measured
  } finally {
    await browser?.close().catch(() => undefined)
    await core.dispose()
    await site.close()
    await rm(profile, { recursive: true, force: true })
  }
}

/**
 * Types the probe query into whichever search box is on screen first, the first screen's or the
 * app's (the first screen may have gone by the time the typing lands: then into the app's).
 * Returns when it was typed, from navigation.
 */
async function typeIntoFirstSearchBox(page: Page): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    try {
      await page.locator('#first-paint input, [data-testid="record-search"] input').first().fill(SEARCH_PROBE, { timeout: 30_000 })
      return await page.evaluate(() => Math.round(performance.now()))
    } catch (error) {
      if (attempt === 3) throw error
    }
  }
}

interface ProbedWindow {
  __firstRow?: AppColdStartRun
}

/**
 * Runs in the page before its scripts: notes the first frame with record rows in it, then the
 * first frame with the list's own rows uncovered. Source text, not a function: tsx would wrap a
 * function's inner functions in a helper the page does not have.
 */
const probeFirstRow = `
  requestAnimationFrame(function check() {
    const pictured = document.querySelectorAll('[data-first-paint-row]').length
    const live = document.querySelectorAll('[data-testid="record-row"][data-record-id]').length
    const covered = document.getElementById('first-paint') !== null
    const now = Math.round(performance.now())
    const script = (part) => performance.getEntriesByType('resource').find((entry) => entry.name.includes('/assets/' + part) && entry.name.endsWith('.js'))
    if (!window.__firstRow && (pictured > 0 || live > 0)) {
      window.__firstRow = {
        bundle_loaded_ms: Math.round(script('index-')?.responseEnd ?? 0),
        first_row_ms: now,
        first_script_ms: Math.round(performance.getEntriesByName('renderer:first-script')[0]?.startTime ?? 0),
        rows: covered ? pictured : live,
        marks: Object.fromEntries(performance.getEntriesByType('mark').map((mark) => [mark.name, Math.round(mark.startTime)])),
      }
    }
    if (window.__firstRow && live > 0 && !covered) {
      window.__firstRow.live_row_ms = now
      window.__firstRow.app_loaded_ms = Math.round(script('app-')?.responseEnd ?? 0)
    }
    else requestAnimationFrame(check)
  })
`

/** Resolves once main's engine has finished the first download into the page's cache. */
async function downloaded(core: MainCore, page: Page): Promise<void> {
  const deadline = Date.now() + 15 * 60_000
  for (;;) {
    const result = (await core.dispatch('syncStatus', [])) as { ok: boolean; value?: SyncStatus }
    const status = result.value
    if (status?.lastError) throw new Error(`sync failed: ${status.lastError.kind}: ${status.lastError.message}`)
    // A pass that succeeded, and nothing running: the download is in the cache.
    if (status?.lastSuccessAt !== undefined && !status.download && status.activity === 'idle') return
    if (Date.now() > deadline) throw new Error('the first download did not finish within 15 minutes')
    await page.waitForTimeout(500)
  }
}
