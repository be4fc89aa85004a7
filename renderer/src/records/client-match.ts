/**
 * The client picker's matching: by name, phone digits, pinyin (full, as the CRM stores it, or
 * initials) or a pasted 19-digit client id. Runs over every cached client on each keystroke, so
 * each client is reduced once to the few lowercase strings compared.
 */
import type { CachedClient } from '../db/types'
import { namePinyin } from '../search/pinyin'

export interface ClientChoice {
  id: string
  name: string
  phone: string
}

export interface ClientSearchEntry extends ClientChoice {
  nameLower: string
  /** Full pinyin without spaces (zhangwei), one per reading of the name. */
  pinyinFull: string[]
  /** First letters (zw), one per reading. */
  pinyinInitials: string[]
}

/** A client id as the CRM writes it: a 64-bit snowflake, 19 digits. */
export const CLIENT_ID = /^\d{19}$/

/** Pinyin as the record search reads it (the CRM's `cle_pinyin` first), so both find the same clients. */
export function toSearchEntry(client: Pick<CachedClient, 'id' | 'cle_name' | 'cle_phone' | 'cle_pinyin'>): ClientSearchEntry {
  const name = client.cle_name ?? ''
  const readings = namePinyin(name, client.cle_pinyin)
  return {
    id: client.id,
    name,
    phone: client.cle_phone ?? '',
    nameLower: name.toLowerCase(),
    pinyinFull: readings.map((reading) => reading.full),
    pinyinInitials: readings.map((reading) => reading.initials),
  }
}

/**
 * The best matches, best first: the id itself, then names starting with the query, names
 * containing it, phones containing the digits, then pinyin (initials, then full).
 */
export function matchClients(entries: readonly ClientSearchEntry[], query: string, limit = 50): ClientSearchEntry[] {
  const q = query.trim().toLowerCase()
  if (q === '') return entries.slice(0, limit)
  const digits = /^[\d\s-]+$/.test(q) ? q.replace(/\D/g, '') : ''
  const letters = /^[a-z]+$/.test(q)
  const ranked: { entry: ClientSearchEntry; rank: number }[] = []
  for (const entry of entries) {
    const rank = rankOf(entry, q, digits, letters)
    if (rank !== undefined) ranked.push({ entry, rank })
  }
  return ranked
    .sort((a, b) => a.rank - b.rank)
    .slice(0, limit)
    .map(({ entry }) => entry)
}

function rankOf(entry: ClientSearchEntry, q: string, digits: string, letters: boolean): number | undefined {
  if (entry.id === q) return 0
  if (entry.nameLower.startsWith(q)) return 1
  if (entry.nameLower.includes(q)) return 2
  if (digits.length >= 3 && entry.phone.includes(digits)) return 3
  if (!letters) return undefined
  if (entry.pinyinInitials.some((initials) => initials.startsWith(q))) return 4
  if (entry.pinyinFull.some((full) => full.startsWith(q))) return 5
  if ([...entry.pinyinInitials, ...entry.pinyinFull].some((reading) => reading.includes(q))) return 6
  return undefined
}
