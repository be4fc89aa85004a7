/**
 * What the bench page offers the runner (window.bench) and what each scenario reports. Types
 * only: the runner (Node) and the page (Chromium) both import them.
 */
import type { SignInRequest } from '../../electron/shared/ipc'
import type { BenchQuery } from '../queries'

export interface Percentiles {
  p50_ms: number
  p95_ms: number
  max_ms: number
}

export interface DownloadReport {
  records: number
  seconds: number
  records_per_s: number
  /** Longest main-thread task (≥ 50 ms; 0 when none) while downloading. */
  longest_task_ms: number
}

export interface RawBulkPutReport {
  records: number
  records_per_s: number
}

export interface VerifyReport {
  checked: number
  mismatches: number
  /** The first few mismatches, described. */
  examples: string[]
}

export interface ClassTimes {
  index: Percentiles
  baseline: Percentiles
}

export interface SearchTimingReport {
  all: ClassTimes
  byClass: Record<string, ClassTimes>
  queries: number
  rounds: number
}

export interface TypingReport {
  keystrokes: number
  keystroke: Percentiles
  /** Longest main-thread task (≥ 50 ms; 0 when none) while typing. */
  longest_task_ms: number
}

export interface PersistReport {
  ms: number
  /** Longest main-thread task (≥ 50 ms; 0 when none) while persisting. */
  longest_task_ms: number
}

export interface CreateReport {
  /** createLocalRecord called → the list's first rows hold the record, and search finds it. */
  shown: Percentiles
  /** createLocalRecord called → the record is found by search. */
  searchable: Percentiles
  /** createLocalRecord called → its (relaxed) transaction committed. */
  committed: Percentiles
  /** createLocalRecord called → flushed to disk by the strict transaction after it (the app's Save resolves). */
  flushed: Percentiles
}

export interface ColdStartReport {
  /**
   * From navigation start (ms): the page's script arrived (loaded, not yet compiled), the script
   * ran, the cache opened, the newest rows read, search ready.
   */
  script_loaded_ms: number
  script_start_ms: number
  cache_open_ms: number
  first_rows_ms: number
  search_ready_ms: number
  longest_task_ms: number
}

export interface BenchApi {
  /** The timed download: `total` records from the site's list pages through applyPage. */
  applyPages(dbName: string, total: number): Promise<DownloadReport>
  /** The whole app path: main's sync engine downloading into a cache of its own (deleted after). */
  engineDownload(dbName: string, signIn: SignInRequest): Promise<DownloadReport>
  rawBulkPut(): Promise<RawBulkPutReport>
  verify(queries: readonly BenchQuery[]): Promise<VerifyReport>
  create(count: number): Promise<CreateReport>
  /** Persists the index now: how long it took, and the longest task meanwhile. */
  flush(): Promise<PersistReport>
  coldStart(dbName: string): Promise<ColdStartReport>
  searchTiming(queries: readonly BenchQuery[], rounds: number): Promise<SearchTimingReport>
  typing(queries: readonly BenchQuery[]): Promise<TypingReport>
}
