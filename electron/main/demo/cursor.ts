/**
 * List cursors. The document's cursor is base64 of a JSON pair, the sort value of the last row and
 * `collection#id` (its example decodes to [1542350478,"crm_clients#6469…"]). Ours has the same shape:
 * a keyset position, so paging stays stable while records are created or deleted between pages.
 */
export interface CursorKey {
  value: number | string
  id: bigint
}

const COLLECTION = 'crm_followup_records'
const ID_TAG = new RegExp(`^${COLLECTION}#(\\d{1,19})$`)

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify([key.value, `${COLLECTION}#${key.id}`]), 'utf8').toString('base64')
}

/** Undefined when the text is not a cursor this server wrote. */
export function decodeCursor(cursor: string): CursorKey | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(cursor)) return undefined
  let decoded: unknown
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8'))
  } catch {
    return undefined
  }
  if (!Array.isArray(decoded) || decoded.length !== 2) return undefined
  const [value, tag] = decoded as unknown[]
  const match = typeof tag === 'string' ? ID_TAG.exec(tag) : null
  if (!match?.[1]) return undefined
  if (typeof value === 'string' || (typeof value === 'number' && Number.isSafeInteger(value))) {
    return { value, id: BigInt(match[1]) }
  }
  return undefined
}
