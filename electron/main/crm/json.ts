/**
 * The JSON codec for the e-CRM API. Its ids are int64s that `JSON.parse` silently rounds, so every
 * body goes through here: ids come out as exact decimal strings and go back in as exact JSON integers.
 */
import JSONbig from 'json-bigint'

/** Fields that hold a 64-bit id wherever they appear (records, `client`, `opportunity`, answers). */
const ID_FIELDS: ReadonlySet<string> = new Set(['_id', 'id', 'cle_id', 'opty_id'])

const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n

// BigNumber (the default, not native BigInt) because json-bigint hands every literal longer than
// 15 characters to the big type, decimals included, and `BigInt('1543043660.1234567')` throws.
// `__proto__` keys are dropped, so a hostile body cannot reach an object's prototype later on
// (e.g. through `Object.assign`). `constructor` keys are harmless on the plain objects built below.
const bigParser = JSONbig({ protoAction: 'ignore', constructorAction: 'preserve' })

/** The part of bignumber.js we use. Not imported: json-bigint owns that dependency. */
interface BigNumberLike {
  isInteger(): boolean
  toFixed(): string
  toNumber(): number
}

/**
 * json-bigint produces only primitives, arrays, null-prototype objects and BigNumbers, so a
 * `_isBigNumber` flag on an object WITH a prototype cannot have come from the text itself.
 */
function isBigNumber(value: object): value is BigNumberLike {
  return Object.getPrototypeOf(value) !== null && (value as { _isBigNumber?: unknown })._isBigNumber === true
}

function reviveNumber(value: number, isId: boolean): number | string {
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
    // Only a short literal with an exponent (`1e16`) gets here as a number; keep big integers uniform.
    return BigInt(value).toString()
  }
  return isId ? String(value) : value
}

function reviveBig(value: BigNumberLike, isId: boolean): number | string {
  if (isId) return value.toFixed()
  if (value.isInteger()) {
    const n = value.toNumber()
    return Number.isSafeInteger(n) ? n : value.toFixed()
  }
  return value.toNumber()
}

function revive(value: unknown, isId: boolean): unknown {
  if (typeof value === 'number') return reviveNumber(value, isId)
  if (typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) return value.map((item) => revive(item, false))
  if (isBigNumber(value)) return reviveBig(value, isId)
  // Rebuilt as ordinary objects: null-prototype ones surprise later code (`String(x)`, `x.hasOwnProperty`).
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) out[key] = revive(item, ID_FIELDS.has(key))
  return out
}

/**
 * Parses a JSON text. The id fields `_id`, `id`, `cle_id`, `opty_id` become exact decimal strings,
 * whether the text has them as numbers or strings; any other integer beyond 2^53 becomes a decimal
 * string too; other numbers stay numbers. Keys are kept verbatim (tenant fields are named like
 * `input_6470108518023413761`). Throws a SyntaxError on invalid JSON.
 */
export function parseJson(text: string): unknown {
  let parsed: unknown
  try {
    parsed = bigParser.parse(text)
  } catch (err) {
    // json-bigint throws a plain `{ name, message, at, text }` object, not an Error; its `text`
    // is the whole body, which has no place in a message.
    if (err instanceof Error) throw err
    const { message, at } = err as { message?: unknown; at?: unknown }
    throw new SyntaxError(`Invalid JSON: ${String(message)} at position ${String(at)} of ${text.length}`)
  }
  return revive(parsed, false)
}

/** Whether `s` is a decimal int64: at most 19 digits, optional minus sign, within [-2^63, 2^63-1]. */
export function isInt64String(s: string): boolean {
  if (!/^-?\d{1,19}$/.test(s)) return false
  const n = BigInt(s)
  return n >= INT64_MIN && n <= INT64_MAX
}

/**
 * Turns an id held as a decimal string into a value that `stringifyJson` writes as a bare JSON
 * integer, without going through a JS number. Throws a RangeError for anything but an int64.
 */
export function toJsonInt64(id: string): bigint {
  if (typeof id !== 'string' || !isInt64String(id)) {
    throw new RangeError(`Not a 64-bit integer id: ${JSON.stringify(String(id)).slice(0, 40)}`)
  }
  return BigInt(id)
}

function refuseLossyNumbers(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) {
    throw new RangeError(`Refusing to serialize ${value}: an integer beyond 2^53 has already lost precision`)
  }
  return value
}

/**
 * Serializes a request body. Bigints (see `toJsonInt64`) are written as exact JSON integers;
 * JS numbers past 2^53 are refused, since they are already rounded.
 */
export function stringifyJson(value: unknown): string {
  return JSONbig.stringify(value, refuseLossyNumbers)
}
