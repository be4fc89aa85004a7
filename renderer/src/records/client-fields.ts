/**
 * The client card's lines. Standard fields have fixed labels; tenant fields (`input_<id>`,
 * `select_<id>` + `select_<id>_name`, ...) have ids that differ per tenant and no titles in the
 * data, so they are labelled by their kind and shown by their readable value.
 */
import type { CachedClient } from '../db/types'

export interface ClientFieldLine {
  key: string
  /** i18n key under records.client.fields (standard fields) or records.client.kinds (tenant fields). */
  label: string
  value: string
}

const STANDARD_FIELDS: readonly [key: keyof CachedClient & string, label: string][] = [
  ['cle_phone', 'phone'],
  ['cle_grade_name', 'grade'],
  ['cle_type_name', 'type'],
  ['cle_source_name', 'source'],
  ['sale_charge_user_name', 'owner'],
]

const TENANT_FIELD = /^([a-z]+)_(\d{6,})$/

/** Kinds whose value is a code (or codes) with the readable text in a `_name` twin. */
const CODED_KINDS = new Set(['select', 'radio', 'checkbox', 'datasource', 'cascade', 'city'])

const KNOWN_KINDS = new Set([...CODED_KINDS, 'input', 'textarea', 'telephone', 'email', 'number', 'datetime'])

export function clientFieldLines(client: CachedClient, formatDate: (unixSeconds: number) => string): ClientFieldLine[] {
  const lines: ClientFieldLine[] = []
  for (const [key, label] of STANDARD_FIELDS) {
    const value = client[key]
    if (typeof value === 'string' && value.trim() !== '') lines.push({ key, label: `fields.${label}`, value })
  }
  for (const [key, raw] of Object.entries(client)) {
    const kind = TENANT_FIELD.exec(key)?.[1]
    if (kind === undefined || !KNOWN_KINDS.has(kind)) continue
    const value = tenantValue(kind, CODED_KINDS.has(kind) ? client[`${key}_name`] : raw, formatDate)
    if (value !== '') lines.push({ key, label: `kinds.${kind}`, value })
  }
  return lines
}

/** The readable value, '' when unset (the vendor writes unset values as 0, '' or []). */
function tenantValue(kind: string, value: unknown, formatDate: (unixSeconds: number) => string): string {
  if (kind === 'datetime') return typeof value === 'number' && value > 0 ? formatDate(value) : ''
  if (kind === 'number') return typeof value === 'number' && value !== 0 ? String(value) : ''
  return typeof value === 'string' ? value.trim() : ''
}
