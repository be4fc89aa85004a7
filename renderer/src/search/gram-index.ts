/**
 * An inverted index of the characters and character pairs (unigrams and bigrams, by UTF-16 code
 * unit) of documents numbered by slot. A term of one or two characters is answered exactly by its
 * posting list; a longer one by the documents holding its two rarest pairs, each then checked by
 * substring. Pairs across whitespace are never indexed: query terms never contain whitespace.
 * Runs of one character (the 0000 and 8888 of phone numbers and amounts) have keys of their own:
 * their only pair is as common as the character, so without them `00000` would check every
 * document holding `00`.
 *
 * Posting lists are sorted by slot. Those loaded from a persisted index sit in one typed array
 * (the base); what is added later goes to per-gram tails. Slots only ever grow, so a tail always
 * continues its base in order, and removed documents simply stay in the lists (their slot is no
 * longer live; callers filter) until the next persist compacts them away.
 */
import { GramTable } from './gram-table'
import type { Slicer } from './slicer'
import type { StringsBySlot } from './string-column'

/**
 * The persisted form: gram keys in id order, offsets into the postings, and the postings, all
 * lists end to end, cut into pieces of at most POSTINGS_PIECE_LENGTH (one IndexedDB row each).
 */
export interface PersistedGrams {
  keys: Uint32Array
  offsets: Uint32Array
  postings: Int32Array[]
}

/** Longest candidate list checked by substring alone; above it, a second pair filters first. */
const DIRECT_CHECK_LIMIT = 2048

/** 1 MB: cloned into or out of IndexedDB in about a millisecond, so no task runs long. */
const POSTINGS_PIECE_LENGTH = 1 << 18

const NO_SLOT = -1

/**
 * Run lengths with a key: a document with a run of n equal characters is listed under every
 * length up to n. Keys are (1 + index) << 16 | code: above every unigram, below every bigram
 * (whose first character, never whitespace, is above 32).
 */
const RUN_LENGTHS = [3, 4, 6, 8, 12, 16] as const

const runKey = (lengthIndex: number, code: number) => ((1 + lengthIndex) << 16) | code

/** The key of the longest listed run length not above `length`, or -1 below the shortest. */
function runKeyFor(code: number, length: number): number {
  for (let i = RUN_LENGTHS.length - 1; i >= 0; i--) if (length >= RUN_LENGTHS[i]!) return runKey(i, code)
  return -1
}

export class GramIndex {
  private readonly table: GramTable
  /** Gram id → key, for persisting. */
  private keyOf: Uint32Array
  private readonly baseGrams: number
  private readonly baseOffsets: Uint32Array
  private readonly basePostings: Int32Array
  private readonly tails: (number[] | undefined)[]
  /** Gram id → the last slot added to its list: a gram seen twice in one document is listed once. */
  private lastSlot: Int32Array

  constructor(persisted?: PersistedGrams) {
    const grams = persisted?.keys.length ?? 0
    this.table = new GramTable(Math.max(grams, 1024))
    for (let id = 0; id < grams; id++) this.table.intern(persisted!.keys[id]!)
    this.keyOf = new Uint32Array(Math.max(grams, 1024))
    if (persisted) this.keyOf.set(persisted.keys)
    this.baseGrams = grams
    this.baseOffsets = persisted?.offsets ?? new Uint32Array(1)
    this.basePostings = persisted ? joined(persisted.postings) : new Int32Array(0)
    this.tails = new Array<number[] | undefined>(grams)
    this.lastSlot = new Int32Array(this.keyOf.length).fill(NO_SLOT)
  }

  /** Indexes `text` under `slot`, which must be above every slot added before. */
  add(slot: number, text: string): void {
    let previous = 0
    let run = 0
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i)
      if (code <= 32) {
        previous = 0
        continue
      }
      this.post(code, slot)
      if (previous !== 0) this.post(((previous << 16) | code) >>> 0, slot)
      run = code === previous ? run + 1 : 1
      if (run >= RUN_LENGTHS[0]) {
        const listed = RUN_LENGTHS.indexOf(run as (typeof RUN_LENGTHS)[number])
        if (listed >= 0) this.post(runKey(listed, code), slot)
      }
      previous = code
    }
  }

  /**
   * Sets in `into` (a bitset over slots) every slot whose text contains `term`, a normalized term
   * without whitespace. `texts` are the documents by slot, for checking candidates. Returns
   * whether any slot may have been set.
   */
  match(term: string, texts: StringsBySlot, into: Uint32Array): boolean {
    if (term.length <= 2) {
      const key = term.length === 1 ? term.charCodeAt(0) : ((term.charCodeAt(0) << 16) | term.charCodeAt(1)) >>> 0
      const id = this.table.get(key)
      if (id >= 0) this.markAll(id, into)
      return id >= 0
    }
    const ids = this.requiredGrams(term)
    if (!ids) return false
    ids.sort((a, b) => this.listLength(a) - this.listLength(b))
    const candidates = this.list(ids[0]!)
    const second = ids[1]
    let filter: Uint32Array | undefined
    if (second !== undefined && candidates.length > DIRECT_CHECK_LIMIT) {
      filter = new Uint32Array(into.length)
      this.markAll(second, filter)
    }
    let found = false
    for (let i = 0; i < candidates.length; i++) {
      const slot = candidates[i]!
      if (filter && (filter[slot >>> 5]! & (1 << (slot & 31))) === 0) continue
      if (!texts.at(slot)!.includes(term)) continue
      into[slot >>> 5]! |= 1 << (slot & 31)
      found = true
    }
    return found
  }

  /**
   * An upper bound of the documents containing `term`: the length of its rarest required list
   * (0 when a gram it needs is unknown). A few table lookups, for ordering a query's terms.
   */
  estimate(term: string): number {
    if (term.length <= 2) {
      const key = term.length === 1 ? term.charCodeAt(0) : ((term.charCodeAt(0) << 16) | term.charCodeAt(1)) >>> 0
      const id = this.table.get(key)
      return id >= 0 ? this.listLength(id) : 0
    }
    const ids = this.requiredGrams(term)
    return ids ? Math.min(...ids.map((id) => this.listLength(id))) : 0
  }

  /** Ids of the grams every document containing `term` (3+ characters) has; undefined if one is unknown. */
  private requiredGrams(term: string): number[] | undefined {
    const ids: number[] = []
    const need = (key: number): boolean => {
      const id = this.table.get(key)
      if (id >= 0 && !ids.includes(id)) ids.push(id)
      return id >= 0
    }
    let run = 1
    for (let i = 1; i <= term.length; i++) {
      const code = term.charCodeAt(i)
      const previous = term.charCodeAt(i - 1)
      if (i < term.length && !need(((previous << 16) | code) >>> 0)) return undefined
      if (i < term.length && code === previous) {
        run++
        continue
      }
      const key = runKeyFor(previous, run)
      if (key >= 0 && !need(key)) return undefined
      run = 1
    }
    return ids
  }

  /**
   * The persisted form, with slots renumbered by `remap` (old slot → new, -1 for dropped) and only
   * slots below `slotLimit` kept: those added later belong to a later persist. Postings come in
   * pieces of at most POSTINGS_PIECE_LENGTH. Yields to the event loop as `slicer` asks; lists may
   * grow meanwhile, which the limit makes harmless.
   */
  async persist(remap: Int32Array, slotLimit: number, slicer: Slicer): Promise<PersistedGrams> {
    const grams = this.table.size
    const offsets = new Uint32Array(grams + 1)
    const out = new PostingsWriter()
    let sinceCheck = 0
    for (let id = 0; id < grams; id++) {
      offsets[id] = out.total
      if (id < this.baseGrams) {
        const start = this.baseOffsets[id]!
        const end = this.baseOffsets[id + 1]!
        out.appendTyped(this.basePostings, start, end, remap, slotLimit)
        sinceCheck += end - start
      }
      const tail = this.tails[id]
      if (tail) {
        out.appendArray(tail, remap, slotLimit)
        sinceCheck += tail.length
      }
      // Checked by work done, not by grams: one common character lists most documents.
      if (sinceCheck >= 1 << 13) {
        sinceCheck = 0
        if (slicer.spent()) await slicer.yield()
      }
    }
    offsets[grams] = out.total
    return { keys: this.keyOf.slice(0, grams), offsets, postings: out.finish() }
  }

  private post(key: number, slot: number): void {
    const id = this.table.intern(key)
    if (id >= this.keyOf.length) this.growPerGram()
    if (this.lastSlot[id] === slot) return
    this.lastSlot[id] = slot
    this.keyOf[id] = key
    const tail = this.tails[id]
    if (tail) tail.push(slot)
    else this.tails[id] = [slot]
  }

  private growPerGram(): void {
    const keyOf = new Uint32Array(this.keyOf.length * 2)
    keyOf.set(this.keyOf)
    this.keyOf = keyOf
    const lastSlot = new Int32Array(keyOf.length).fill(NO_SLOT)
    lastSlot.set(this.lastSlot)
    this.lastSlot = lastSlot
  }

  private listLength(id: number): number {
    const base = id < this.baseGrams ? this.baseOffsets[id + 1]! - this.baseOffsets[id]! : 0
    return base + (this.tails[id]?.length ?? 0)
  }

  /** The posting list of gram `id`, base and tail together. */
  private list(id: number): Int32Array {
    const tail = this.tails[id]
    if (id >= this.baseGrams) return Int32Array.from(tail ?? [])
    const base = this.basePostings.subarray(this.baseOffsets[id]!, this.baseOffsets[id + 1]!)
    if (!tail) return base
    const whole = new Int32Array(base.length + tail.length)
    whole.set(base)
    whole.set(tail, base.length)
    return whole
  }

  private markAll(id: number, into: Uint32Array): void {
    if (id < this.baseGrams) {
      const postings = this.basePostings
      const end = this.baseOffsets[id + 1]!
      for (let i = this.baseOffsets[id]!; i < end; i++) {
        const slot = postings[i]!
        into[slot >>> 5]! |= 1 << (slot & 31)
      }
    }
    const tail = this.tails[id]
    if (tail) {
      for (let i = 0; i < tail.length; i++) {
        const slot = tail[i]!
        into[slot >>> 5]! |= 1 << (slot & 31)
      }
    }
  }
}

/**
 * Renumbered postings cut into pieces. Two append loops, one per list type, so each stays
 * monomorphic (a shared loop over typed arrays and plain arrays runs several times slower).
 */
class PostingsWriter {
  total = 0
  private readonly pieces: Int32Array[] = []
  private piece = new Int32Array(POSTINGS_PIECE_LENGTH)
  private used = 0

  appendTyped(list: Int32Array, from: number, to: number, remap: Int32Array, slotLimit: number): void {
    for (let i = from; i < to; i++) {
      const slot = list[i]!
      if (slot < slotLimit) this.push(remap[slot]!)
    }
  }

  appendArray(list: readonly number[], remap: Int32Array, slotLimit: number): void {
    for (let i = 0; i < list.length; i++) {
      const slot = list[i]!
      if (slot < slotLimit) this.push(remap[slot]!)
    }
  }

  finish(): Int32Array[] {
    return [...this.pieces, this.piece.slice(0, this.used)]
  }

  /** Keeps a renumbered slot; -1 (dropped) is skipped. */
  private push(renumbered: number): void {
    if (renumbered < 0) return
    if (this.used === this.piece.length) {
      this.pieces.push(this.piece)
      this.piece = new Int32Array(POSTINGS_PIECE_LENGTH)
      this.used = 0
    }
    this.piece[this.used++] = renumbered
    this.total++
  }
}

function joined(pieces: readonly Int32Array[]): Int32Array {
  if (pieces.length === 1) return pieces[0]!
  const whole = new Int32Array(pieces.reduce((sum, piece) => sum + piece.length, 0))
  let at = 0
  for (const piece of pieces) {
    whole.set(piece, at)
    at += piece.length
  }
  return whole
}
