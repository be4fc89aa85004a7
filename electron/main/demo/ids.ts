/**
 * Ids as clients send them. The document lets tools that overflow int64 send ids as decimal
 * strings, and a correct client sends bare JSON integers that the big-number codec parses into
 * BigInts; both must land on the exact same id.
 */
const MAX_INT64 = (1n << 63n) - 1n

export function parseId(value: unknown): bigint | undefined {
  let id: bigint
  if (typeof value === 'bigint') id = value
  // A plain number is exact only below 2^53; larger ones were already rounded by whoever sent them.
  else if (typeof value === 'number' && Number.isSafeInteger(value)) id = BigInt(value)
  else if (typeof value === 'string' && /^\d{1,19}$/.test(value.trim())) id = BigInt(value.trim())
  else return undefined
  return id > 0n && id <= MAX_INT64 ? id : undefined
}
