import type { AccountSummary, SessionInfo, SignInRequest } from '../shared/ipc'
import { createAuthedClient, createTokenSource, passwordGrant, type AccountConfig, type TokenSet } from './crm/auth'
import type { CrmClient } from './crm/client'
import { CrmApiError } from './crm/errors'
import type { Logger } from './logging/logger'
import type { SecretVault } from './secrets/vault'

/** Where the built-in demo server listens, once started. */
export interface DemoEndpoint {
  url: string
  tokenUrl: string
  account: { clientId: string; clientSecret: string; enterpriseCode: string; agentNo: string; password: string }
}

export interface SessionDeps {
  /** Starts the demo e-CRM server on first use and returns where it listens. */
  startDemo: () => Promise<DemoEndpoint>
  /** Told whenever the session changes, so the renderer and the sync engine can follow. */
  onChange: (session: SessionInfo) => void
  /** Where the session is kept across restarts (encrypted by the OS). Without one, nothing is kept. */
  vault?: SecretVault
  /** Told every secret as it becomes known, so it never reaches a log line. */
  log?: Pick<Logger, 'addSecret'>
  timeoutMs?: number
}

interface ActiveSession {
  summary: AccountSummary
  client: CrmClient
}

/**
 * The signed-in account and the API client bound to it. Tokens live here, in main, and nowhere
 * else; the renderer only ever sees the password-free summary.
 */
export function createSessionManager(deps: SessionDeps) {
  let active: ActiveSession | null = null
  let signedOutReason: 'expired' | 'user' | undefined

  function info(): SessionInfo {
    if (active) return { state: 'signed_in', account: active.summary }
    return signedOutReason ? { state: 'signed_out', reason: signedOutReason } : { state: 'signed_out' }
  }

  function changed(): SessionInfo {
    const now = info()
    deps.onChange(now)
    return now
  }

  const timeout = deps.timeoutMs === undefined ? {} : { timeoutMs: deps.timeoutMs }

  function hideTokens(tokens: TokenSet): void {
    deps.log?.addSecret(tokens.accessToken)
    deps.log?.addSecret(tokens.refreshToken)
  }

  /** Persistence is best effort: failing to keep the session costs a sign-in at the next start, nothing more. */
  function keep(account: AccountConfig, demo: boolean, tokens: TokenSet, remember: boolean): Promise<void> {
    hideTokens(tokens)
    if (!deps.vault) return Promise.resolve()
    const saving = remember ? deps.vault.save({ account, demo, tokens }) : deps.vault.clear()
    return saving.catch(() => undefined)
  }

  async function signIn(request: SignInRequest, demo: boolean): Promise<SessionInfo> {
    const account: AccountConfig = {
      baseUrl: request.baseUrl.trim().replace(/\/+$/, ''),
      tokenUrl: request.tokenUrl.trim(),
      clientId: request.clientId,
      clientSecret: request.clientSecret,
      enterpriseCode: request.enterpriseCode.trim(),
      agentNo: request.agentNo.trim(),
    }
    deps.log?.addSecret(request.password)
    deps.log?.addSecret(account.clientSecret)
    const tokens = await passwordGrant(account, request.password, timeout)
    const remember = request.remember ?? true
    // Kept before the app says "signed in", so quitting right away still keeps the session.
    await keep(account, demo, tokens, remember)
    return activate(account, demo, tokens, remember)
  }

  function activate(account: AccountConfig, demo: boolean, tokens: TokenSet, remember: boolean): SessionInfo {
    const session: ActiveSession = {
      summary: { baseUrl: account.baseUrl, enterpriseCode: account.enterpriseCode, agentNo: account.agentNo, demo },
      client: createAuthedClient({
        account,
        ...timeout,
        tokenSource: createTokenSource({
          account,
          tokens,
          ...timeout,
          onTokens: (next) => void keep(account, demo, next, remember),
          onSignedOut: () => {
            if (active !== session) return
            active = null
            signedOutReason = 'expired'
            void deps.vault?.clear().catch(() => undefined)
            changed()
          },
        }),
      }),
    }
    active = session
    signedOutReason = undefined
    return changed()
  }


  async function signInDemo(): Promise<SessionInfo> {
    const demo = await deps.startDemo()
    return signIn({ baseUrl: demo.url, tokenUrl: demo.tokenUrl, ...demo.account }, true)
  }

  /**
   * Signs back in from the vault at start-up, without the network: the stored tokens are used
   * until they need a refresh. The demo server listens on a new port each run, so a demo session
   * is started afresh instead.
   */
  async function restore(): Promise<SessionInfo> {
    const stored = await deps.vault?.load().catch(() => null)
    if (!stored || active) return info()
    if (stored.demo) return signInDemo().catch(() => info())
    hideTokens(stored.tokens)
    deps.log?.addSecret(stored.account.clientSecret)
    return activate(stored.account, false, stored.tokens, true)
  }

  return {
    info,
    restore,
    signIn: (request: SignInRequest) => signIn(request, false),
    signInDemo,
    async signOut(): Promise<SessionInfo> {
      active = null
      signedOutReason = 'user'
      await deps.vault?.clear().catch(() => undefined)
      return changed()
    },
    /** The signed-in account's client, refreshing its token as needed. */
    client(): CrmClient {
      if (!active) throw new CrmApiError('auth', 'Not signed in')
      return active.client
    },
  }
}

export type SessionManager = ReturnType<typeof createSessionManager>
