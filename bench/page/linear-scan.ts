/**
 * The baseline search: every record's full searchable text (its own, then its client's), built
 * once, and each query answered by testing every record in list order. What the index must match
 * exactly (ids, order, total) and beat on time. Built straight from the cache's rows with the
 * index's text rules but none of its machinery.
 */
import type { CachedClient, CachedRecord } from '../../renderer/src/db/types'
import { newerFirst } from '../../renderer/src/search/newest-order'
import { namePinyin } from '../../renderer/src/search/pinyin'
import type { SearchFilters, SearchOrder } from '../../renderer/src/search'
import { clientSortKey, clientText, FIELD_SEPARATOR, normalizeText, queryTerms, recordText } from '../../renderer/src/search/text'

interface ScannedRecord {
  id: string
  text: string
  createTime: number
  recordType: number
  cleId: string
  author: string
  clientSortKey: string
}

export interface LinearScan {
  /** Every matching id, in order. */
  search(query: string, filters?: SearchFilters, order?: SearchOrder): string[]
  /** What a list shows first: the total and the top rows, as the timing comparison asks. */
  top(query: string, rows: number): { total: number; ids: string[] }
}

export function buildLinearScan(records: readonly CachedRecord[], directory: readonly CachedClient[]): LinearScan {
  const clients = new Map(directory.map((client) => [client.id, client]))
  const scanned: ScannedRecord[] = records
    .filter((record) => record.deleted !== 1)
    .map((record) => {
      const known = clients.get(record.cle_id)
      const name = known ? known.cle_name : (record.cle_name ?? '')
      const pinyin = namePinyin(name, known?.cle_pinyin)
      return {
        id: record.id,
        text: recordText(record) + FIELD_SEPARATOR + clientText(name, known?.cle_phone ?? '', pinyin),
        createTime: record.create_time,
        recordType: record.record_type,
        cleId: record.cle_id,
        author: normalizeText(record.create_user_name ?? ''),
        clientSortKey: clientSortKey(name, pinyin),
      }
    })
  const newest = (a: ScannedRecord, b: ScannedRecord) => newerFirst(a.createTime, a.id, b.createTime, b.id)
  const byNewest = [...scanned].sort(newest)
  const newestTexts = byNewest.map((record) => record.text)
  const byClient = [...scanned].sort((a, b) => (a.clientSortKey < b.clientSortKey ? -1 : a.clientSortKey > b.clientSortKey ? 1 : newest(a, b)))

  const matching = (query: string, filters: SearchFilters) => {
    const terms = queryTerms(query)
    const author = filters.author === undefined ? undefined : normalizeText(filters.author)
    return (record: ScannedRecord) =>
      (filters.recordType === undefined || record.recordType === filters.recordType) &&
      (filters.clientId === undefined || record.cleId === filters.clientId) &&
      (filters.createdAfter === undefined || record.createTime >= filters.createdAfter) &&
      (author === undefined || record.author.includes(author)) &&
      terms.every((term) => record.text.includes(term))
  }

  return {
    search(query, filters = {}, order = 'newest') {
      const accepts = matching(query, filters)
      return (order === 'client' ? byClient : byNewest).filter(accepts).map((record) => record.id)
    },
    top(query, rows) {
      const terms = queryTerms(query)
      const ids: string[] = []
      let total = 0
      next: for (let i = 0; i < newestTexts.length; i++) {
        const text = newestTexts[i]!
        for (let t = 0; t < terms.length; t++) if (!text.includes(terms[t]!)) continue next
        if (total++ < rows) ids.push(byNewest[i]!.id)
      }
      return { total, ids }
    },
  }
}
