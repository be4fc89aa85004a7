/**
 * Answering one query: each term becomes a bitset of the record slots it matches (through the
 * record's own text or its client's), the bitsets are intersected, and the survivors are put in
 * list order through their positions in it. Filters are checked on the survivors only.
 */
import type { ClientStore } from './client-store'
import type { RecordStore } from './record-store'
import type { StringsBySlot } from './string-column'
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

/** Live record slots grouped by client document: those of document d are slots[starts[d]..starts[d+1]). */
export interface RecordsByClient {
  starts: Int32Array
  slots: Int32Array
}

export interface QueryContext {
  records: RecordStore
  clients: ClientStore
  byClient: () => RecordsByClient
}

export const EMPTY_RESULT: SearchResult = { total: 0, slice: () => [] }

export function runQuery(ctx: QueryContext, terms: readonly string[], filters: SearchFilters, order: RecordOrder): SearchResult {
  const { records } = ctx
  const accepts = filterOf(records, filters)
  if (accepts === REJECT_ALL) return EMPTY_RESULT
  let survivors: Uint32Array | undefined
  // The most selective term first; a later term is checked on the survivors' texts directly
  // when that costs less than finding every record it matches.
  for (const { term, estimate } of bySelectivity(ctx, terms)) {
    if (survivors && countSet(survivors) * CHECK_COST < estimate * (term.length > 2 ? CHECK_COST : 1)) {
      keepContaining(ctx, survivors, term)
      continue
    }
    const matches = termMatches(ctx, term)
    if (!matches) return EMPTY_RESULT
    if (survivors) for (let w = 0; w < survivors.length; w++) survivors[w]! &= matches[w]!
    else survivors = matches
  }
  // No terms, no filters: the order itself (a fresh array per index version, never changed).
  if (!survivors) return resultOf(accepts ? walk(order.slots, accepts) : order.slots, records.ids)
  return resultOf(collect(survivors, order, accepts), records.ids)
}

function resultOf(found: Int32Array, ids: StringsBySlot): SearchResult {
  return {
    total: found.length,
    slice: (start, end) => Array.from(found.subarray(Math.max(0, start), Math.max(0, Math.min(found.length, end))), (slot) => ids.at(slot)!),
  }
}

/**
 * Substring checks of a record's texts cost about this many times marking one posting. Terms of
 * three characters and more pay it per candidate anyway (GramIndex.match), shorter ones do not.
 */
const CHECK_COST = 24

/** Terms with the records they may match (their rarest lists; a client counts its share of records), fewest first. */
function bySelectivity(ctx: QueryContext, terms: readonly string[]): { term: string; estimate: number }[] {
  const { records, clients } = ctx
  const recordsPerClient = records.order.length / Math.max(1, clients.size)
  const estimated = terms.map((term) => ({ term, estimate: records.grams.estimate(term) + clients.grams.estimate(term) * recordsPerClient }))
  return estimated.sort((a, b) => a.estimate - b.estimate)
}

/** Clears the survivors whose own text and client's text both lack `term`. */
function keepContaining(ctx: QueryContext, survivors: Uint32Array, term: string): void {
  const { records, clients } = ctx
  for (let w = 0; w < survivors.length; w++) {
    let word = survivors[w]!
    while (word !== 0) {
      const lowest = word & -word
      word ^= lowest
      const slot = (w << 5) | (31 - Math.clz32(lowest))
      if (records.texts.at(slot)!.includes(term) || clients.texts[records.clientDoc[slot]!]!.includes(term)) continue
      survivors[w]! &= ~lowest
    }
  }
}

function countSet(bits: Uint32Array): number {
  let count = 0
  for (let w = 0; w < bits.length; w++) {
    let x = bits[w]!
    x -= (x >>> 1) & 0x55555555
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333)
    count += Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24
  }
  return count
}

/** Record slots matching `term` in their own text or their client's; undefined when none can. */
function termMatches(ctx: QueryContext, term: string): Uint32Array | undefined {
  const { records, clients } = ctx
  const bits = new Uint32Array((records.size + 31) >>> 5)
  const inRecords = records.grams.match(term, records.texts, bits)
  const docs = new Uint32Array((clients.size + 31) >>> 5)
  if (!clients.grams.match(term, clients.texts, docs)) return inRecords ? bits : undefined
  const { starts, slots } = ctx.byClient()
  for (let w = 0; w < docs.length; w++) {
    let word = docs[w]!
    while (word !== 0) {
      const lowest = word & -word
      const doc = (w << 5) | (31 - Math.clz32(lowest))
      word ^= lowest
      const end = starts[doc + 1] ?? 0
      for (let i = starts[doc] ?? 0; i < end; i++) {
        const slot = slots[i]!
        bits[slot >>> 5]! |= 1 << (slot & 31)
      }
    }
  }
  return bits
}

/**
 * The survivors in list order: each survivor's position in the order is set in a second bitset,
 * whose bits, read low to high, are the results in order. O(survivors + records / 32), where
 * walking the order would be O(records).
 */
function collect(survivors: Uint32Array, order: RecordOrder, accepts: Accepts | undefined): Int32Array {
  const positions = new Uint32Array((order.slots.length + 31) >>> 5)
  let count = 0
  for (let w = 0; w < survivors.length; w++) {
    let word = survivors[w]!
    while (word !== 0) {
      const lowest = word & -word
      word ^= lowest
      const position = order.rank[(w << 5) | (31 - Math.clz32(lowest))]!
      if (position < 0) continue
      positions[position >>> 5]! |= 1 << (position & 31)
      count++
    }
  }
  const found = new Int32Array(count)
  let kept = 0
  for (let w = 0; w < positions.length; w++) {
    let word = positions[w]!
    while (word !== 0) {
      const lowest = word & -word
      word ^= lowest
      const slot = order.slots[(w << 5) | (31 - Math.clz32(lowest))]!
      if (!accepts || accepts(slot)) found[kept++] = slot
    }
  }
  return found.subarray(0, kept)
}

/** The slots that pass, in order. */
function walk(slots: Int32Array, accepts: Accepts): Int32Array {
  const found = new Int32Array(slots.length)
  let count = 0
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i]!
    if (accepts(slot)) found[count++] = slot
  }
  return found.subarray(0, count)
}

type Accepts = (slot: number) => boolean

const REJECT_ALL = 'reject-all'

/** The filters as one test per slot: undefined without filters, REJECT_ALL when none can pass (an unknown client). */
function filterOf(records: RecordStore, filters: SearchFilters): Accepts | undefined | typeof REJECT_ALL {
  const tests: Accepts[] = []
  const { recordType, clientId, createdAfter, author } = filters
  if (recordType !== undefined) tests.push((slot) => records.recordType[slot] === recordType)
  if (clientId !== undefined) {
    const ref = records.cleIds.ref(clientId)
    if (ref < 0) return REJECT_ALL
    tests.push((slot) => records.cleRef[slot] === ref)
  }
  if (createdAfter !== undefined) tests.push((slot) => records.createTime[slot]! >= createdAfter)
  if (author !== undefined) {
    const wanted = normalizeText(author)
    const flags = Uint8Array.from(records.authors.values, (name) => (normalizeText(name).includes(wanted) ? 1 : 0))
    tests.push((slot) => flags[records.authorRef[slot]!] === 1)
  }
  if (tests.length === 0) return undefined
  if (tests.length === 1) return tests[0]
  return (slot) => tests.every((test) => test(slot))
}
