/** Sign-in, tokens on API calls, expiry, refresh and the OAuth2 error shapes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNT, startDemoServer, type DemoServer } from '../../../../electron/main/demo/server'
import { call, passwordForm, postToken, signIn, type Envelope } from './helpers'

let server: DemoServer

beforeAll(async () => {
  server = await startDemoServer({ records: 50, tokenTtlSec: 3600 })
})
afterAll(() => server.close())

function refreshForm(refreshToken: string): Record<string, string> {
  return { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: DEMO_ACCOUNT.clientId, client_secret: DEMO_ACCOUNT.clientSecret }
}

async function typesStatus(headers: Record<string, string>): Promise<{ status: number; body: Envelope }> {
  const answer = await call<Envelope>(server, 'GET', '/followupRecord/recordTypes', { headers })
  return { status: answer.status, body: answer.json }
}

describe('password grant', () => {
  it('answers the documented token shape', async () => {
    const answer = await postToken(server, passwordForm())
    expect(answer.status).toBe(200)
    expect(answer.json).toEqual({
      access_token: expect.any(String),
      expires_in: 3600,
      token_type: 'Bearer',
      scope: 'openid',
      refresh_token: expect.any(String),
    })
    expect(answer.headers['cache-control']).toBe('no-store')
  })

  it('signs in other agents of the tenant, who then author what they create', async () => {
    const { accessToken } = await signIn(server, { username: 'demo|8003' })
    const cleId = server.store.clients()[0]?.id ?? ''
    const created = await call<Envelope<{ id: string }>>(server, 'POST', '/followupRecord', {
      token: accessToken,
      body: { cle_id: cleId, record_type: 39, record_content: '电话' },
    })
    expect(server.store.get(created.json.data.id)?.create_user_name).toBe('8003 李娜')
  })

  it('refuses a wrong password or user with invalid_grant', async () => {
    const wrong: Record<string, string>[] = [{ password: 'nope' }, { username: 'demo|9999' }, { username: 'other|8001' }, { username: '8001' }]
    for (const overrides of wrong) {
      const answer = await postToken(server, passwordForm(overrides))
      expect(answer.status).toBe(400)
      expect(answer.json).toEqual({ error: 'invalid_grant', error_description: expect.any(String) })
    }
  })

  it('refuses a wrong client with invalid_client and HTTP 401', async () => {
    const wrong: Record<string, string>[] = [{ client_secret: 'nope' }, { client_id: 'someone' }]
    for (const overrides of wrong) {
      const answer = await postToken(server, passwordForm(overrides))
      expect(answer.status).toBe(401)
      expect(answer.json.error).toBe('invalid_client')
    }
  })

  it('accepts client credentials over HTTP Basic too', async () => {
    const { client_id: _id, client_secret: _secret, ...form } = passwordForm()
    const basic = Buffer.from(`${DEMO_ACCOUNT.clientId}:${DEMO_ACCOUNT.clientSecret}`).toString('base64')
    const answer = await postToken(server, form, { authorization: `Basic ${basic}` })
    expect(answer.status).toBe(200)
  })

  it('answers malformed requests with OAuth2 errors, not the envelope', async () => {
    expect((await postToken(server, passwordForm({ grant_type: 'client_credentials' }))).json.error).toBe('unsupported_grant_type')
    expect((await postToken(server, passwordForm({ password: '' }))).json.error).toBe('invalid_request')
    expect((await postToken(server, passwordForm({ scope: 'email' }))).json.error).toBe('invalid_scope')
    const asJson = await postToken(server, passwordForm(), { 'content-type': 'application/json' })
    expect(asJson.status).toBe(400)
    expect(asJson.json.error).toBe('invalid_request')
  })
})

describe('tokens on API calls', () => {
  it('accepts Authorization: Bearer and the access-token header', async () => {
    const { accessToken } = await signIn(server)
    expect((await typesStatus({ authorization: `Bearer ${accessToken}` })).status).toBe(200)
    expect((await typesStatus({ 'access-token': accessToken })).status).toBe(200)
    expect((await typesStatus({ authorization: 'Bearer stale', 'access-token': accessToken })).status).toBe(200)
  })

  it('answers HTTP 401 with envelope code 401 when the token is missing or unknown', async () => {
    const refused: Record<string, string>[] = [{}, { authorization: 'Bearer nope' }, { 'access-token': 'nope' }, { authorization: 'Basic abc' }]
    for (const headers of refused) {
      const answer = await typesStatus(headers)
      expect(answer.status).toBe(401)
      expect(answer.body).toEqual({ code: 401, message: expect.any(String), data: null })
    }
  })

  it('expires every access token on expireTokens, keeps refresh tokens working', async () => {
    const first = await signIn(server)
    const second = await signIn(server)
    server.expireTokens()
    for (const token of [first.accessToken, second.accessToken]) {
      const answer = await typesStatus({ authorization: `Bearer ${token}` })
      expect(answer.status).toBe(401)
      expect(answer.body.message).toContain('过期')
    }
    const refreshed = await postToken(server, refreshForm(first.refreshToken))
    expect(refreshed.status).toBe(200)
    expect((await typesStatus({ authorization: `Bearer ${String(refreshed.json.access_token)}` })).status).toBe(200)
  })

  it('expires tokens after tokenTtlSec', async () => {
    const shortLived = await startDemoServer({ records: 50, tokenTtlSec: 1 })
    try {
      const { accessToken } = await signIn(shortLived)
      expect((await call(shortLived, 'GET', '/followupRecord/recordTypes', { token: accessToken })).status).toBe(200)
      await new Promise((resolve) => setTimeout(resolve, 1100))
      expect((await call(shortLived, 'GET', '/followupRecord/recordTypes', { token: accessToken })).status).toBe(401)
    } finally {
      await shortLived.close()
    }
  })
})

describe('refresh grant', () => {
  it('omits refresh_token on every other refresh; the kept one goes on working, and so does a rotated-out one', async () => {
    const fresh = await startDemoServer({ records: 50 })
    try {
      const { refreshToken } = await signIn(fresh)
      const first = await postToken(fresh, refreshForm(refreshToken))
      expect(first.status).toBe(200)
      expect(first.json).not.toHaveProperty('refresh_token')
      expect(first.json.token_type).toBe('Bearer')
      const second = await postToken(fresh, refreshForm(refreshToken))
      expect(second.json.refresh_token).toEqual(expect.any(String))
      expect(second.json.refresh_token).not.toBe(refreshToken)
      const third = await postToken(fresh, refreshForm(String(second.json.refresh_token)))
      expect(third.status).toBe(200)
      expect((await postToken(fresh, refreshForm(refreshToken))).status).toBe(200)
    } finally {
      await fresh.close()
    }
  })

  it('refuses refresh grants after revokeRefreshTokens, while a password grant still works', async () => {
    const { refreshToken } = await signIn(server)
    server.revokeRefreshTokens()
    const refused = await postToken(server, refreshForm(refreshToken))
    expect(refused.status).toBe(400)
    expect(refused.json.error).toBe('invalid_grant')
    const again = await signIn(server)
    expect((await postToken(server, refreshForm(again.refreshToken))).status).toBe(200)
  })

  it('refuses an unknown refresh token and a wrong client', async () => {
    const { refreshToken } = await signIn(server)
    expect((await postToken(server, refreshForm('nope'))).json.error).toBe('invalid_grant')
    expect((await postToken(server, { ...refreshForm(refreshToken), client_secret: 'x' })).status).toBe(401)
  })
})
