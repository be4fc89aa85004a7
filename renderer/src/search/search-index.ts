/**
 * The in-memory search index over the cache: records and their clients, kept in step with every
 * committed write (`apply`), answering queries synchronously (`search`), and turning itself into
 * a compact persisted form (`persist`) from which it is restored without reading any record.
 */
import type { CachedClient, CachedRecord } from '../db/types'
import { ClientStore, type PersistedClients } from './client-store'
import { RecordStore, recordDoc, type PersistedRecords } from './record-store'
import type { Slicer } from './slicer'
import { joinStrings } from './string-column'
import { EMPTY_RESULT, runQuery, type RecordOrder, type RecordsByClient, type SearchFilters, type SearchResult } from './query'
import { queryTerms } from './text'

/** Record ids and texts per joined piece (~1 MB: one IndexedDB row each, see snapshot.ts). */
const STRINGS_PER_PIECE = 8192

/** newest: create_time descending. client: client name (by pinyin) ascending, then newest. */
export type SearchOrder = 'newest' | 'client'

/** What one committed write did to a table the index follows. */
export interface TableWrite {
  table: 'records' | 'clients'
  /** Rows as stored. */
  puts: readonly unknown[]
  deletes: readonly string[]
  /** Set for a range delete (Table.clear and the like): removes every id it accepts. */
  deletesWhere?: (id: string) => boolean
}

export interface PersistedIndex {
  records: PersistedRecords
  clients: PersistedClients
}

export class SearchIndex {
  private readonly records: RecordStore
  private readonly clients: ClientStore
  /** Bumped by every change; cached orders are valid for one version. */
  private version = 0
  private readonly orders = new Map<SearchOrder, RecordOrder & { version: number }>()
  private recordsByClient: (RecordsByClient & { version: number }) | undefined

  constructor(persisted?: PersistedIndex) {
    this.records = new RecordStore(persisted?.records)
    this.clients = new ClientStore(persisted?.clients)
  }

  /** Live records. */
  get size(): number {
    return this.records.order.length
  }

  /**
   * Applies the writes of one committed transaction. Client writes go first: the transaction
   * commits as a whole, and a record then meets its client's final directory entry at once (a
   * pulled page writes its records before their clients).
   */
  apply(writes: readonly TableWrite[]): void {
    const changedClients = new Set<string>()
    for (const write of writes) if (write.table === 'clients') this.applyClients(write, changedClients)
    if (changedClients.size > 0) this.repoint(changedClients)
    const added: number[] = []
    let removed = false
    const kill = (slot: number | undefined) => {
      if (slot === undefined) return
      this.records.kill(slot)
      removed = true
    }
    for (const write of writes) {
      if (write.table !== 'records') continue
      for (const id of write.deletes) kill(this.records.slotOfId(id))
      if (write.deletesWhere) for (const [id, slot] of this.records.liveIds()) if (write.deletesWhere(id)) kill(slot)
      for (const row of write.puts) {
        const record = row as CachedRecord
        const doc = recordDoc(record)
        const slot = this.records.slotOfId(record.id)
        if (doc && slot !== undefined && this.records.matches(slot, doc)) {
          this.records.recordType[slot] = doc.recordType
          continue
        }
        kill(slot)
        if (doc) added.push(this.records.add(doc, this.clients.docFor(doc.cleId, doc.cleName)))
      }
    }
    if (removed) this.records.order.removeWhere(this.records.isLive)
    this.records.order.insert(added.filter(this.records.isLive))
    this.version++
  }

  search(query: string, filters: SearchFilters = {}, order: SearchOrder = 'newest'): SearchResult {
    if (this.records.order.length === 0) return EMPTY_RESULT
    const context = { records: this.records, clients: this.clients, byClient: () => this.byClient() }
    return runQuery(context, queryTerms(query), filters, order === 'newest' ? this.newestOrder() : this.clientOrder())
  }

  /**
   * Work deferred until after the index is ready: the id map writes need (RecordStore.indexIds),
   * and what the first query would otherwise build (the list order's ranks, records by client).
   */
  async settle(slicer: Slicer): Promise<void> {
    await this.records.indexIds(slicer)
    this.newestOrder()
    await slicer.yield()
    this.byClient()
  }

  /**
   * The persisted form, compacted: live records and the client documents they use (plus the
   * directory's), renumbered. Captures the index as it is now; later changes belong to the next
   * persist. Long loops yield as `slicer` asks.
   */
  async persist(slicer: Slicer): Promise<PersistedIndex> {
    const { records, clients } = this
    // What a later write can change is copied now; the rest of a slot never changes.
    const recordSlots = records.size
    const recordRemap = renumber(records.live, recordSlots)
    const recordTypes = records.recordType.slice(0, recordSlots)
    const clientDocs = records.clientDoc.slice(0, recordSlots)
    const order = records.order.view().map((slot) => recordRemap[slot]!)
    const used = new Uint8Array(clients.size)
    for (const slot of records.order.view()) used[records.clientDoc[slot]!] = 1
    const clientRemap = renumber(
      Uint8Array.from(clients.keys, (_, slot) => (clients.isLive(slot) && (used[slot] === 1 || clients.sources[slot] !== '') ? 1 : 0)),
      clients.size,
    )
    const keptClients = keptSlots(clientRemap)
    const pick = (values: readonly string[]) => keptClients.map((slot) => values[slot]!)
    const persistedClients: Omit<PersistedClients, 'grams'> = {
      keys: pick(clients.keys),
      texts: pick(clients.texts),
      sortKeys: pick(clients.sortKeys),
      sources: pick(clients.sources),
    }
    const clientGrams = await clients.grams.persist(clientRemap, clientRemap.length, slicer)
    const persistedRecords = await copyRecords(records, { remap: recordRemap, recordTypes, clientDocs, clientRemap, order }, slicer)
    const recordGrams = await records.grams.persist(recordRemap, recordSlots, slicer)
    return { records: { ...persistedRecords, grams: recordGrams }, clients: { ...persistedClients, grams: clientGrams } }
  }

  private applyClients(write: TableWrite, changed: Set<string>): void {
    const dropped = (cleId: string) => this.clients.removeDirectory(cleId) && changed.add(cleId)
    for (const id of write.deletes) dropped(id)
    if (write.deletesWhere) for (const cleId of this.clients.directoryIds()) if (write.deletesWhere(cleId)) dropped(cleId)
    for (const row of write.puts) {
      const client = row as CachedClient
      if (this.clients.putDirectory(client) !== undefined) changed.add(client.id)
    }
  }

  /** Points the live records of these clients at their current documents: one pass over the records. */
  private repoint(cleIds: ReadonlySet<string>): void {
    const { records, clients } = this
    const refs = new Set([...cleIds].map((cleId) => records.cleIds.ref(cleId)).filter((ref) => ref >= 0))
    if (refs.size === 0) return
    for (let slot = 0; slot < records.size; slot++) {
      const ref = records.cleRef[slot]!
      if (!refs.has(ref) || !records.isLive(slot)) continue
      records.clientDoc[slot] = clients.docFor(records.cleIds.value(ref), records.names.value(records.nameRef[slot]!))
    }
    this.version++
  }

  /** Live records grouped by client document (a counting sort), built on demand once per version. */
  private byClient(): RecordsByClient {
    if (this.recordsByClient?.version === this.version) return this.recordsByClient
    const live = this.records.order.view()
    const clientDoc = this.records.clientDoc
    const starts = new Int32Array(this.clients.size + 1)
    for (let i = 0; i < live.length; i++) starts[clientDoc[live[i]!]! + 1]!++
    for (let doc = 1; doc < starts.length; doc++) starts[doc]! += starts[doc - 1]!
    const next = starts.slice(0, -1)
    const slots = new Int32Array(live.length)
    for (let i = 0; i < live.length; i++) {
      const slot = live[i]!
      slots[next[clientDoc[slot]!]!++] = slot
    }
    this.recordsByClient = { version: this.version, starts, slots }
    return this.recordsByClient
  }

  private newestOrder(): RecordOrder {
    return this.cachedOrder('newest', () => this.records.order.view().slice())
  }

  private clientOrder(): RecordOrder {
    return this.cachedOrder('client', () => this.groupedByClient())
  }

  private cachedOrder(name: SearchOrder, slotsInOrder: () => Int32Array): RecordOrder {
    const cached = this.orders.get(name)
    if (cached?.version === this.version) return cached
    const slots = slotsInOrder()
    const rank = new Int32Array(this.records.size).fill(-1)
    slots.forEach((slot, position) => (rank[slot] = position))
    const order = { version: this.version, slots, rank }
    this.orders.set(name, order)
    return order
  }

  /** Newest order regrouped by client rank (a stable counting sort): O(records). */
  private groupedByClient(): Int32Array {
    const ranks = this.clients.sortRanks()
    const newest = this.records.order.view()
    const clientDoc = this.records.clientDoc
    let maxRank = 0
    for (let i = 0; i < ranks.length; i++) maxRank = Math.max(maxRank, ranks[i]!)
    const starts = new Int32Array(maxRank + 2)
    for (let i = 0; i < newest.length; i++) starts[ranks[clientDoc[newest[i]!]!]! + 1]!++
    for (let rank = 1; rank < starts.length; rank++) starts[rank]! += starts[rank - 1]!
    const slots = new Int32Array(newest.length)
    for (let i = 0; i < newest.length; i++) {
      const slot = newest[i]!
      slots[starts[ranks[clientDoc[slot]!]!]!++] = slot
    }
    return slots
  }
}

interface RecordCapture {
  remap: Int32Array
  recordTypes: Float64Array
  clientDocs: Int32Array
  clientRemap: Int32Array
  order: Int32Array
}

/** The columns of the captured live records, renumbered; copied in slices (see RecordStore.kill). */
async function copyRecords(records: RecordStore, capture: RecordCapture, slicer: Slicer): Promise<Omit<PersistedRecords, 'grams'>> {
  const { remap, recordTypes, clientDocs, clientRemap, order } = capture
  const live = order.length
  const ids = new Array<string>(live)
  const texts = new Array<string>(live)
  const copy = {
    createTime: new Float64Array(live),
    recordType: new Float64Array(live),
    cleRef: new Int32Array(live),
    nameRef: new Int32Array(live),
    authorRef: new Int32Array(live),
    clientDoc: new Int32Array(live),
    order,
    cleIds: [...records.cleIds.values],
    names: [...records.names.values],
    authors: [...records.authors.values],
  }
  for (let slot = 0; slot < remap.length; slot++) {
    const to = remap[slot]!
    if (to >= 0) {
      ids[to] = records.ids.at(slot)!
      texts[to] = records.texts.at(slot)!
      copy.createTime[to] = records.createTime[slot]!
      copy.recordType[to] = recordTypes[slot]!
      copy.cleRef[to] = records.cleRef[slot]!
      copy.nameRef[to] = records.nameRef[slot]!
      copy.authorRef[to] = records.authorRef[slot]!
      copy.clientDoc[to] = clientRemap[clientDocs[slot]!]!
    }
    if ((slot & 4095) === 4095 && slicer.spent()) await slicer.yield()
  }
  return { ...copy, ids: await joinStrings(ids, STRINGS_PER_PIECE, slicer), texts: await joinStrings(texts, STRINGS_PER_PIECE, slicer) }
}

/** Old slot → new slot, counting up over the live ones; -1 for the others. */
function renumber(live: Uint8Array, slots: number): Int32Array {
  const remap = new Int32Array(slots)
  let next = 0
  for (let slot = 0; slot < slots; slot++) remap[slot] = live[slot] === 1 ? next++ : -1
  return remap
}

function keptSlots(remap: Int32Array): number[] {
  const kept: number[] = []
  remap.forEach((renumbered, slot) => {
    if (renumbered >= 0) kept.push(slot)
  })
  return kept
}
