/**
 * The wire codec. Plain JSON.parse rounds 19-digit ids, so bodies go through json-bigint with
 * native BigInts: BigInt values are written as bare JSON integers, and integers longer than 15
 * digits are read back as BigInts.
 */
import JSONbig from 'json-bigint'

const codec = JSONbig({ useNativeBigInt: true })

export function toJson(value: unknown): string {
  return codec.stringify(value)
}

/** Throws on malformed JSON, and on `__proto__` / `constructor` keys (json-bigint's default). */
export function fromJson(text: string): unknown {
  return codec.parse(text)
}
