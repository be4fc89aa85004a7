/**
 * A small stand-in for the search service (renderer/src/search): it holds the records given to it
 * in memory and answers exactly the interface the record screens use. Enough to test the list
 * against; the real index is tested by its own suite.
 */
import type { RecordFilters, RecordOrder, RecordSearch, RecordSearchResult } from '../../../../../renderer/src/composables/useRecordsEnv'
import type { CachedRecord } from '../../../../../renderer/src/db/types'

export class FakeSearch implements RecordSearch {
  isReady = false
  readonly ready: Promise<void>
  /** Every query asked, for assertions. */
  readonly asked: { query: string; filters?: RecordFilters; order?: RecordOrder }[] = []
  private records: CachedRecord[] = []
  private readonly listeners = new Set<() => void>()
  private markReady!: () => void

  constructor() {
    this.ready = new Promise((resolve) => (this.markReady = resolve))
  }

  /** Builds the "index" from these records and becomes ready. */
  load(records: CachedRecord[]): void {
    this.records = records.filter((record) => record.deleted !== 1)
    this.isReady = true
    this.markReady()
    this.listeners.forEach((listener) => listener())
  }

  search(query: string, filters: RecordFilters = {}, order: RecordOrder = 'newest'): RecordSearchResult {
    this.asked.push({ query, filters, order })
    const q = query.toLowerCase()
    const ids = this.records
      .filter((r) => q === '' || `${r.cle_name ?? ''} ${r.record_content_name ?? ''} ${r.create_user_name ?? ''}`.toLowerCase().includes(q))
      .filter((r) => filters.recordType === undefined || r.record_type === filters.recordType)
      .filter((r) => filters.clientId === undefined || r.cle_id === filters.clientId)
      .sort((a, b) => (order === 'client' ? (a.cle_name ?? '').localeCompare(b.cle_name ?? '') : 0) || b.create_time - a.create_time)
      .map((r) => r.id)
    return { total: ids.length, slice: (start, end) => ids.slice(start, end) }
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
