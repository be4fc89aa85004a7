import type { AccountSummary, SessionInfo, SignInRequest } from '../shared/ipc'
import type { RecordType } from '../shared/records'
import { passwordGrant, createTokenSource, type AccountConfig, type TokenSource } from './crm/auth'
import { createCrmClient, type CrmClient } from './crm/client'

/** Where the built-in demo server listens, once started. */
export interface DemoEndpoint {
  url: string
  tokenUrl: string
  account: { clientId: string; clientSecret: string; enterpriseCode: string; agentNo: string; password: string }
}

export interface SessionDeps {
  /** Starts the demo e-CRM server on first use and returns where it listens. */
  startDemo: () => Promise<DemoEndpoint>
  /** Told whenever the session changes, so the renderer can follow. */
  onChange: (session: SessionInfo) => void
  timeoutMs?: number
}

interface ActiveSession {
  account: AccountConfig
  demo: boolean
  tokens: TokenSource
  client: CrmClient
}

export class SignedOutError extends Error {
  readonly kind = 'auth'
  readonly retryable = false
  constructor() {
    super('Not signed in')
  }
}

/**
 * The signed-in account and the API client bound to it. Tokens live here, in main, and nowhere else.
 */
export function createSessionManager(deps: SessionDeps) {
  let active: ActiveSession | null = null
  let signedOutReason: 'expired' | 'user' | undefined

  function info(): SessionInfo {
    if (!active) return signedOutReason ? { state: 'signed_out', reason: signedOutReason } : { state: 'signed_out' }
    const summary: AccountSummary = {
      baseUrl: active.account.baseUrl,
      enterpriseCode: active.account.enterpriseCode,
      agentNo: active.account.agentNo,
      demo: active.demo,
    }
    return { state: 'signed_in', account: summary }
  }

  function changed(): SessionInfo {
    const now = info()
    deps.onChange(now)
    return now
  }

  async function signIn(request: SignInRequest, demo = false): Promise<SessionInfo> {
    const account: AccountConfig = {
      baseUrl: request.baseUrl.replace(/\/+$/, ''),
      tokenUrl: request.tokenUrl,
      clientId: request.clientId,
      clientSecret: request.clientSecret,
      enterpriseCode: request.enterpriseCode.trim(),
      agentNo: request.agentNo.trim(),
    }
    const tokenSet = await passwordGrant(account, request.password, { timeoutMs: deps.timeoutMs })
    const session: ActiveSession = {
      account,
      demo,
      tokens: createTokenSource({
        account,
        tokens: tokenSet,
        timeoutMs: deps.timeoutMs,
        onSignedOut: () => {
          if (active !== session) return
          active = null
          signedOutReason = 'expired'
          changed()
        },
      }),
      client: undefined as unknown as CrmClient,
    }
    session.client = createCrmClient({
      baseUrl: account.baseUrl,
      getAccessToken: () => session.tokens.getAccessToken(),
      timeoutMs: deps.timeoutMs,
    })
    active = session
    signedOutReason = undefined
    return changed()
  }

  function current(): ActiveSession {
    if (!active) throw new SignedOutError()
    return active
  }

  /** Runs one API call with the session's token, refreshing once if the server says it expired. */
  function withClient<T>(call: (client: CrmClient) => Promise<T>): Promise<T> {
    const session = current()
    return session.tokens.withAuthRetry(() => call(session.client))
  }

  return {
    info,
    withClient,
    signIn: (request: SignInRequest) => signIn(request),
    async signInDemo(): Promise<SessionInfo> {
      const demo = await deps.startDemo()
      return signIn({ baseUrl: demo.url, tokenUrl: demo.tokenUrl, ...demo.account }, true)
    },
    signOut(): SessionInfo {
      active = null
      signedOutReason = 'user'
      return changed()
    },
    recordTypes: (): Promise<RecordType[]> => withClient((client) => client.recordTypes()),
  }
}

export type SessionManager = ReturnType<typeof createSessionManager>
