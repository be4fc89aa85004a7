/**
 * The vendor's example answers, read out of the seed document itself, so that the demo is held
 * to the authority rather than to our memory of it. CI checks out shared/ beside the repository.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { wire, type WireObject } from './helpers'

/** `../shared/api/seed-followup-records.txt` from the repository root. */
export const SEED_DOCUMENT = fileURLToPath(new URL('../../../../../shared/api/seed-followup-records.txt', import.meta.url))

export interface SeedExamples {
  recordTypes: WireObject
  createRequest: WireObject
  createAnswer: WireObject
  listAnswer: WireObject
  detailAnswer: WireObject
  deleteAnswer: WireObject
}

/**
 * The text of every JSON block that starts on a line of its own, unparsed: the JSON parser's own
 * tests need the literal digits.
 */
export function jsonBlockTexts(text: string): string[] {
  const blocks: string[] = []
  let from = 0
  for (;;) {
    const start = text.indexOf('\n{\n', from)
    if (start < 0) return blocks
    let depth = 0
    let inString = false
    let end = start + 1
    for (; end < text.length; end++) {
      const char = text[end]
      if (inString) {
        if (char === '\\') end++
        else if (char === '"') inString = false
      } else if (char === '"') inString = true
      else if (char === '{' || char === '[') depth++
      else if (char === '}' || char === ']') {
        depth--
        if (depth === 0) break
      }
    }
    blocks.push(text.slice(start + 1, end + 1))
    from = end
  }
}

export function seedExamples(): SeedExamples {
  // Parsed with big-number support, so ids compare exactly.
  const blocks = jsonBlockTexts(readFileSync(SEED_DOCUMENT, 'utf8')).map((text) => wire.parse(text) as WireObject)
  const find = (what: string, test: (block: WireObject) => boolean): WireObject => {
    const block = blocks.find(test)
    if (!block) throw new Error(`the seed document has no ${what} example`)
    return block
  }
  const data = (block: WireObject): unknown => block.data
  return {
    recordTypes: find('record types', (b) => Array.isArray(data(b)) && JSON.stringify(b).includes('dic_name')),
    createRequest: find('create request', (b) => 'cle_id' in b && !('code' in b)),
    createAnswer: find('create answer', (b) => typeof data(b) === 'object' && data(b) !== null && '_id' in (data(b) as object) && !('record_type' in (data(b) as object))),
    listAnswer: find('list answer', (b) => typeof data(b) === 'object' && data(b) !== null && 'rows' in (data(b) as object)),
    detailAnswer: find('detail answer', (b) => typeof data(b) === 'object' && data(b) !== null && 'record_type' in (data(b) as object)),
    deleteAnswer: find('delete answer', (b) => Array.isArray(data(b)) && (data(b) as unknown[]).length === 0),
  }
}

export type JsonKind = 'integer' | 'number' | 'string' | 'boolean' | 'null' | 'array' | 'object'

export function jsonKind(value: unknown): JsonKind {
  if (typeof value === 'bigint') return 'integer'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  if (typeof value === 'string') return 'string'
  if (typeof value === 'boolean') return 'boolean'
  if (value === null) return 'null'
  return Array.isArray(value) ? 'array' : 'object'
}

/** Tenant-defined field names carry a per-tenant id: `input_6470…` and `input_7093…` are the same field kind. */
export function fieldPattern(key: string): string {
  return key.replace(/^([a-z]+)_\d{10,}(_name)?$/, (_match, kind: string, suffix: string | undefined) => `${kind}_<id>${suffix ?? ''}`)
}

/** Field pattern → JSON kind; throws if one pattern has two kinds within the object. */
export function shapeOf(object: WireObject): Map<string, JsonKind> {
  const shape = new Map<string, JsonKind>()
  for (const [key, value] of Object.entries(object)) {
    const pattern = fieldPattern(key)
    const kind = jsonKind(value)
    const seen = shape.get(pattern)
    if (seen !== undefined && seen !== kind) throw new Error(`${pattern} is both ${seen} and ${kind}`)
    shape.set(pattern, kind)
  }
  return shape
}

/** Keys in order, tenant fields left out (their number and order are a tenant's choice). */
export function fixedKeyOrder(object: WireObject): string[] {
  return Object.keys(object).filter((key) => fieldPattern(key) === key)
}
