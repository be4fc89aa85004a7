/**
 * Search against its baseline, on the open cache: exact agreement with a linear scan (ids,
 * order, total) for every query, filters and both orders; timings of both over the query set;
 * and typing, keystroke by keystroke, watching for long tasks.
 */
import type { CachedClient, CachedRecord } from '../../renderer/src/db/types'
import type { SearchFilters, SearchOrder } from '../../renderer/src/search'
import { loadPinyin } from '../../renderer/src/search/pinyin'
import type { BenchQuery } from '../queries'
import type { ClassTimes, SearchTimingReport, TypingReport, VerifyReport } from './api'
import { openedCache } from './cache'
import { buildLinearScan, type LinearScan } from './linear-scan'
import { longestTask, settle } from './long-tasks'
import { percentiles } from './stats'

/** Rows a list shows first; the timed query also counts every match (the total). */
const FIRST_ROWS = 50
const ORDERS: readonly SearchOrder[] = ['newest', 'client']

let scanFor: { cache: string; scan: LinearScan } | undefined

/** The baseline over what the cache holds now (kept for the rest of the page's life). */
async function linearScan(): Promise<LinearScan> {
  const { db, name } = openedCache()
  if (scanFor?.cache !== name) {
    const [records, clients]: [CachedRecord[], CachedClient[]] = await Promise.all([db.records.toArray(), db.clients.toArray()])
    await loadPinyin()
    scanFor = { cache: name, scan: buildLinearScan(records, clients) }
  }
  return scanFor.scan
}

export async function verify(queries: readonly BenchQuery[]): Promise<VerifyReport> {
  const { db, search } = openedCache()
  await search.ready
  const scan = await linearScan()
  // Every query in both orders; each filter on the first query of each class.
  const newest = await db.records.orderBy('create_time').last()
  const filters: SearchFilters[] = [{ recordType: 38 }, { author: '王' }]
  if (newest) filters.push({ createdAfter: newest.create_time - 90 * 86400 }, { clientId: newest.cle_id })
  const firstOfClass = new Set(queries.filter((q, i) => queries.findIndex((other) => other.class === q.class) === i))
  const checks = queries.flatMap((q) => [
    ...ORDERS.map((order) => ({ query: q.query, filter: {}, order })),
    ...(firstOfClass.has(q) ? filters.map((filter) => ({ query: q.query, filter, order: 'newest' as const })) : []),
  ])
  const examples: string[] = []
  let mismatches = 0
  for (const { query, filter, order } of checks) {
    const expected = scan.search(query, filter, order)
    const result = search.search(query, filter, order)
    const ids = result.slice(0, result.total)
    if (result.total === expected.length && ids.length === expected.length && ids.every((id, i) => id === expected[i])) continue
    mismatches++
    if (examples.length < 5) {
      const at = ids.findIndex((id, i) => id !== expected[i])
      examples.push(`${JSON.stringify({ query, filter, order })}: total ${result.total} vs ${expected.length}, first difference at ${at}`)
    }
    await yieldTask()
  }
  return { checked: checks.length, mismatches, examples }
}

export async function searchTiming(queries: readonly BenchQuery[], rounds: number): Promise<SearchTimingReport> {
  const { search } = openedCache()
  await search.ready
  const scan = await linearScan()
  const index = new Map<string, number[]>()
  const baseline = new Map<string, number[]>()
  const note = (times: Map<string, number[]>, cls: string, ms: number) => {
    for (const key of [cls, '*']) {
      const samples = times.get(key)
      if (samples) samples.push(ms)
      else times.set(key, [ms])
    }
  }
  // Classes interleaved, so a burst of load on a shared machine spreads over all of them.
  const interleaved = roundRobin(queries)
  for (let round = 0; round < rounds; round++) {
    for (const q of interleaved) {
      // Each query in a task of its own, as keystrokes come.
      await yieldTask()
      let start = performance.now()
      const result = search.search(q.query)
      result.slice(0, FIRST_ROWS)
      note(index, q.class, performance.now() - start)
      await yieldTask()
      start = performance.now()
      scan.top(q.query, FIRST_ROWS)
      note(baseline, q.class, performance.now() - start)
    }
  }
  const times = (cls: string): ClassTimes => ({ index: percentiles(index.get(cls) ?? []), baseline: percentiles(baseline.get(cls) ?? []) })
  const classes = [...new Set(queries.map((q) => q.class))]
  return { all: times('*'), byClass: Object.fromEntries(classes.map((cls) => [cls, times(cls)])), queries: queries.length, rounds }
}

/** Every query typed one character at a time, each keystroke a task that searches and takes the first rows. */
export async function typing(queries: readonly BenchQuery[]): Promise<TypingReport> {
  const { search } = openedCache()
  await search.ready
  const keystrokes: number[] = []
  const started = performance.now()
  for (const q of queries) {
    for (let length = 1; length <= q.query.length; length++) {
      await new Promise((resolve) => setTimeout(resolve, 5))
      const start = performance.now()
      const result = search.search(q.query.slice(0, length))
      result.slice(0, FIRST_ROWS)
      keystrokes.push(performance.now() - start)
    }
  }
  const ended = performance.now()
  await settle()
  return { keystrokes: keystrokes.length, keystroke: percentiles(keystrokes), longest_task_ms: longestTask(started, ended) }
}

/** One query of each class in turn. */
function roundRobin(queries: readonly BenchQuery[]): BenchQuery[] {
  const byClass = new Map<string, BenchQuery[]>()
  for (const q of queries) byClass.set(q.class, [...(byClass.get(q.class) ?? []), q])
  const lists = [...byClass.values()]
  const longest = Math.max(0, ...lists.map((list) => list.length))
  return Array.from({ length: longest }, (_, i) => lists.flatMap((list) => (i < list.length ? [list[i]!] : []))).flat()
}

function yieldTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}
