/**
 * The bench's queries, drawn with a fixed seed from the demo data itself, so every class hits
 * real records: single Chinese characters, longer Chinese substrings, phone digits, pinyin
 * initials and full pinyin of client names, English words, two-term queries, and misses.
 * bench/queries.json holds the set for the default size; the runner uses it whenever the size
 * matches, so runs stay comparable even if the demo generator changes.
 */
import type { FollowupRecord } from '../electron/shared/records'
import { createPrng, type Prng } from '../electron/main/demo/prng'
import { namePinyin, type NamePinyin } from '../renderer/src/search/pinyin'
import { normalizeText } from '../renderer/src/search/text'

export const QUERY_CLASSES = ['cjk-1', 'cjk', 'phone', 'initials', 'pinyin', 'english', 'multi', 'miss'] as const
export type QueryClass = (typeof QUERY_CLASSES)[number]

export interface BenchQuery {
  class: QueryClass
  query: string
}

const PER_CLASS = 12
const HAN_RUN = /\p{Script=Han}+/gu
const ENGLISH_WORD = /[a-z]{3,}/g
/** Plausible searches the demo data never contains; those that happen to occur are skipped. */
const MISS_CANDIDATES = ['不存在的客户', '火星基地', '苹果手机', '离职交接', 'xyzzy', 'qwerty', 'zzxq', '0000000000', '99999', 'blockchain', '量子 报价', '张三丰']

export function drawQueries(rows: readonly FollowupRecord[], seed = 7): BenchQuery[] {
  const prng = createPrng(seed)
  const queries = new Map<string, BenchQuery>()
  const add = (cls: QueryClass, query: string | undefined) => {
    if (query && !queries.has(query)) queries.set(query, { class: cls, query })
  }
  const sample = () => prng.pick(rows)
  const content = (row: FollowupRecord) => normalizeText(row.record_content_name ?? '')

  for (let i = 0; count(queries, 'cjk-1') < PER_CLASS && i < 1000; i++) {
    const row = sample()
    add('cjk-1', pickChar(prng, prng.chance(0.5) ? row.cle_name ?? '' : content(row)))
  }
  for (let i = 0; count(queries, 'cjk') < PER_CLASS && i < 1000; i++) {
    const row = sample()
    add('cjk', pickRun(prng, prng.chance(0.5) ? row.cle_name ?? '' : content(row), 2, 4))
  }
  for (let i = 0; count(queries, 'phone') < PER_CLASS && i < 1000; i++) {
    add('phone', pickSlice(prng, sample().client?.cle_phone ?? '', 3, 7))
  }
  for (let i = 0; count(queries, 'initials') < PER_CLASS && i < 1000; i++) {
    const [reading] = readings(sample())
    if (reading && reading.initials.length >= 2) add('initials', reading.initials.slice(0, prng.between(2, reading.initials.length)))
  }
  for (let i = 0; count(queries, 'pinyin') < PER_CLASS && i < 1000; i++) {
    const [reading] = readings(sample())
    if (reading && reading.full.length >= 4) add('pinyin', reading.full.slice(0, prng.between(4, reading.full.length)))
  }
  for (let i = 0; count(queries, 'english') < PER_CLASS && i < 5000; i++) {
    const words = content(sample()).match(ENGLISH_WORD) ?? []
    if (words.length > 0) add('english', casing(prng, prng.pick(words)))
  }
  for (let i = 0; count(queries, 'multi') < PER_CLASS && i < 1000; i++) {
    const row = sample()
    const name = pickRun(prng, row.cle_name ?? '', 1, 2)
    const text = pickRun(prng, content(row), 2, 3)
    if (name && text) add('multi', `${name} ${text}`)
  }
  const haystack = rows.map(searchableText)
  for (const candidate of MISS_CANDIDATES) {
    const terms = normalizeText(candidate).split(' ')
    if (!haystack.some((text) => terms.every((term) => text.includes(term)))) add('miss', candidate)
  }
  return [...queries.values()]
}

function count(queries: Map<string, BenchQuery>, cls: QueryClass): number {
  let n = 0
  for (const query of queries.values()) if (query.class === cls) n++
  return n
}

const readingsByClient = new Map<string, NamePinyin[]>()

function readings(row: FollowupRecord): NamePinyin[] {
  const client = row.client
  if (!client) return []
  let found = readingsByClient.get(client.id)
  if (!found) readingsByClient.set(client.id, (found = namePinyin(client.cle_name, client.cle_pinyin)))
  return found
}

function pickChar(prng: Prng, text: string): string | undefined {
  const chars = [...text.matchAll(HAN_RUN)].flatMap((run) => [...run[0]])
  return chars.length > 0 ? prng.pick(chars) : undefined
}

/** A Chinese substring of `min`..`max` characters, from one run of Chinese text. */
function pickRun(prng: Prng, text: string, min: number, max: number): string | undefined {
  const runs = [...text.matchAll(HAN_RUN)].map((run) => run[0]).filter((run) => run.length >= min)
  return runs.length > 0 ? pickSlice(prng, prng.pick(runs), min, max) : undefined
}

function pickSlice(prng: Prng, text: string, min: number, max: number): string | undefined {
  if (text.length < min) return undefined
  const length = prng.between(min, Math.min(max, text.length))
  const start = prng.int(text.length - length + 1)
  return text.slice(start, start + length)
}

/** Words as people type them: lower case mostly, sometimes upper case. */
function casing(prng: Prng, word: string): string {
  return prng.chance(0.25) ? word.toUpperCase() : word
}

/** Everything a record can be found by, for telling misses apart. */
function searchableText(row: FollowupRecord): string {
  const client = row.client
  const pinyin = readings(row).flatMap((reading) => [reading.full, reading.initials])
  return normalizeText([row.record_content_name ?? '', row.create_user_name ?? '', client?.cle_name ?? '', client?.cle_phone ?? '', ...pinyin].join('\n'))
}
