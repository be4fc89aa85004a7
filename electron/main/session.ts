import type { AccountSummary, SessionInfo, SignInRequest } from '../shared/ipc'
import { createAuthedClient, createTokenSource, passwordGrant, type AccountConfig } from './crm/auth'
import type { CrmClient } from './crm/client'
import { CrmApiError } from './crm/errors'

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

  async function signIn(request: SignInRequest, demo: boolean): Promise<SessionInfo> {
    const account: AccountConfig = {
      baseUrl: request.baseUrl.trim().replace(/\/+$/, ''),
      tokenUrl: request.tokenUrl.trim(),
      clientId: request.clientId,
      clientSecret: request.clientSecret,
      enterpriseCode: request.enterpriseCode.trim(),
      agentNo: request.agentNo.trim(),
    }
    const timeout = deps.timeoutMs === undefined ? {} : { timeoutMs: deps.timeoutMs }
    const tokens = await passwordGrant(account, request.password, timeout)
    const session: ActiveSession = {
      summary: { baseUrl: account.baseUrl, enterpriseCode: account.enterpriseCode, agentNo: account.agentNo, demo },
      client: createAuthedClient({
        account,
        ...timeout,
        tokenSource: createTokenSource({
          account,
          tokens,
          ...timeout,
          onSignedOut: () => {
            if (active !== session) return
            active = null
            signedOutReason = 'expired'
            changed()
          },
        }),
      }),
    }
    active = session
    signedOutReason = undefined
    return changed()
  }

  return {
    info,
    signIn: (request: SignInRequest) => signIn(request, false),
    async signInDemo(): Promise<SessionInfo> {
      const demo = await deps.startDemo()
      return signIn({ baseUrl: demo.url, tokenUrl: demo.tokenUrl, ...demo.account }, true)
    },
    signOut(): SessionInfo {
      active = null
      signedOutReason = 'user'
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
