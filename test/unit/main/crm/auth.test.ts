/** Sign-in and the token source over real HTTP against the demo server's OAuth2 endpoint. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  SignInError,
  createAuthedClient,
  createTokenSource,
  passwordGrant,
  type AccountConfig,
  type TokenSet,
  type TokenSourceOptions,
} from '../../../../electron/main/crm/auth'
import { CrmApiError, createCrmClient } from '../../../../electron/main/crm/client'
import { DEMO_ACCOUNT, NO_FAULTS, startDemoServer, type DemoServer } from '../../../../electron/main/demo/server'
import { demoAccountConfig } from '../../../support/demo-account'
import { rejection } from '../../../support/rejection'

let s: DemoServer
let account: AccountConfig

const DAY_MS = 86_400_000
const MINUTE = 60_000

/** A token source on a fresh sign-in, with a clock the test moves. */
async function signedIn(extra: Partial<TokenSourceOptions> = {}) {
  const clock = { now: 1_700_000_000_000 }
  const tokens = await passwordGrant(account, DEMO_ACCOUNT.password, { now: () => clock.now })
  const saved: TokenSet[] = []
  let signedOut = 0
  const source = createTokenSource({
    account,
    tokens,
    now: () => clock.now,
    onTokens: (t) => saved.push(t),
    onSignedOut: () => signedOut++,
    ...extra,
  })
  return { clock, tokens, saved, source, signedOut: () => signedOut }
}

/** Whether the API accepts this access token. */
async function works(accessToken: string): Promise<boolean> {
  try {
    await createCrmClient({ baseUrl: s.url, getAccessToken: () => accessToken }).recordTypes()
    return true
  } catch (err) {
    if (err instanceof CrmApiError && err.kind === 'auth') return false
    throw err
  }
}

beforeAll(async () => {
  s = await startDemoServer({ records: 20, seed: 2 })
  account = demoAccountConfig(s)
})
afterAll(async () => {
  await s.close()
})
afterEach(() => {
  s.setFaults(NO_FAULTS)
})

describe('passwordGrant', () => {
  it('signs in with 企业代码|工号 and returns a working token set', async () => {
    const tokens = await passwordGrant(account, DEMO_ACCOUNT.password, { now: () => 1000 })
    expect(tokens.accessToken).toMatch(/\S{16,}/)
    expect(tokens.refreshToken).toMatch(/\S{16,}/)
    expect(tokens.expiresAt).toBe(1000 + DAY_MS)
    expect(await works(tokens.accessToken)).toBe(true)
  })

  it('wrong password → wrong_password, and the password is not in the message', async () => {
    const err = await rejection(passwordGrant(account, 'hunter2-wrong'), SignInError)
    expect(err).toMatchObject({ kind: 'wrong_password', oauthError: 'invalid_grant', status: 400 })
    expect(err.message).not.toContain('hunter2')
  })

  it('unknown agent number → wrong_password', async () => {
    const err = await rejection(passwordGrant({ ...account, agentNo: '9999' }, DEMO_ACCOUNT.password), SignInError)
    expect(err.kind).toBe('wrong_password')
  })

  it('bad client secret → bad_client, and the secret is not in the message', async () => {
    const err = await rejection(passwordGrant({ ...account, clientSecret: 'not-the-secret' }, DEMO_ACCOUNT.password), SignInError)
    expect(err).toMatchObject({ kind: 'bad_client', oauthError: 'invalid_client', status: 401 })
    expect(err.message).not.toContain('not-the-secret')
  })

  it('a closed port → unreachable', async () => {
    const gone = await startDemoServer({ records: 0 })
    const tokenUrl = gone.tokenUrl
    await gone.close()
    const err = await rejection(passwordGrant({ ...account, tokenUrl }, DEMO_ACCOUNT.password), SignInError)
    expect(err.kind).toBe('unreachable')
  })

  it('a token endpoint that times out → unreachable', async () => {
    s.setFaults({ latencyMs: 1000, only: { paths: ['/oauth2/token'] } })
    const err = await rejection(passwordGrant(account, DEMO_ACCOUNT.password, { timeoutMs: 200 }), SignInError)
    expect(err.kind).toBe('unreachable')
  })

  it('a gateway error page → server', async () => {
    s.setFaults({ serverErrorRate: 1, only: { paths: ['/oauth2/token'] } })
    const err = await rejection(passwordGrant(account, DEMO_ACCOUNT.password), SignInError)
    expect(err.kind).toBe('server')
  })

  it('a body cut off → bad_response', async () => {
    s.setFaults({ truncateRate: 1, only: { paths: ['/oauth2/token'] } })
    const err = await rejection(passwordGrant(account, DEMO_ACCOUNT.password), SignInError)
    expect(err.kind).toBe('bad_response')
  })
})

describe('createTokenSource', () => {
  it('hands out the current token until expiry is near, then refreshes ahead of it', async () => {
    const { clock, tokens, saved, source } = await signedIn()
    expect(await source.getAccessToken()).toBe(tokens.accessToken)
    clock.now = tokens.expiresAt - 6 * MINUTE
    expect(await source.getAccessToken()).toBe(tokens.accessToken)
    expect(saved).toHaveLength(0)
    clock.now = tokens.expiresAt - 4 * MINUTE
    const fresh = await source.getAccessToken()
    expect(fresh).not.toBe(tokens.accessToken)
    expect(saved).toHaveLength(1)
    expect(saved[0]).toMatchObject({ accessToken: fresh, expiresAt: clock.now + DAY_MS })
    expect(await works(fresh)).toBe(true)
    expect(await source.getAccessToken()).toBe(fresh)
  })

  it('lets concurrent callers share one refresh', async () => {
    const { clock, tokens, saved, source } = await signedIn()
    clock.now = tokens.expiresAt - MINUTE
    const before = s.stats.requests
    const got = await Promise.all(Array.from({ length: 5 }, () => source.getAccessToken()))
    expect(new Set(got).size).toBe(1)
    expect(s.stats.requests - before).toBe(1)
    expect(saved).toHaveLength(1)
  })

  it('keeps the old refresh token when a refresh answer omits it', async () => {
    const { tokens, saved, source } = await signedIn()
    // The demo omits refresh_token on every other refresh.
    await source.forceRefresh()
    await source.forceRefresh()
    const [first, second] = saved
    const chain = [tokens.refreshToken, first?.refreshToken, second?.refreshToken]
    expect(chain.every((t) => typeof t === 'string' && t.length > 0)).toBe(true)
    const kept = (chain[0] === chain[1] ? 1 : 0) + (chain[1] === chain[2] ? 1 : 0)
    expect(kept).toBe(1)
    expect(new Set([tokens.accessToken, first?.accessToken, second?.accessToken]).size).toBe(3)
  })

  it('withAuthRetry refreshes once and retries after the server expired the token', async () => {
    const { saved, source } = await signedIn()
    const client = createAuthedClient({ account, tokenSource: source })
    expect(await client.recordTypes()).not.toHaveLength(0)
    s.expireTokens()
    expect(await client.recordTypes()).not.toHaveLength(0)
    expect(saved).toHaveLength(1)
    expect(source.state).toBe('signed_in')
  })

  it('concurrent calls refused together share one refresh', async () => {
    const { saved, source } = await signedIn()
    const client = createAuthedClient({ account, tokenSource: source })
    s.expireTokens()
    const pages = await Promise.all(Array.from({ length: 4 }, () => client.listRecords({ page_size: 2 })))
    expect(pages.every((p) => p.rows.length === 2)).toBe(true)
    expect(saved).toHaveLength(1)
  })

  it('retries a create once after a refused token, creating exactly one record', async () => {
    const { source } = await signedIn()
    const client = createAuthedClient({ account, tokenSource: source })
    const owner = s.store.clients()[0]
    if (!owner) throw new Error('no client')
    const before = s.store.count()
    s.expireTokens()
    const { id } = await client.createRecord({ cle_id: owner.id, record_type: 36, record_content: '重试一次' })
    expect(s.store.has(id)).toBe(true)
    expect(s.store.count()).toBe(before + 1)
  })

  it('signs out when the refresh token is revoked: onSignedOut once, calls reject with auth', async () => {
    const { source, signedOut } = await signedIn()
    const client = createAuthedClient({ account, tokenSource: source })
    s.revokeRefreshTokens()
    s.expireTokens()
    const err = await rejection(client.recordTypes(), CrmApiError)
    expect(err).toMatchObject({ kind: 'auth', retryable: false })
    expect(source.state).toBe('signed_out')
    expect(signedOut()).toBe(1)
    const before = s.stats.requests
    expect(await rejection(source.getAccessToken(), CrmApiError)).toMatchObject({ kind: 'auth' })
    expect(await rejection(client.recordTypes(), CrmApiError)).toMatchObject({ kind: 'auth' })
    expect(await rejection(source.forceRefresh(), CrmApiError)).toMatchObject({ kind: 'auth' })
    expect(s.stats.requests).toBe(before)
    expect(signedOut()).toBe(1)
  })

  it('stays signed in when a refresh fails only because the network is down', async () => {
    const { source, signedOut } = await signedIn()
    const client = createAuthedClient({ account, tokenSource: source })
    s.expireTokens()
    s.setFaults({ resetBeforeRate: 1, only: { paths: ['/oauth2/token'] } })
    const err = await rejection(client.recordTypes(), CrmApiError)
    expect(err).toMatchObject({ kind: 'network', retryable: true })
    expect(source.state).toBe('signed_in')
    expect(signedOut()).toBe(0)
    s.setFaults(NO_FAULTS)
    expect(await client.recordTypes()).not.toHaveLength(0)
  })

  it('keeps using a still-valid token when the refresh ahead of expiry fails', async () => {
    const { clock, tokens, source } = await signedIn()
    clock.now = tokens.expiresAt - MINUTE
    s.setFaults({ serverErrorRate: 1, only: { paths: ['/oauth2/token'] } })
    expect(await source.getAccessToken()).toBe(tokens.accessToken)
    clock.now = tokens.expiresAt + 1
    expect(await rejection(source.getAccessToken(), CrmApiError)).toMatchObject({ kind: 'server', retryable: true })
    expect(source.state).toBe('signed_in')
  })

  it('signs out when the token has expired and there is no refresh token', async () => {
    const { clock, tokens } = await signedIn()
    let signedOut = 0
    const source = createTokenSource({
      account,
      tokens: { accessToken: tokens.accessToken, expiresAt: tokens.expiresAt },
      now: () => clock.now,
      onSignedOut: () => signedOut++,
    })
    clock.now = tokens.expiresAt + 1
    expect(await rejection(source.getAccessToken(), CrmApiError)).toMatchObject({ kind: 'auth' })
    expect(source.state).toBe('signed_out')
    expect(signedOut).toBe(1)
  })

  it('does not refresh on every call when tokens live shorter than the refresh-ahead margin', async () => {
    const { clock, tokens, saved, source } = await signedIn({ refreshAheadMs: 2 * DAY_MS })
    expect(await source.getAccessToken()).toBe(tokens.accessToken)
    clock.now += DAY_MS / 2 + 1
    await source.getAccessToken()
    await source.getAccessToken()
    expect(saved).toHaveLength(1)
  })

  it('keeps the session when persisting the new tokens fails', async () => {
    const { clock, tokens, source } = await signedIn({
      onTokens: () => {
        throw new Error('disk full')
      },
    })
    clock.now = tokens.expiresAt - MINUTE
    const fresh = await source.getAccessToken()
    expect(fresh).not.toBe(tokens.accessToken)
    expect(source.state).toBe('signed_in')
  })
})
