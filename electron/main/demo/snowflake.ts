/**
 * Ids shaped like the vendor's. Decoding the document's ids gives (unix ms << 22) | (60 << 12) | 1:
 * a snowflake of the creation time in milliseconds, a worker number and a sequence. They are
 * 19 digits today and increase with time, so they exceed 2^53 exactly as the real ones do.
 */
const TIME_SHIFT = 22n
const WORKER_SHIFT = 12n

export class SnowflakeIds {
  private last = 0n

  constructor(private readonly worker: number) {}

  /** A new id for an entity created at `unixMs`; strictly greater than every id this instance gave before. */
  next(unixMs: number): bigint {
    const id = (BigInt(Math.floor(unixMs)) << TIME_SHIFT) | (BigInt(this.worker) << WORKER_SHIFT) | 1n
    // Same millisecond or an earlier time: take the next free value, like a snowflake's sequence does.
    this.last = id > this.last ? id : this.last + 1n
    return this.last
  }
}
