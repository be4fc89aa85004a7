/**
 * The records search knows, one slot each, in columns: what filters and sorting read (typed
 * arrays and interned strings), the normalized text matching reads, and the gram index over that
 * text. A changed record gets a new slot; the old one is only marked dead (see GramIndex).
 */
import type { CachedRecord } from '../db/types'
import { GramIndex, type PersistedGrams } from './gram-index'
import { Interner } from './interner'
import { NewestOrder } from './newest-order'
import type { Slicer } from './slicer'
import { StringColumn, type JoinedStrings } from './string-column'
import { recordText } from './text'

/** What search keeps of a record. */
export interface RecordDoc {
  id: string
  createTime: number
  recordType: number
  cleId: string
  /** The client name the record carries (used when the directory does not know its client). */
  cleName: string
  author: string
  text: string
}

/** The record as search sees it, or undefined for one hidden by a pending delete. */
export function recordDoc(record: CachedRecord): RecordDoc | undefined {
  if (record.deleted === 1) return undefined
  return {
    id: record.id,
    createTime: record.create_time,
    recordType: record.record_type,
    cleId: record.cle_id,
    cleName: record.cle_name ?? '',
    author: record.create_user_name ?? '',
    text: recordText(record),
  }
}

export interface PersistedRecords {
  ids: JoinedStrings
  texts: JoinedStrings
  createTime: Float64Array
  recordType: Float64Array
  cleRef: Int32Array
  nameRef: Int32Array
  authorRef: Int32Array
  clientDoc: Int32Array
  order: Int32Array
  cleIds: string[]
  names: string[]
  authors: string[]
  grams: PersistedGrams
}

export class RecordStore {
  /** Slots handed out so far, dead ones included. */
  size: number
  readonly ids: StringColumn
  readonly texts: StringColumn
  createTime: Float64Array
  recordType: Float64Array
  cleRef: Int32Array
  nameRef: Int32Array
  authorRef: Int32Array
  /** The client document (ClientStore slot) whose text counts as this record's client. */
  clientDoc: Int32Array
  live: Uint8Array
  /** id → slot of live records. A restored store fills it for its slots lazily (see indexIds). */
  private readonly slotOf = new Map<string, number>()
  /** Restored slots below this are in slotOf; the rest are not yet. */
  private idsIndexed = 0
  private readonly restored: number
  readonly cleIds: Interner
  readonly names: Interner
  readonly authors: Interner
  readonly grams: GramIndex
  readonly order: NewestOrder
  /** Length of every column array. */
  private capacity: number

  constructor(persisted?: PersistedRecords) {
    this.ids = new StringColumn(persisted?.ids)
    this.texts = new StringColumn(persisted?.texts)
    const size = this.ids.length
    this.size = size
    this.capacity = persisted ? size : 1024
    this.createTime = persisted?.createTime ?? new Float64Array(1024)
    this.recordType = persisted?.recordType ?? new Float64Array(1024)
    this.cleRef = persisted?.cleRef ?? new Int32Array(1024)
    this.nameRef = persisted?.nameRef ?? new Int32Array(1024)
    this.authorRef = persisted?.authorRef ?? new Int32Array(1024)
    this.clientDoc = persisted?.clientDoc ?? new Int32Array(1024)
    // A persisted index holds live records only.
    this.live = new Uint8Array(this.capacity).fill(persisted ? 1 : 0)
    this.restored = size
    this.cleIds = new Interner(persisted?.cleIds)
    this.names = new Interner(persisted?.names)
    this.authors = new Interner(persisted?.authors)
    this.grams = new GramIndex(persisted?.grams)
    this.order = new NewestOrder(() => this.createTime, this.ids, persisted?.order)
  }

  /** Stores and indexes a record under a new slot; it joins the order with the next `insert`. */
  add(doc: RecordDoc, clientDoc: number): number {
    const slot = this.size++
    if (slot >= this.capacity) this.grow()
    this.ids.push(doc.id)
    this.texts.push(doc.text)
    this.createTime[slot] = doc.createTime
    this.recordType[slot] = doc.recordType
    this.cleRef[slot] = this.cleIds.intern(doc.cleId)
    this.nameRef[slot] = this.names.intern(doc.cleName)
    this.authorRef[slot] = this.authors.intern(doc.author)
    this.clientDoc[slot] = clientDoc
    this.live[slot] = 1
    this.slotOf.set(doc.id, slot)
    this.grams.add(slot, doc.text)
    return slot
  }

  /** Whether `doc` would be indexed and ordered exactly as the record in `slot` is. */
  matches(slot: number, doc: RecordDoc): boolean {
    return (
      this.texts.at(slot) === doc.text &&
      this.createTime[slot] === doc.createTime &&
      this.cleIds.value(this.cleRef[slot]!) === doc.cleId &&
      this.names.value(this.nameRef[slot]!) === doc.cleName
    )
  }

  /** The slot of a live record. */
  slotOfId(id: string): number | undefined {
    if (this.idsIndexed < this.restored) this.indexIdsNow()
    return this.slotOf.get(id)
  }

  /** Every live record's id and slot. */
  liveIds(): [string, number][] {
    if (this.idsIndexed < this.restored) this.indexIdsNow()
    return [...this.slotOf]
  }

  /**
   * Fills the id map for restored slots in slices. Only writes need it, so a restored index is
   * ready without it (100,000 map entries take a long task), and the first write after a restart
   * finds it done, or finishes it.
   */
  async indexIds(slicer: Slicer): Promise<void> {
    while (this.idsIndexed < this.restored) {
      const end = Math.min(this.restored, this.idsIndexed + 4096)
      this.indexIdsUpTo(end)
      if (slicer.spent()) await slicer.yield()
    }
  }

  private indexIdsNow(): void {
    this.indexIdsUpTo(this.restored)
  }

  private indexIdsUpTo(end: number): void {
    for (let slot = this.idsIndexed; slot < end; slot++) if (this.live[slot] === 1) this.slotOf.set(this.ids.at(slot)!, slot)
    this.idsIndexed = end
  }

  /**
   * Marks the slot dead; the caller drops it from the order. Everything else about a slot stays
   * as it was added (except recordType and clientDoc), which lets a persist copy it in slices.
   */
  kill(slot: number): void {
    this.live[slot] = 0
    this.slotOf.delete(this.ids.at(slot)!)
  }

  isLive = (slot: number): boolean => this.live[slot] === 1

  private grow(): void {
    const capacity = Math.max(1024, this.capacity * 2)
    this.capacity = capacity
    this.createTime = grown(this.createTime, new Float64Array(capacity))
    this.recordType = grown(this.recordType, new Float64Array(capacity))
    this.cleRef = grown(this.cleRef, new Int32Array(capacity))
    this.nameRef = grown(this.nameRef, new Int32Array(capacity))
    this.authorRef = grown(this.authorRef, new Int32Array(capacity))
    this.clientDoc = grown(this.clientDoc, new Int32Array(capacity))
    this.live = grown(this.live, new Uint8Array(capacity))
  }
}

function grown<T extends Float64Array | Int32Array | Uint8Array>(old: T, bigger: T): T {
  bigger.set(old)
  return bigger
}
