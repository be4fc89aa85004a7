/**
 * The one error type the e-CRM client throws, and the mapping from transport failures to it.
 * Callers decide on retries from `kind`/`retryable`, never from message text.
 */

export type CrmErrorKind = 'network' | 'timeout' | 'auth' | 'rate_limited' | 'server' | 'rejected' | 'bad_response'

export interface CrmApiErrorDetails {
  /** Defaults by kind: network, timeout, rate_limited and server are retryable; the rest are not. */
  retryable?: boolean
  /** HTTP status, when an answer arrived. */
  status?: number
  /** The envelope's `code`, when the answer had one. */
  code?: number
  /** For `rate_limited`: how long the server asked us to wait (Retry-After), in ms. */
  retryAfterMs?: number
  /** The server said the record does not exist (detail or delete of a vanished id). */
  notFound?: boolean
  /**
   * The request certainly never left this machine (connection refused, DNS failure, connect
   * timeout), so even a create can be sent again without risking a duplicate.
   */
  notSent?: boolean
  cause?: unknown
}

const RETRYABLE_BY_KIND: Record<CrmErrorKind, boolean> = {
  network: true,
  timeout: true,
  rate_limited: true,
  server: true,
  auth: false,
  rejected: false,
  bad_response: false,
}

export class CrmApiError extends Error {
  override readonly name = 'CrmApiError'
  readonly kind: CrmErrorKind
  readonly retryable: boolean
  readonly status?: number
  readonly code?: number
  readonly retryAfterMs?: number
  readonly notFound?: boolean
  readonly notSent?: boolean

  constructor(kind: CrmErrorKind, message: string, details: CrmApiErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause })
    this.kind = kind
    this.retryable = details.retryable ?? RETRYABLE_BY_KIND[kind]
    if (details.status !== undefined) this.status = details.status
    if (details.code !== undefined) this.code = details.code
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs
    if (details.notFound) this.notFound = true
    if (details.notSent) this.notSent = true
  }
}

/** Failures before a connection exists: nothing was sent. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT'])
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'])

/** The system or undici error code, looking inside the AggregateError of a multi-address connect too. */
function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined
  const { code, errors, cause } = err as { code?: unknown; errors?: unknown; cause?: unknown }
  if (typeof code === 'string') return code
  if (Array.isArray(errors) && errors.length > 0) return errorCode(errors[0])
  return cause === err ? undefined : errorCode(cause)
}

/**
 * Maps an error thrown while sending a request or reading its answer (refused, reset, closed
 * socket, DNS failure, undici's own timeouts) to a retryable `network` or `timeout` error.
 */
export function transportError(err: unknown, what: string): CrmApiError {
  const code = errorCode(err)
  const reason = err instanceof Error ? err.message : String(err)
  const detail = code && !reason.includes(code) ? `${code}: ${reason}` : reason
  const kind = code && TIMEOUT_CODES.has(code) ? 'timeout' : 'network'
  return new CrmApiError(kind, `${what}: ${kind === 'timeout' ? 'timed out' : 'connection failed'} (${detail})`, {
    notSent: code !== undefined && NOT_SENT_CODES.has(code),
    cause: err,
  })
}
