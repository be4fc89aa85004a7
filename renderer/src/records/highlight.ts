/**
 * Where a search query appears in a piece of text, as parts the view renders as text nodes and
 * <mark> spans (never as HTML: the text was written by other users).
 */
import { loadedPinyin } from '../search/pinyin'

export interface TextPart {
  text: string
  match: boolean
}

/**
 * The query's words; the search treats whitespace as "and", so each word is highlighted on its own.
 * NFKC as the search does: full-width letters and digits typed in a Chinese IME match ASCII text.
 */
export function queryTerms(query: string): string[] {
  return [...new Set(query.normalize('NFKC').trim().split(/\s+/).filter((term) => term !== ''))]
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Splits `text` around every case-insensitive occurrence of the query's words (CJK included). */
export function splitByQuery(text: string, query: string): TextPart[] {
  const terms = queryTerms(query).sort((a, b) => b.length - a.length)
  if (terms.length === 0 || text === '') return text === '' ? [] : [{ text, match: false }]
  const pattern = new RegExp(terms.map(escapeRegExp).join('|'), 'giu')
  const ranges = [...text.matchAll(pattern)].map((m) => [m.index, m.index + m[0].length] as const)
  return partsFromRanges(text, ranges)
}

const LATIN_LETTERS = /^[a-z]+$/i

/** Whether a query has a word splitClientName reads as pinyin: marking it needs `loadPinyin()`. */
export function readsAsPinyin(query: string): boolean {
  return queryTerms(query).some((term) => LATIN_LETTERS.test(term))
}

/**
 * The client name's parts: literal matches first; failing those, a query of Latin letters is read
 * as pinyin (full or initials: `zw`, `zhangw` → 张伟) and the characters it spells are marked,
 * once pinyin-pro is loaded (before, only literal matches are).
 */
export function splitClientName(name: string, query: string): TextPart[] {
  const literal = splitByQuery(name, query)
  const pinyin = loadedPinyin()
  if (!pinyin || literal.some((part) => part.match)) return literal
  const ranges = queryTerms(query)
    .filter((term) => LATIN_LETTERS.test(term))
    .flatMap((term) => (pinyin.match(name, term, { continuous: true, insensitive: true }) ?? []).map((i) => [i, i + 1] as const))
  return ranges.length > 0 ? partsFromRanges(name, ranges) : literal
}

/** Text split at the given [start, end) ranges; overlapping or touching ranges merge. */
function partsFromRanges(text: string, ranges: readonly (readonly [number, number])[]): TextPart[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0])
  const parts: TextPart[] = []
  let cursor = 0
  for (const [start, end] of sorted) {
    if (end <= cursor) continue
    const from = Math.max(start, cursor)
    if (from > cursor) parts.push({ text: text.slice(cursor, from), match: false })
    const last = parts[parts.length - 1]
    if (last?.match && from === cursor) last.text += text.slice(from, end)
    else parts.push({ text: text.slice(from, end), match: true })
    cursor = end
  }
  if (cursor < text.length) parts.push({ text: text.slice(cursor), match: false })
  return parts
}
