/**
 * Follow-up records stored column-wise in typed arrays: about 30 bytes per record plus its text,
 * so 200,000 records stay small. Slots only grow (a delete leaves a tombstone) and ids are appended
 * in increasing order, so slot order is id order: lookups are binary searches and the id tiebreak
 * of every sort is a slot comparison.
 */
export interface NewRecordRow {
  id: bigint
  client: number
  /** -1 when the record was not added on an opportunity. */
  opportunity: number
  recordType: number
  content: string
  createTime: number
  updateTime: number
  author: number
  updater: number
}

export const NO_OPPORTUNITY = -1

export class RecordTable {
  private capacity: number
  private size = 0
  private liveCount = 0
  ids: BigUint64Array
  client: Int32Array
  opportunity: Int32Array
  recordType: Uint8Array
  createTime: Uint32Array
  updateTime: Uint32Array
  author: Uint8Array
  updater: Uint8Array
  live: Uint8Array
  content: string[] = []

  constructor(initialCapacity = 1024) {
    this.capacity = Math.max(16, initialCapacity)
    this.ids = new BigUint64Array(this.capacity)
    this.client = new Int32Array(this.capacity)
    this.opportunity = new Int32Array(this.capacity)
    this.recordType = new Uint8Array(this.capacity)
    this.createTime = new Uint32Array(this.capacity)
    this.updateTime = new Uint32Array(this.capacity)
    this.author = new Uint8Array(this.capacity)
    this.updater = new Uint8Array(this.capacity)
    this.live = new Uint8Array(this.capacity)
  }

  /** Slots ever used, tombstones included. */
  get slots(): number {
    return this.size
  }

  get count(): number {
    return this.liveCount
  }

  append(row: NewRecordRow): number {
    if (this.size > 0 && row.id <= this.idAt(this.size - 1)) throw new RangeError('record ids must be appended in increasing order')
    if (this.size === this.capacity) this.grow()
    const slot = this.size++
    this.ids[slot] = row.id
    this.client[slot] = row.client
    this.opportunity[slot] = row.opportunity
    this.recordType[slot] = row.recordType
    this.createTime[slot] = row.createTime
    this.updateTime[slot] = row.updateTime
    this.author[slot] = row.author
    this.updater[slot] = row.updater
    this.live[slot] = 1
    this.content[slot] = row.content
    this.liveCount++
    return slot
  }

  idAt(slot: number): bigint {
    return this.ids[slot] ?? 0n
  }

  opportunityAt(slot: number): number | undefined {
    const index = this.opportunity[slot] ?? NO_OPPORTUNITY
    return index === NO_OPPORTUNITY ? undefined : index
  }

  isLive(slot: number): boolean {
    return this.live[slot] === 1
  }

  /** The slot holding `id`, live or not, or -1. */
  slotOf(id: bigint): number {
    const slot = this.lowerBound(id)
    return slot < this.size && this.ids[slot] === id ? slot : -1
  }

  /** The first slot whose id is >= `id` (`slots` when none is). */
  lowerBound(id: bigint): number {
    let low = 0
    let high = this.size
    while (low < high) {
      const mid = (low + high) >>> 1
      if ((this.ids[mid] ?? 0n) < id) low = mid + 1
      else high = mid
    }
    return low
  }

  /** Removes a live record; false when it was not there. Its text is dropped, its id kept for cursors. */
  remove(id: bigint): boolean {
    const slot = this.slotOf(id)
    if (slot < 0 || this.live[slot] !== 1) return false
    this.live[slot] = 0
    this.content[slot] = ''
    this.liveCount--
    return true
  }

  private grow(): void {
    this.capacity *= 2
    const grown = <T extends { set(source: T): void }>(old: T, make: (n: number) => T): T => {
      const next = make(this.capacity)
      next.set(old)
      return next
    }
    this.ids = grown(this.ids, (n) => new BigUint64Array(n))
    this.client = grown(this.client, (n) => new Int32Array(n))
    this.opportunity = grown(this.opportunity, (n) => new Int32Array(n))
    this.recordType = grown(this.recordType, (n) => new Uint8Array(n))
    this.createTime = grown(this.createTime, (n) => new Uint32Array(n))
    this.updateTime = grown(this.updateTime, (n) => new Uint32Array(n))
    this.author = grown(this.author, (n) => new Uint8Array(n))
    this.updater = grown(this.updater, (n) => new Uint8Array(n))
    this.live = grown(this.live, (n) => new Uint8Array(n))
  }
}
