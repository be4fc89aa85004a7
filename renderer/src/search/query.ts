/**
 * Answering one query: each term becomes a bitset of the record slots it matches (through the
 * record's own text or its client's), the bitsets are intersected, and the survivors are put in
 * list order. Few survivors are sorted by their position in that order; many are collected by one
 * walk along it. Filters are checked on the survivors only.
 */
import type { ClientStore } from './client-store'
import type { RecordStore } from './record-store'
import { normalizeText } from './text'

export interface SearchFilters {
  recordType?: number
  clientId?: string
  /** Unix seconds, inclusive. */
  createdAfter?: number
  /** Substring of create_user_name (case-insensitive). */
  author?: string
}

export interface SearchResult {
  total: number
  /** Record ids of results start..end-1, in order. */
  slice(start: number, end: number): string[]
}

/** An order of the live records: the slots in order, and each slot's position (-1 for the others). */
export interface RecordOrder {
  slots: Int32Array
  rank: Int32Array
}

export interface QueryContext {
  records: RecordStore
  clients: ClientStore
}

/** Below this share of all records, survivors are sorted rather than found by walking the order. */
const SORT_SHARE = 1 / 16

export const EMPTY_RESULT: SearchResult = { total: 0, slice: () => [] }

export function runQuery(ctx: QueryContext, terms: readonly string[], filters: SearchFilters, order: RecordOrder): SearchResult {
  const { records } = ctx
  let survivors: Uint32Array | undefined
  for (const term of terms) {
    const matches = termMatches(ctx, term)
    if (survivors) for (let w = 0; w < survivors.length; w++) survivors[w]! &= matches[w]!
    else survivors = matches
  }
  const accepts = filterOf(records, filters)
  if (!accepts) return EMPTY_RESULT
  const found = survivors ? collect(survivors, order, accepts) : walk(order.slots, undefined, accepts)
  const ids = records.ids
  return {
    total: found.length,
    slice: (start, end) => Array.from(found.subarray(Math.max(0, start), Math.max(0, Math.min(found.length, end))), (slot) => ids[slot]!),
  }
}

/**
 * Record slots matching `term` in their own text or their client's. Records of matching clients
 * are found by one pass over every record's client: cheaper to keep than per-client lists.
 */
function termMatches(ctx: QueryContext, term: string): Uint32Array {
  const { records, clients } = ctx
  const bits = new Uint32Array((records.size + 31) >>> 5)
  records.grams.match(term, records.texts, bits)
  const docs = new Uint32Array((clients.size + 31) >>> 5)
  if (!clients.grams.match(term, clients.texts, docs)) return bits
  const clientDoc = records.clientDoc
  for (let slot = 0; slot < records.size; slot++) {
    const doc = clientDoc[slot]!
    if ((docs[doc >>> 5]! & (1 << (doc & 31))) !== 0) bits[slot >>> 5]! |= 1 << (slot & 31)
  }
  return bits
}

function collect(survivors: Uint32Array, order: RecordOrder, accepts: Accepts): Int32Array {
  let count = 0
  for (let w = 0; w < survivors.length; w++) count += popcount(survivors[w]!)
  if (count === 0) return new Int32Array(0)
  if (count > order.slots.length * SORT_SHARE) return walk(order.slots, survivors, accepts)
  // Positions in the order, sorted numerically, are the results in order.
  const positions = new Int32Array(count)
  let kept = 0
  forEachSet(survivors, (slot) => {
    const position = order.rank[slot]!
    if (position >= 0 && accepts(slot)) positions[kept++] = position
  })
  const sorted = positions.subarray(0, kept).sort()
  return sorted.map((position) => order.slots[position]!)
}

function walk(slots: Int32Array, survivors: Uint32Array | undefined, accepts: Accepts): Int32Array {
  const found = new Int32Array(slots.length)
  let count = 0
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i]!
    if (survivors && (survivors[slot >>> 5]! & (1 << (slot & 31))) === 0) continue
    if (accepts(slot)) found[count++] = slot
  }
  return found.subarray(0, count)
}

type Accepts = (slot: number) => boolean

/** The filters as one test per slot; undefined when no record can pass (an unknown client). */
function filterOf(records: RecordStore, filters: SearchFilters): Accepts | undefined {
  const tests: Accepts[] = []
  const { recordType, clientId, createdAfter, author } = filters
  if (recordType !== undefined) tests.push((slot) => records.recordType[slot] === recordType)
  if (clientId !== undefined) {
    const ref = records.cleIds.ref(clientId)
    if (ref < 0) return undefined
    tests.push((slot) => records.cleRef[slot] === ref)
  }
  if (createdAfter !== undefined) tests.push((slot) => records.createTime[slot]! >= createdAfter)
  if (author !== undefined) {
    const wanted = normalizeText(author)
    const flags = Uint8Array.from(records.authors.values, (name) => (normalizeText(name).includes(wanted) ? 1 : 0))
    tests.push((slot) => flags[records.authorRef[slot]!] === 1)
  }
  if (tests.length === 0) return () => true
  return (slot) => tests.every((test) => test(slot))
}

function forEachSet(bits: Uint32Array, visit: (index: number) => void): void {
  for (let w = 0; w < bits.length; w++) {
    let word = bits[w]!
    while (word !== 0) {
      const lowest = word & -word
      visit((w << 5) | (31 - Math.clz32(lowest)))
      word ^= lowest
    }
  }
}

function popcount(word: number): number {
  let x = word - ((word >>> 1) & 0x55555555)
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333)
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24
}
