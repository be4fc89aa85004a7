export interface BackoffOptions {
  baseMs: number
  maxMs: number
  /** Returns [0, 1). Injected so tests are reproducible. */
  random?: () => number
}

/**
 * Exponential backoff with "full jitter" (a random delay between half and all of the doubled step),
 * so a fleet of laptops coming back online together does not hammer the CRM in lockstep.
 */
export function createBackoff({ baseMs, maxMs, random = Math.random }: BackoffOptions) {
  let failures = 0
  return {
    /** The delay before the next attempt, growing with each consecutive failure. */
    next(atLeastMs = 0): number {
      const step = Math.min(maxMs, baseMs * 2 ** failures)
      failures += 1
      const jittered = step / 2 + random() * (step / 2)
      return Math.max(Math.round(jittered), Math.min(atLeastMs, maxMs * 4))
    },
    /** The server answered: start again from the base delay. */
    reset(): void {
      failures = 0
    },
    get failures(): number {
      return failures
    },
  }
}

export type Backoff = ReturnType<typeof createBackoff>
