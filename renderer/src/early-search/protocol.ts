/** What the page and the early-search worker (worker.ts) say to each other. */
import type { TextPart } from '../records/highlight'
import type { RecordRow } from '../records/record-row'
import type { LoadedSnapshot } from '../search/snapshot'

/**
 * The worker is named after the cache whose index it reads, and reads it once it gets this lock:
 * the page holds it while it reads the first screen's rows, which must not wait behind the
 * index. Not a message: a message posted before the worker has started is passed on only when
 * the page's thread is free, and from then on it is busy loading the app (it came 50–280 ms late).
 */
export const firstRowsLock = (cache: string) => `ecrm:first-rows:${cache}`

export type ToWorker =
  /** The first `count` rows for `query`; only the latest search is answered. */
  | { kind: 'search'; seq: number; query: string; count: number }
  /** Hand the persisted index over (its arrays are moved, not copied) and stop. */
  | { kind: 'take' }

/** Where the query shows in a row's texts, as RecordListRow marks it. */
export interface RowMarks {
  clientName: TextPart[]
  clientPhone: TextPart[]
  preview: TextPart[]
  author: TextPart[]
}

export interface FoundRow {
  row: RecordRow
  marks: RowMarks
}

export interface EarlyAnswer {
  query: string
  total: number
  rows: FoundRow[]
}

export type FromWorker =
  /** No answer when the index could not be read, or is behind the cache (the app answers then). */
  | { kind: 'answer'; seq: number; answer?: EarlyAnswer }
  | { kind: 'snapshot'; snapshot?: LoadedSnapshot }
