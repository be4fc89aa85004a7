/** What the page and the early-search worker (worker.ts) say to each other. */
import type { TextPart } from '../records/highlight'
import type { RecordRow } from '../records/record-row'
import type { LoadedSnapshot } from '../search/snapshot'

export type ToWorker =
  /** Read the persisted search index of cache `name` (sent once, when the first screen's rows are read). */
  | { kind: 'open'; name: string }
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
