/**
 * What search compares: documents and queries brought to one form, so that a plain substring test
 * decides a match. The index and any linear scan use exactly these functions, so both agree.
 */
import { htmlToText } from '../db/html-text'
import type { CachedRecord } from '../db/types'
import type { NamePinyin } from './pinyin'

/** Between the fields of a document: whitespace, so no query term (split on whitespace) spans two fields. */
export const FIELD_SEPARATOR = '\n'

// C0/C1 controls become spaces: they then split query terms like any whitespace, and a document
// never holds U+0000, which the persisted index uses between documents.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g

/**
 * NFKC folds full-width Latin letters and digits (typed with a Chinese IME in full-width mode) to
 * ASCII; lower-casing makes the match case-insensitive.
 */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(CONTROLS, ' ')
}

/**
 * The terms of a query, all of which must match (AND). A term contained in another is dropped:
 * whatever contains the longer one contains it too.
 */
export function queryTerms(query: string): string[] {
  const terms = [...new Set(normalizeText(query).split(/\s+/).filter((term) => term !== ''))]
  return terms.filter((term) => !terms.some((other) => other !== term && other.includes(term)))
}

/** A record's own searchable text: its content without HTML, and its author. */
export function recordText(record: Pick<CachedRecord, 'record_content' | 'record_content_name' | 'create_user_name'>): string {
  const content = record.record_content_name ?? htmlToText(record.record_content ?? '')
  return normalizeText(content) + FIELD_SEPARATOR + normalizeText(record.create_user_name ?? '')
}

/** A client's searchable text: name, phone, and each reading's full pinyin and initials. */
export function clientText(name: string, phone: string, readings: readonly NamePinyin[]): string {
  const pinyin = readings.flatMap((reading) => [reading.full, reading.initials])
  return [normalizeText(name), normalizeText(phone), ...pinyin].join(FIELD_SEPARATOR)
}

/** What the client order sorts by: the first reading, then the name (one name stays together). */
export function clientSortKey(name: string, readings: readonly NamePinyin[]): string {
  return `${readings[0]?.full ?? ''}\u0000${normalizeText(name)}`
}
