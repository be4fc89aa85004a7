export const REDACTED = '[REDACTED]'

/** Key names whose values are secrets, compared lower-case with separators removed ("access-token", "refresh_token"). */
const SECRET_KEY_ENDINGS = ['password', 'passwd', 'secret', 'token', 'authorization', 'cookie', 'apikey', 'credential', 'credentials']

export function isSecretKey(key: string): boolean {
  const normalized = key.toLowerCase().replace(/[^a-z]/g, '')
  return SECRET_KEY_ENDINGS.some((ending) => normalized.endsWith(ending))
}

const KEY = String.raw`[\w.-]*?(?:password|passwd|secret|token|authorization|cookie|api[-_]?key|credentials?)`
const VALUE = String.raw`"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|(?:Bearer|Basic|Digest)\s+[^\s,;&"']+|[^\s&,;"'}\])]+`

/**
 * Secrets as they show up in text: `key=value` (form bodies, query strings), `"key": "value"`
 * (JSON bodies), `key: value` (header dumps, inspected objects), auth schemes, JWTs, and
 * credentials inside URLs. Each keeps its key so that a log still says what was there.
 */
const TEXT_RULES: readonly { pattern: RegExp; replace: (match: string, ...groups: string[]) => string }[] = [
  {
    pattern: new RegExp(String.raw`(["']?)(${KEY})\1(\s*[:=]\s*)(${VALUE})`, 'gi'),
    replace: (_m, quote = '', key = '', separator = '', value = '') => {
      const q = value.startsWith('"') ? '"' : value.startsWith("'") ? "'" : ''
      return `${quote}${key}${quote}${separator}${q}${REDACTED}${q}`
    },
  },
  { pattern: /\b(Bearer|Basic|Digest)\s+(?!\[REDACTED\])[A-Za-z0-9._~+/=-]{4,}/gi, replace: (_m, scheme = '') => `${scheme} ${REDACTED}` },
  { pattern: /\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g, replace: () => REDACTED },
  { pattern: /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+:[^\s/@]+@/gi, replace: (_m, scheme = '') => `${scheme}${REDACTED}@` },
]

const MAX_DEPTH = 8
/** Registered secrets shorter than this would blank out ordinary words. */
const MIN_SECRET_LENGTH = 6

export interface Redactor {
  /** Scrubs this exact value wherever it appears from now on (tokens and passwords as they become known). */
  addSecret(value: string | undefined): void
  redactText(text: string): string
  /** A scrubbed copy of any value, ready to be serialized. The original is not touched. */
  redact(value: unknown): unknown
}

export function createRedactor(): Redactor {
  const secrets = new Set<string>()

  function redactText(text: string): string {
    let out = text
    for (const secret of secrets) out = out.split(secret).join(REDACTED)
    for (const rule of TEXT_RULES) out = out.replace(rule.pattern, rule.replace)
    return out
  }

  function redactError(error: Error, depth: number, seen: WeakSet<object>): Error {
    const copy = new Error(redactText(error.message))
    copy.name = error.name
    copy.stack = error.stack === undefined ? undefined : redactText(error.stack)
    if (error.cause !== undefined) copy.cause = redactAt(error.cause, depth + 1, seen)
    for (const [key, value] of Object.entries(error)) {
      ;(copy as unknown as Record<string, unknown>)[key] = isSecretKey(key) ? REDACTED : redactAt(value, depth + 1, seen)
    }
    return copy
  }

  function redactAt(value: unknown, depth: number, seen: WeakSet<object>): unknown {
    if (typeof value === 'string') return redactText(value)
    if (typeof value === 'function') return '[Function]'
    if (typeof value !== 'object' || value === null) return value
    if (depth > MAX_DEPTH) return '[…]'
    if (seen.has(value)) return '[Circular]'
    seen.add(value)
    // Bodies as bytes could hold anything; their size is what a log needs.
    if (value instanceof Uint8Array || value instanceof ArrayBuffer) return `[${value.byteLength} bytes]`
    if (value instanceof Error) return redactError(value, depth, seen)
    if (value instanceof URL || value instanceof URLSearchParams) return redactText(value.toString())
    if (value instanceof Date) return value
    if (Array.isArray(value)) return value.map((item) => redactAt(item, depth + 1, seen))
    if (value instanceof Map) {
      return new Map(
        [...value].map(([key, item]) => [key, typeof key === 'string' && isSecretKey(key) ? REDACTED : redactAt(item, depth + 1, seen)]),
      )
    }
    const copy: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) {
      copy[key] = isSecretKey(key) ? REDACTED : redactAt(item, depth + 1, seen)
    }
    return copy
  }

  return {
    addSecret(value) {
      if (typeof value === 'string' && value.length >= MIN_SECRET_LENGTH) secrets.add(value)
    },
    redactText,
    redact: (value) => redactAt(value, 0, new WeakSet()),
  }
}
