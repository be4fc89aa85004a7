/**
 * Network and server trouble the demo can inject, so the API client and the sync engine are
 * tested against what a mobile connection and a busy vendor really do. Decisions come from their
 * own seeded PRNG, reseeded on every settings change, so a test run replays exactly.
 */
import { createPrng, type Prng } from './prng'

export interface FaultSettings {
  /** Added before each request is handled. */
  latencyMs: number
  /** 0..1: HTTP 500, 502 (an HTML gateway page) or 503. */
  serverErrorRate: number
  /** 0..1: HTTP 429 with a Retry-After header. */
  rateLimitRate: number
  retryAfterSec: number
  /** 0..1: HTTP 200 with the envelope `{"code":500,"message":"系统繁忙，请稍后再试"}`. */
  envelopeErrorRate: number
  /** 0..1: the socket is destroyed before the request is handled; nothing is committed. */
  resetBeforeRate: number
  /** 0..1, POST and DELETE only: the request is committed, then the socket is destroyed unanswered. */
  resetAfterCommitRate: number
  /** 0..1: the answer stops half-way through its body and the connection is cut. */
  truncateRate: number
  /** The body is trickled in chunks over this many ms. */
  slowBodyMs: number
  seed: number
  /**
   * Restricts all of the above to matching requests. Paths are relative to the API base
   * ('/followupRecord'), or '/oauth2/token' for the token endpoint; a trailing '*' matches a prefix
   * ('/followupRecord/*'). Methods are upper-case.
   */
  only?: { methods?: string[]; paths?: string[] } | undefined
}

export const NO_FAULTS: FaultSettings = {
  latencyMs: 0,
  serverErrorRate: 0,
  rateLimitRate: 0,
  retryAfterSec: 1,
  envelopeErrorRate: 0,
  resetBeforeRate: 0,
  resetAfterCommitRate: 0,
  truncateRate: 0,
  slowBodyMs: 0,
  seed: 1,
  // Present, so that setFaults(NO_FAULTS) also clears a scope.
  only: undefined,
}

export type FaultKind =
  | 'latency'
  | 'resetBefore'
  | 'rateLimit'
  | 'serverError'
  | 'envelopeError'
  | 'resetAfterCommit'
  | 'truncate'
  | 'slowBody'

/** What to do to one request. */
export interface FaultPlan {
  latencyMs: number
  resetBefore: boolean
  rateLimit: boolean
  retryAfterSec: number
  serverError: 500 | 502 | 503 | undefined
  envelopeError: boolean
  resetAfterCommit: boolean
  truncate: boolean
  slowBodyMs: number
}

const CLEAN: FaultPlan = {
  latencyMs: 0,
  resetBefore: false,
  rateLimit: false,
  retryAfterSec: 0,
  serverError: undefined,
  envelopeError: false,
  resetAfterCommit: false,
  truncate: false,
  slowBodyMs: 0,
}

const RATES = ['serverErrorRate', 'rateLimitRate', 'envelopeErrorRate', 'resetBeforeRate', 'resetAfterCommitRate', 'truncateRate'] as const
const DURATIONS = ['latencyMs', 'retryAfterSec', 'slowBodyMs'] as const

export class FaultInjector {
  private current: FaultSettings = NO_FAULTS
  private prng: Prng = createPrng(NO_FAULTS.seed)

  constructor(initial: Partial<FaultSettings> = {}) {
    this.update(initial)
  }

  get settings(): FaultSettings {
    return this.current
  }

  /** Merges `changes` into the settings and restarts the dice from the seed. */
  update(changes: Partial<FaultSettings>): void {
    const next: FaultSettings = { ...this.current, ...changes }
    for (const key of RATES) {
      if (!(next[key] >= 0 && next[key] <= 1)) throw new RangeError(`${key} must be within 0..1, got ${next[key]}`)
    }
    for (const key of DURATIONS) {
      if (!(next[key] >= 0 && Number.isFinite(next[key]))) throw new RangeError(`${key} must be a non-negative number, got ${next[key]}`)
    }
    if (!Number.isInteger(next.seed)) throw new RangeError(`seed must be an integer, got ${next.seed}`)
    this.current = next
    this.prng = createPrng(next.seed)
  }

  /**
   * Rolls the dice for one request. A request in scope always takes the same number of draws,
   * whatever the outcome, so the decisions depend only on the order of requests.
   */
  plan(method: string, path: string): FaultPlan {
    if (!this.inScope(method, path)) return CLEAN
    const s = this.current
    const roll = (): number => this.prng.next()
    const resetBefore = roll() < s.resetBeforeRate
    const rateLimit = roll() < s.rateLimitRate
    const serverError = roll() < s.serverErrorRate
    const serverErrorKind = ([500, 502, 503] as const)[Math.floor(roll() * 3)]
    const envelopeError = roll() < s.envelopeErrorRate
    const resetAfterCommit = roll() < s.resetAfterCommitRate
    const truncate = roll() < s.truncateRate
    return {
      latencyMs: s.latencyMs,
      resetBefore,
      rateLimit,
      retryAfterSec: s.retryAfterSec,
      serverError: serverError ? serverErrorKind : undefined,
      envelopeError,
      resetAfterCommit: resetAfterCommit && (method === 'POST' || method === 'DELETE'),
      truncate,
      slowBodyMs: s.slowBodyMs,
    }
  }

  private inScope(method: string, path: string): boolean {
    const only = this.current.only
    if (only?.methods && !only.methods.some((allowed) => allowed.toUpperCase() === method)) return false
    if (only?.paths && !only.paths.some((pattern) => pathMatches(pattern, path))) return false
    return true
  }
}

function pathMatches(pattern: string, path: string): boolean {
  return pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern
}

/**
 * Reads the CLI form `serverErrorRate=0.2,latencyMs=50,methods=POST|DELETE,paths=/followupRecord`
 * (`methods` and `paths` fill `only`). Throws on an unknown key or a non-numeric value.
 */
export function parseFaultSpec(spec: string): Partial<FaultSettings> {
  const settings: Partial<FaultSettings> = {}
  const only: { methods?: string[]; paths?: string[] } = {}
  for (const entry of spec.split(',').map((part) => part.trim()).filter(Boolean)) {
    const [key = '', value = ''] = entry.split('=', 2).map((part) => part.trim())
    if (key === 'methods' || key === 'paths') {
      only[key] = value.split('|').filter(Boolean)
      continue
    }
    if (!(key in NO_FAULTS) || key === 'only') throw new RangeError(`unknown fault setting: ${key}`)
    const number = Number(value)
    if (value === '' || !Number.isFinite(number)) throw new RangeError(`${key} needs a number, got "${value}"`)
    ;(settings as Record<string, number>)[key] = number
  }
  if (only.methods || only.paths) settings.only = only
  return settings
}
