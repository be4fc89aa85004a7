/**
 * Sign-in (OAuth2 password grant) and the access-token source that keeps it fresh.
 * Tokens, passwords and the client secret never appear in messages or logs.
 */
import type { Dispatcher } from 'undici'
import { CrmApiError, DEFAULT_TIMEOUT_MS, createCrmClient, sendHttp, type CrmClient, type HttpAnswer } from './client'
import { parseJson } from './json'

export interface AccountConfig {
  /** API base, e.g. https://e-crm.icsoc.net/openapi/v1 */
  baseUrl: string
  /** e.g. https://account.icsoc.net/oauth2/token */
  tokenUrl: string
  clientId: string
  clientSecret: string
  /** 企业代码 */
  enterpriseCode: string
  /** 工号 */
  agentNo: string
}

export interface TokenSet {
  accessToken: string
  refreshToken?: string
  /** Epoch ms. */
  expiresAt: number
}

export type SignInErrorKind = 'wrong_password' | 'bad_client' | 'unreachable' | 'server' | 'bad_response'

export class SignInError extends Error {
  override readonly name = 'SignInError'
  readonly kind: SignInErrorKind
  /** HTTP status of the token endpoint's answer, when there was one. */
  readonly status?: number
  /** The OAuth `error` code (`invalid_grant`, ...), when the server sent one. */
  readonly oauthError?: string

  constructor(kind: SignInErrorKind, message: string, details: { status?: number; oauthError?: string; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause })
    this.kind = kind
    if (details.status !== undefined) this.status = details.status
    if (details.oauthError !== undefined) this.oauthError = details.oauthError
  }
}

export interface GrantOptions {
  dispatcher?: Dispatcher
  timeoutMs?: number
  now?: () => number
}

/** The vendor documents `expires_in: 86400`; used when an answer leaves it out. */
const DEFAULT_EXPIRES_IN_SEC = 86_400

const OAUTH_ERROR_KINDS: Record<string, SignInErrorKind> = {
  invalid_grant: 'wrong_password',
  invalid_client: 'bad_client',
  unauthorized_client: 'bad_client',
  unsupported_grant_type: 'bad_client',
  invalid_scope: 'bad_client',
}

const KIND_MESSAGES: Record<SignInErrorKind, string> = {
  wrong_password: 'Wrong enterprise code, agent number or password',
  bad_client: 'The app is not accepted by the sign-in server (check client id and secret)',
  unreachable: 'The sign-in server cannot be reached',
  server: 'The sign-in server failed',
  bad_response: 'The sign-in server gave an answer that cannot be understood',
}

function toTokenSet(answer: HttpAnswer, previous: TokenSet | undefined, now: number): TokenSet {
  let body: unknown
  try {
    body = parseJson(answer.text)
  } catch {
    body = undefined
  }
  const fields = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined
  const { status } = answer

  if (status >= 200 && status < 300 && fields && typeof fields.access_token === 'string' && fields.access_token !== '') {
    const expiresIn = typeof fields.expires_in === 'number' && fields.expires_in > 0 ? fields.expires_in : DEFAULT_EXPIRES_IN_SEC
    const refreshToken = typeof fields.refresh_token === 'string' && fields.refresh_token !== '' ? fields.refresh_token : previous?.refreshToken
    return {
      accessToken: fields.access_token,
      ...(refreshToken === undefined ? {} : { refreshToken }),
      expiresAt: now + expiresIn * 1000,
    }
  }

  const oauthError = typeof fields?.error === 'string' ? fields.error : undefined
  const description = typeof fields?.error_description === 'string' ? `: ${fields.error_description}` : ''
  let kind: SignInErrorKind
  if (oauthError) kind = OAUTH_ERROR_KINDS[oauthError] ?? (status >= 500 ? 'server' : 'bad_response')
  else if (status === 401) kind = 'bad_client' // RFC 6749 §5.2: client authentication failed
  else if (status >= 500 || !fields) kind = 'server' // gateways and portals answer with HTML
  else kind = 'bad_response'
  const detail = oauthError ? ` (${oauthError}${description})` : ` (HTTP ${status})`
  throw new SignInError(kind, KIND_MESSAGES[kind] + detail, { status, ...(oauthError ? { oauthError } : {}) })
}

async function tokenRequest(account: AccountConfig, form: Record<string, string>, previous: TokenSet | undefined, opts: GrantOptions): Promise<TokenSet> {
  const now = opts.now ?? Date.now
  let answer: HttpAnswer
  try {
    answer = await sendHttp(new URL(account.tokenUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      what: 'POST token',
      ...(opts.dispatcher ? { dispatcher: opts.dispatcher } : {}),
    })
  } catch (err) {
    // sendHttp throws network/timeout, or bad_response for an answer cut off mid-body.
    const kind = err instanceof CrmApiError && err.kind === 'bad_response' ? 'bad_response' : 'unreachable'
    const reason = err instanceof Error ? ` (${err.message})` : ''
    throw new SignInError(kind, KIND_MESSAGES[kind] + reason, { cause: err })
  }
  return toTokenSet(answer, previous, now())
}

/** Signs in with 企业代码|工号 and a password. */
export function passwordGrant(account: AccountConfig, password: string, opts: GrantOptions = {}): Promise<TokenSet> {
  return tokenRequest(
    account,
    {
      client_id: account.clientId,
      client_secret: account.clientSecret,
      grant_type: 'password',
      username: `${account.enterpriseCode}|${account.agentNo}`,
      password,
      scope: 'openid',
    },
    undefined,
    opts,
  )
}

/** Trades the refresh token for a new access token; keeps the old refresh token if none comes back. */
export function refreshGrant(account: AccountConfig, tokens: TokenSet & { refreshToken: string }, opts: GrantOptions = {}): Promise<TokenSet> {
  return tokenRequest(
    account,
    {
      grant_type: 'refresh_token',
      refresh_token: tokens.refreshToken,
      client_id: account.clientId,
      client_secret: account.clientSecret,
    },
    tokens,
    opts,
  )
}

// ---------------------------------------------------------------------------------------------
// The token source

export interface TokenSourceOptions extends GrantOptions {
  account: AccountConfig
  tokens: TokenSet
  /** Called with every new token set, to persist it. */
  onTokens?: (tokens: TokenSet) => void
  /** Called once, when the server has refused the refresh token: the user must sign in again. */
  onSignedOut?: () => void
  /** How long before expiry to refresh. Default 5 minutes (capped at half the token's lifetime). */
  refreshAheadMs?: number
}

export interface TokenSource {
  /** The current access token, refreshed first when expiry is near. Concurrent callers share one refresh. */
  getAccessToken(): Promise<string>
  /** Refreshes now (sharing a refresh already under way) and returns the new access token. */
  forceRefresh(): Promise<string>
  /**
   * Runs `call`; if it fails with kind 'auth', refreshes once and runs it once more. Safe for
   * POST too: a refused token means the request was not processed.
   */
  withAuthRetry<T>(call: () => Promise<T>): Promise<T>
  readonly state: 'signed_in' | 'signed_out'
}

const DEFAULT_REFRESH_AHEAD_MS = 5 * 60_000

/**
 * Holds the tokens of one signed-in account. Only a definite refusal of the refresh token (or
 * having none once the access token has expired) signs out; a refresh that fails because the
 * network is down leaves the session alone and rejects with that retryable error, since this
 * app must keep working offline.
 */
export function createTokenSource(opts: TokenSourceOptions): TokenSource {
  const now = opts.now ?? Date.now
  const refreshAheadMs = opts.refreshAheadMs ?? DEFAULT_REFRESH_AHEAD_MS
  let tokens = opts.tokens
  // When the current tokens were received, to cap the refresh-ahead margin for short-lived
  // tokens (otherwise a 60 s token would be refreshed on every call).
  let receivedAt = now()
  let state: 'signed_in' | 'signed_out' = 'signed_in'
  let refreshing: Promise<TokenSet> | null = null

  function signedOutError(): CrmApiError {
    return new CrmApiError('auth', 'Signed out: the session has ended, sign in again')
  }

  function signOut(): CrmApiError {
    if (state === 'signed_in') {
      state = 'signed_out'
      opts.onSignedOut?.()
    }
    return signedOutError()
  }

  async function refreshOnce(): Promise<TokenSet> {
    const { refreshToken } = tokens
    if (!refreshToken) throw signOut()
    let next: TokenSet
    try {
      next = await refreshGrant(opts.account, { ...tokens, refreshToken }, opts)
    } catch (err) {
      if (!(err instanceof SignInError)) throw err
      if (err.kind === 'wrong_password' || err.kind === 'bad_client') throw signOut()
      const kind = err.kind === 'unreachable' ? 'network' : err.kind === 'server' ? 'server' : 'bad_response'
      throw new CrmApiError(kind, `Token refresh failed: ${err.message}`, {
        retryable: true,
        ...(err.status === undefined ? {} : { status: err.status }),
        cause: err,
      })
    }
    tokens = next
    receivedAt = now()
    try {
      opts.onTokens?.(next)
    } catch {
      // Failing to persist costs at most a sign-in at the next start; the session goes on.
    }
    return next
  }

  function refresh(): Promise<TokenSet> {
    refreshing ??= refreshOnce().finally(() => {
      refreshing = null
    })
    return refreshing
  }

  function needsRefresh(): boolean {
    const margin = Math.min(refreshAheadMs, Math.max(0, (tokens.expiresAt - receivedAt) / 2))
    return now() >= tokens.expiresAt - margin
  }

  async function getAccessToken(): Promise<string> {
    if (state === 'signed_out') throw signedOutError()
    if (!needsRefresh()) return tokens.accessToken
    try {
      return (await refresh()).accessToken
    } catch (err) {
      // Refreshing ahead is opportunistic: while the token is still valid, a failed refresh can wait.
      if (state === 'signed_in' && now() < tokens.expiresAt) return tokens.accessToken
      throw err
    }
  }

  async function forceRefresh(): Promise<string> {
    if (state === 'signed_out') throw signedOutError()
    return (await refresh()).accessToken
  }

  async function withAuthRetry<T>(call: () => Promise<T>): Promise<T> {
    const used = await getAccessToken()
    try {
      return await call()
    } catch (err) {
      if (!(err instanceof CrmApiError) || err.kind !== 'auth' || state === 'signed_out') throw err
      // Another call may have refreshed while this one was in flight; then its token is enough.
      if (tokens.accessToken === used) await forceRefresh()
      return call()
    }
  }

  return {
    getAccessToken,
    forceRefresh,
    withAuthRetry,
    get state() {
      return state
    },
  }
}

export interface AuthedClientOptions {
  account: AccountConfig
  tokenSource: TokenSource
  timeoutMs?: number
  dispatcher?: Dispatcher
}

/** A CrmClient whose every call goes through `tokenSource.withAuthRetry`. */
export function createAuthedClient(opts: AuthedClientOptions): CrmClient {
  const { tokenSource } = opts
  const client = createCrmClient({
    baseUrl: opts.account.baseUrl,
    getAccessToken: () => tokenSource.getAccessToken(),
    ...(opts.timeoutMs === undefined ? {} : { timeoutMs: opts.timeoutMs }),
    ...(opts.dispatcher ? { dispatcher: opts.dispatcher } : {}),
  })
  return {
    recordTypes: () => tokenSource.withAuthRetry(() => client.recordTypes()),
    listRecords: (q) => tokenSource.withAuthRetry(() => client.listRecords(q)),
    getRecord: (id) => tokenSource.withAuthRetry(() => client.getRecord(id)),
    createRecord: (input) => tokenSource.withAuthRetry(() => client.createRecord(input)),
    deleteRecords: (ids) => tokenSource.withAuthRetry(() => client.deleteRecords(ids)),
  }
}
