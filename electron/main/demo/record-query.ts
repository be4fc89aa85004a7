/**
 * Filtering, sorting and keyset paging over the record table. The sorted match list of a query is
 * cached until the data changes, so walking 200,000 records page by page sorts once, and each page
 * is a binary search from the cursor.
 */
import { stripHtml } from './content'
import type { CursorKey } from './cursor'
import type { DemoData } from './generator'
import type { ListRequest, RecordFilter, SortField } from './list-query'

const CACHE_SIZE = 8

export class RecordQueries {
  private readonly cache = new Map<string, Int32Array>()

  constructor(private readonly data: DemoData) {}

  /** Forget cached results; called on every create and delete. */
  invalidate(): void {
    this.cache.clear()
  }

  /** The matches of `request` in list order, and the page it asks for. */
  run(request: ListRequest): { total: number; page: Int32Array } {
    const sorted = this.sortedMatches(request.filter, request.sort, request.descending)
    const start = request.after ? this.firstAfter(sorted, request) : request.offset
    return { total: sorted.length, page: sorted.subarray(Math.min(start, sorted.length), start + request.pageSize) }
  }

  sortValue(slot: number, sort: SortField): number | string {
    const records = this.data.records
    if (sort === 'cle_name') return this.data.clients[records.client[slot] ?? -1]?.name ?? ''
    return (sort === 'update_time' ? records.updateTime[slot] : records.createTime[slot]) ?? 0
  }

  private sortedMatches(filter: RecordFilter, sort: SortField, descending: boolean): Int32Array {
    const key = JSON.stringify([filter, sort, descending])
    const cached = this.cache.get(key)
    if (cached) {
      // Re-insert: the Map's order is the eviction order.
      this.cache.delete(key)
      this.cache.set(key, cached)
      return cached
    }
    const sorted = this.matches(filter).sort((a, b) => {
      const order = compareValues(this.sortValue(a, sort), this.sortValue(b, sort)) || a - b
      return descending ? -order : order
    })
    this.cache.set(key, sorted)
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string)
    return sorted
  }

  private matches(filter: RecordFilter): Int32Array {
    const { records } = this.data
    const clientOk = this.matchingClients(filter)
    const content = filter.content?.toLowerCase()
    const from = filter.createdFrom
    const out = new Int32Array(records.count)
    let found = 0
    for (let slot = 0; slot < records.slots; slot++) {
      if (!records.isLive(slot)) continue
      if (clientOk && clientOk[records.client[slot] ?? -1] !== 1) continue
      if (from !== undefined && (records.createTime[slot] ?? 0) < from) continue
      if (content !== undefined && !stripHtml(records.content[slot] ?? '').toLowerCase().includes(content)) continue
      out[found++] = slot
    }
    return out.slice(0, found)
  }

  /** Per client, 1 when it passes the client filters; undefined when there are none. */
  private matchingClients(filter: RecordFilter): Uint8Array | undefined {
    if (filter.cleName === undefined && filter.cleId === undefined && filter.clePhone === undefined) return undefined
    const name = filter.cleName?.toLowerCase()
    return Uint8Array.from(this.data.clients, (client) =>
      (name === undefined || client.name.toLowerCase().includes(name)) &&
      (filter.cleId === undefined || String(client.id).includes(filter.cleId)) &&
      (filter.clePhone === undefined || client.phone === filter.clePhone)
        ? 1
        : 0,
    )
  }

  /** Index of the first row strictly after the cursor position in list order. */
  private firstAfter(sorted: Int32Array, request: ListRequest): number {
    const after = request.after as CursorKey
    // Slot order is id order, so the cursor's id becomes a slot position; an id the table never
    // held sits half-way between its neighbours.
    const lower = this.data.records.lowerBound(after.id)
    const position = this.data.records.idAt(lower) === after.id && lower < this.data.records.slots ? lower : lower - 0.5
    const isAfter = (slot: number): boolean => {
      const order = compareValues(this.sortValue(slot, request.sort), after.value) || slot - position
      return (request.descending ? -order : order) > 0
    }
    let low = 0
    let high = sorted.length
    while (low < high) {
      const mid = (low + high) >>> 1
      if (isAfter(sorted[mid] ?? 0)) high = mid
      else low = mid + 1
    }
    return low
  }
}

function compareValues(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return a < b ? -1 : a > b ? 1 : 0
}
