/**
 * Live record slots newest first (create_time descending, then id descending so that the order
 * is total and the same everywhere), kept sorted as records come and go.
 */
import type { StringsBySlot } from './string-column'

/** The list order: negative when record a comes before record b. */
export function newerFirst(aTime: number, aId: string, bTime: number, bId: string): number {
  return bTime - aTime || (aId < bId ? 1 : aId > bId ? -1 : 0)
}

export class NewestOrder {
  private slots: Int32Array
  private count: number

  constructor(
    private readonly createTime: () => Float64Array,
    private readonly ids: StringsBySlot,
    persisted?: Int32Array,
  ) {
    this.slots = persisted ?? new Int32Array(1024)
    this.count = persisted?.length ?? 0
  }

  get length(): number {
    return this.count
  }

  /** The slots in order (a view, valid until the next change). */
  view(): Int32Array {
    return this.slots.subarray(0, this.count)
  }

  /** Drops the slots `isLive` rejects. */
  removeWhere(isLive: (slot: number) => boolean): void {
    let kept = 0
    for (let i = 0; i < this.count; i++) {
      const slot = this.slots[i]!
      if (isLive(slot)) this.slots[kept++] = slot
    }
    this.count = kept
  }

  /** Merges new slots in: one pass from the back, since new records mostly go to the front. */
  insert(added: readonly number[]): void {
    if (added.length === 0) return
    const time = this.createTime()
    const before = (a: number, b: number) => newerFirst(time[a]!, this.ids.at(a)!, time[b]!, this.ids.at(b)!)
    const sorted = [...added].sort(before)
    if (this.count + sorted.length > this.slots.length) {
      const grown = new Int32Array(Math.max(this.slots.length * 2, this.count + sorted.length))
      grown.set(this.slots.subarray(0, this.count))
      this.slots = grown
    }
    let from = this.count - 1
    let next = sorted.length - 1
    let to = this.count + sorted.length - 1
    while (next >= 0) {
      const slot = sorted[next]!
      if (from >= 0 && before(this.slots[from]!, slot) > 0) this.slots[to--] = this.slots[from--]!
      else {
        this.slots[to--] = slot
        next--
      }
    }
    this.count += sorted.length
  }
}
