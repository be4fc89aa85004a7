import type { FollowupRecord, NewRecordInput } from '../../shared/records'

/**
 * Whether a server row is what this create would have produced. Content is compared as sent and,
 * failing that, with whitespace folded, since a server may trim or normalise what it stores.
 */
export function rowMatchesCreate(row: FollowupRecord, payload: NewRecordInput): boolean {
  return (
    row.cle_id === payload.cle_id &&
    Number(row.record_type) === payload.record_type &&
    optyOf(row.opty_id) === optyOf(payload.opty_id) &&
    sameContent(row.record_content, payload.record_content)
  )
}

/** Some tenants write 0 for "no opportunity". */
const optyOf = (id: string | undefined) => (id && id !== '0' ? id : '')

function sameContent(stored: unknown, sent: string): boolean {
  if (stored === sent) return true
  return typeof stored === 'string' && fold(stored) === fold(sent)
}

const fold = (text: string) => text.replace(/\s+/g, ' ').trim()
