/**
 * npm run bench [-- --records 100000] [--rounds 5] [--ci] [--write-queries]
 *
 * Instant search and the cache under load, in headless Chromium running the renderer's real
 * code (bench/page), each scenario with its baseline measured in the same run:
 *
 *   1. first download: main's real sync engine and handler table (this process) pull the demo
 *      server's records into the page's cache over the bridge; then the same records bulkPut raw;
 *   2. the index built by the download checked against a linear scan; local creates timed;
 *      the index persisted;
 *   3. cold starts: a new browser on the same profile, until search is ready; memory measured;
 *   4. on the restored index: checked again, timed against the linear scan, typed into;
 *   5. the whole app's cold start (bench/app-cold-start.ts): the built renderer signs in to the
 *      demo, downloads, then is started anew on that profile until a list row is on screen.
 *
 * Exits non-zero when the index and the linear scan disagree on any query (or anything fails).
 * Timing goals are reported, not enforced. --ci: a quick smoke run (no whole-app download or cold
 * start, no typing, one timing round) that writes no result files.
 */
import { execFileSync } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { cpus, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { Page } from 'playwright-core'
import { build } from 'vite'
import { createMainCore } from '../electron/main/core'
import { DEMO_ACCOUNT, startDemoServer } from '../electron/main/demo/server'
import { loadPinyin } from '../renderer/src/search/pinyin'
import { appColdStarts as appColdStartsOf } from './app-cold-start'
import { emitTo, openBenchPage, type BenchBrowser } from './browser'
import type { BenchApi } from './page/api'
import { drawQueries, type BenchQuery } from './queries'
import { printTable, summarize, writeResults, type Measured } from './report'
import { serveBenchSite } from './site'

const ROOT = resolve(import.meta.dirname, '..')
const PAGE_OUT = resolve(ROOT, 'out/bench')
const PUBLISHED_QUERIES = resolve(import.meta.dirname, 'queries.json')
/** Fixed seed and anchor: the demo server generates the same records on every run. */
const SEED = 1
const ANCHOR_TIME = 1_767_196_800 // 2026-01-01 00:00 in China
const DB_NAME = 'ecrm:bench'
const ENGINE_DB_NAME = 'ecrm:bench-engine'
/** The sync engine's download page size (electron/main/sync/pull.ts). */
const PAGE_SIZE = 500

interface PublishedQueries {
  records: number
  seed: number
  anchorTime: number
  queries: BenchQuery[]
}

const { values: options } = parseArgs({
  options: {
    records: { type: 'string', default: '100000' },
    rounds: { type: 'string' },
    ci: { type: 'boolean', default: false },
    'write-queries': { type: 'boolean', default: false },
  },
})
const records = Number(options.records)
const ci = options.ci
const rounds = Number(options.rounds ?? (ci ? 1 : 5))
if (!Number.isInteger(records) || records <= 0) throw new Error(`--records must be a positive integer, got ${options.records}`)

/** Calls one window.bench scenario in the page. */
function run<K extends keyof BenchApi>(page: Page, scenario: K, ...args: Parameters<BenchApi[K]>): Promise<Awaited<ReturnType<BenchApi[K]>>> {
  return page.evaluate(
    ([name, list]) => (window as unknown as { bench: Record<string, (...a: unknown[]) => unknown> }).bench[name]!(...list),
    [scenario, args] as const,
  ) as Promise<Awaited<ReturnType<BenchApi[K]>>>
}

async function queriesFor(rows: () => Parameters<typeof drawQueries>[0]): Promise<BenchQuery[]> {
  const published = JSON.parse(await readFile(PUBLISHED_QUERIES, 'utf8').catch(() => 'null')) as PublishedQueries | null
  const matches = published?.records === records && published.seed === SEED && published.anchorTime === ANCHOR_TIME
  if (matches && !options['write-queries']) return published.queries
  await loadPinyin()
  const queries = drawQueries(rows())
  if (options['write-queries']) {
    const file: PublishedQueries = { records, seed: SEED, anchorTime: ANCHOR_TIME, queries }
    await writeFile(PUBLISHED_QUERIES, publishedText(file))
  }
  return queries
}

const started = performance.now()

/** One query per line: a diff of the set reads as the queries that changed. */
function publishedText({ queries, ...about }: PublishedQueries): string {
  const head = JSON.stringify(about).slice(0, -1)
  return `${head},"queries":[\n${queries.map((q) => `  ${JSON.stringify(q)}`).join(',\n')}\n]}\n`
}

function step(text: string): void {
  console.log(`[bench ${((performance.now() - started) / 1000).toFixed(1)} s] ${text}`)
}

async function main(): Promise<number> {
  step('building the bench page')
  // The app's public files too: the page loads the app's cache prewarm script, as the app does.
  await build({
    configFile: false,
    root: resolve(import.meta.dirname, 'page'),
    publicDir: resolve(ROOT, 'renderer/public'),
    base: './',
    logLevel: 'warn',
    build: { outDir: PAGE_OUT, emptyOutDir: true },
  })
  step(`starting the demo server with ${records} records`)
  const server = await startDemoServer({ records, seed: SEED, anchorTime: ANCHOR_TIME })
  const rows = server.store.all()
  const queries = await queriesFor(() => rows)
  const site = await serveBenchSite(PAGE_OUT, rows, PAGE_SIZE)
  const profile = await mkdtemp(join(tmpdir(), 'ecrm-bench-'))
  let browser: BenchBrowser | undefined
  const core = createMainCore({ emit: emitTo(() => browser?.page) })
  try {
    browser = await openBenchPage(profile, site.url, core)
    step('first download: list pages through applyPage into the cache and the index')
    const download = await run(browser.page, 'applyPages', DB_NAME, rows.length)
    step(`${download.records} records in ${download.seconds} s; persisting the index`)
    const persist = await run(browser.page, 'flush')
    step('raw bulkPut of the same records')
    const raw = await run(browser.page, 'rawBulkPut')
    let engine
    if (!ci) {
      step('first download the whole way: main\'s sync engine over the bridge, from the demo server')
      const signIn = { baseUrl: server.url, tokenUrl: server.tokenUrl, ...DEMO_ACCOUNT }
      engine = await run(browser.page, 'engineDownload', ENGINE_DB_NAME, signIn)
      // Its work is done; stop it so nothing it schedules overlaps the measurements.
      core.sync.dispose()
    }
    step('checking the index built by the download against a linear scan')
    const verifiedAfterDownload = await run(browser.page, 'verify', queries)
    step('local creates')
    const create = await run(browser.page, 'create', ci ? 10 : 100)
    await run(browser.page, 'flush')
    await browser.close()

    const coldStarts = []
    for (let i = 0; i < (ci ? 1 : 3); i++) {
      step(`cold start ${i + 1}`)
      browser = await openBenchPage(profile, `${site.url}?coldStart=${encodeURIComponent(DB_NAME)}`)
      coldStarts.push(await run(browser.page, 'coldStart', DB_NAME))
      if (i < (ci ? 0 : 2)) await browser.close()
    }
    const page = browser!.page
    step('memory with the index loaded')
    const memory = await measureMemory(page)
    step('checking the restored index against a linear scan')
    const verifiedAfterRestart = await run(page, 'verify', queries)
    step(`timing ${queries.length} queries × ${rounds} rounds against the linear scan`)
    const timing = await run(page, 'searchTiming', queries, rounds)
    const typing = ci ? undefined : await run(page, 'typing', queries)
    const chromiumVersion = await page.evaluate(() => /Chrome\/([\d.]+)/.exec(navigator.userAgent)?.[1] ?? navigator.userAgent)
    await browser!.close()
    // The whole app (not --ci: it downloads the records once more, through main's engine).
    const appColdStarts = ci ? undefined : await appColdStartsOf(records, 3, step)

    const measured: Measured = {
      records,
      env: {
        cpu: cpus()[0]?.model ?? 'unknown',
        cores: cpus().length,
        chromium: chromiumVersion,
        node: process.version,
        date: new Date().toISOString(),
        commit: gitCommit(),
      },
      download,
      persist,
      ...(engine ? { engine } : {}),
      raw,
      verifiedAfterDownload,
      verifiedAfterRestart,
      create,
      coldStarts,
      memory,
      timing,
      ...(typing ? { typing } : {}),
      ...(appColdStarts ? { appColdStarts } : {}),
    }
    const results = summarize(measured)
    printTable(results)
    if (!ci) await writeResults(results)
    return results.search.mismatches === 0 ? 0 : 1
  } finally {
    await browser?.close().catch(() => undefined)
    await core.dispose()
    await server.close()
    await site.close()
    await rm(profile, { recursive: true, force: true })
  }
}

/** After full collections: the JS heap, and ArrayBuffer backing stores (the index's typed arrays) outside it. */
async function measureMemory(page: Page): Promise<Measured['memory']> {
  const cdp = await page.context().newCDPSession(page)
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage')
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number }
  await cdp.detach()
  return { jsHeapMb: usage.usedSize / 2 ** 20, arrayBuffersMb: (usage.backingStorageSize ?? 0) / 2 ** 20 }
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim()
  } catch {
    return 'unknown'
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error)
    process.exit(2)
  },
)
