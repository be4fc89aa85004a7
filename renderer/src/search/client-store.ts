/**
 * Client documents: the text a record matches through its client (name, phone, pinyin) and the
 * key the client order sorts by. A record's client is the directory's (the `clients` table) when
 * it knows the record's cle_id; otherwise a document made from the name the record carries, shared
 * by the records of that cle_id and name. Documents are few (one per client), so a changed one is
 * simply replaced by a new slot.
 */
import type { CachedClient } from '../db/types'
import { GramIndex, type PersistedGrams } from './gram-index'
import { namePinyin, type NamePinyin } from './pinyin'
import { clientSortKey, clientText } from './text'

export interface PersistedClients {
  keys: string[]
  texts: string[]
  sortKeys: string[]
  /** What a directory document was made from (name, phone, stored pinyin); '' for the others. */
  sources: string[]
  grams: PersistedGrams
}

/** Directory documents are keyed by cle_id; documents from a record's own name by cle_id and name. */
const ownNameKey = (cleId: string, name: string) => `${cleId}\u0000${name}`

export class ClientStore {
  readonly keys: string[]
  readonly texts: string[]
  readonly sortKeys: string[]
  readonly sources: string[]
  private live: Uint8Array
  readonly slotOf = new Map<string, number>()
  readonly grams: GramIndex
  private ranks: Int32Array | undefined

  constructor(persisted?: PersistedClients) {
    this.keys = persisted?.keys ?? []
    this.texts = persisted?.texts ?? []
    this.sortKeys = persisted?.sortKeys ?? []
    this.sources = persisted?.sources ?? []
    this.live = new Uint8Array(Math.max(1024, this.keys.length * 2)).fill(1, 0, this.keys.length)
    this.keys.forEach((key, slot) => this.slotOf.set(key, slot))
    this.grams = new GramIndex(persisted?.grams)
  }

  get size(): number {
    return this.keys.length
  }

  /** The document a record of `cleId` carrying `cleName` matches through, made if needed. */
  docFor(cleId: string, cleName: string): number {
    const directory = this.slotOf.get(cleId)
    if (directory !== undefined) return directory
    const key = ownNameKey(cleId, cleName)
    return this.slotOf.get(key) ?? this.add(key, cleName, '', namePinyin(cleName), '')
  }

  /**
   * Files a directory row. Returns the slot of its new document, or undefined when nothing search
   * sees has changed (pulls rewrite the same clients on every page).
   */
  putDirectory(client: CachedClient): number | undefined {
    const source = [client.cle_name, client.cle_phone ?? '', client.cle_pinyin ?? ''].join('\u0000')
    const current = this.slotOf.get(client.id)
    if (current !== undefined && this.sources[current] === source) return undefined
    if (current !== undefined) this.kill(current)
    return this.add(client.id, client.cle_name, client.cle_phone ?? '', namePinyin(client.cle_name, client.cle_pinyin), source)
  }

  /** The cle_ids the directory holds. */
  directoryIds(): string[] {
    return [...this.slotOf.keys()].filter((key) => !key.includes('\u0000'))
  }

  /** Drops a directory row; its records fall back to their own names (see docFor). */
  removeDirectory(cleId: string): boolean {
    const current = this.slotOf.get(cleId)
    if (current === undefined) return false
    this.kill(current)
    return true
  }

  isLive = (slot: number): boolean => this.live[slot] === 1

  /**
   * Each document's rank in client order: by pinyin, then name, so that one name stays together
   * whatever the cle_id. Dead documents rank anywhere. Cached until documents change.
   */
  sortRanks(): Int32Array {
    if (this.ranks) return this.ranks
    const slots = this.keys.map((_, slot) => slot).filter(this.isLive)
    slots.sort((a, b) => compareStrings(this.sortKeys[a]!, this.sortKeys[b]!))
    const ranks = new Int32Array(this.size)
    let rank = -1
    slots.forEach((slot, i) => {
      if (i === 0 || this.sortKeys[slot] !== this.sortKeys[slots[i - 1]!]) rank++
      ranks[slot] = rank
    })
    this.ranks = ranks
    return ranks
  }

  private add(key: string, name: string, phone: string, pinyin: readonly NamePinyin[], source: string): number {
    const slot = this.keys.length
    if (slot >= this.live.length) {
      const live = new Uint8Array(this.live.length * 2)
      live.set(this.live)
      this.live = live
    }
    this.keys.push(key)
    const text = clientText(name, phone, pinyin)
    this.texts.push(text)
    this.sortKeys.push(clientSortKey(name, pinyin))
    this.sources.push(source)
    this.live[slot] = 1
    this.slotOf.set(key, slot)
    this.grams.add(slot, text)
    this.ranks = undefined
    return slot
  }

  private kill(slot: number): void {
    this.live[slot] = 0
    this.slotOf.delete(this.keys[slot]!)
    this.texts[slot] = ''
    this.ranks = undefined
  }
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
