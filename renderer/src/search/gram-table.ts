/**
 * Gram keys (32-bit, never 0) to dense ids 0, 1, 2, ... in the order they were first seen. Open
 * addressing over typed arrays: a JS Map would box every key above 2^30 (most bigrams) as a heap
 * number, and this table is hit for every character of every document indexed.
 */
const EMPTY = 0

export class GramTable {
  private keys: Uint32Array
  private ids: Int32Array
  private mask: number
  /** 32 - log2(capacity): Fibonacci hashing keeps the top bits of the product. */
  private shift: number
  private count = 0

  constructor(expected = 1024) {
    let capacity = 1024
    while (capacity < expected * 2) capacity *= 2
    this.keys = new Uint32Array(capacity)
    this.ids = new Int32Array(capacity)
    this.mask = capacity - 1
    this.shift = 32 - Math.log2(capacity)
  }

  get size(): number {
    return this.count
  }

  /** The id of `key`, or -1. */
  get(key: number): number {
    for (let at = this.slotOf(key); ; at = (at + 1) & this.mask) {
      const found = this.keys[at]!
      if (found === key) return this.ids[at]!
      if (found === EMPTY) return -1
    }
  }

  /** The id of `key`, given the next free one if it is new. */
  intern(key: number): number {
    for (let at = this.slotOf(key); ; at = (at + 1) & this.mask) {
      const found = this.keys[at]!
      if (found === key) return this.ids[at]!
      if (found === EMPTY) {
        const id = this.count++
        this.keys[at] = key
        this.ids[at] = id
        if (this.count * 2 > this.keys.length) this.grow()
        return id
      }
    }
  }

  /** Where probing for `key` starts; the multiplier spreads keys that differ in low bits only (bigrams of one character). */
  private slotOf(key: number): number {
    return Math.imul(key, 0x9e3779b1) >>> this.shift
  }

  private grow(): void {
    const { keys, ids } = this
    this.keys = new Uint32Array(keys.length * 2)
    this.ids = new Int32Array(keys.length * 2)
    this.mask = this.keys.length - 1
    this.shift -= 1
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!
      if (key === EMPTY) continue
      let at = this.slotOf(key)
      while (this.keys[at] !== EMPTY) at = (at + 1) & this.mask
      this.keys[at] = key
      this.ids[at] = ids[i]!
    }
  }
}
