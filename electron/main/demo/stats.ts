/** Counters tests read to see what the server really did, e.g. that a lost answer still committed. */
import type { FaultKind } from './faults'

export interface DemoStats {
  /** Every HTTP request received, token endpoint included. */
  requests: number
  /** Records created through the API (not createDirect). */
  createsCommitted: number
  /** Records deleted through the API (not deleteDirect); ids that did not exist are not counted. */
  deletesCommitted: number
  /** Faults injected, by kind. */
  faults: Record<FaultKind, number>
}

export function createStats(): DemoStats {
  return {
    requests: 0,
    createsCommitted: 0,
    deletesCommitted: 0,
    faults: {
      latency: 0,
      resetBefore: 0,
      rateLimit: 0,
      serverError: 0,
      envelopeError: 0,
      resetAfterCommit: 0,
      truncate: 0,
      slowBody: 0,
    },
  }
}
