/**
 * The token endpoint (POST /oauth2/token), which the vendor documents outside the seed. It speaks
 * OAuth2, not the envelope: answers and errors have the RFC 6749 shapes.
 */
import type { IncomingHttpHeaders } from 'node:http'
import { DEMO_ACCOUNT } from './account'
import { agentByNo, ENTERPRISE_CODE } from './directory'
import { jsonReply, type Reply } from './reply'
import type { IssuedTokens, TokenRegistry } from './tokens'

export const TOKEN_PATH = '/oauth2/token'

const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' }

function oauthError(status: number, error: string, description: string, headers: Record<string, string> = {}): Reply {
  return jsonReply(status, { error, error_description: description }, { ...NO_STORE, ...headers })
}

function formDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}

/** Client credentials from the form, or from HTTP Basic (form-encoded first, per RFC 6749 2.3.1). */
function clientCredentials(form: URLSearchParams, headers: IncomingHttpHeaders): { id: string; secret: string } {
  const basic = /^Basic\s+(.+)$/i.exec(headers.authorization ?? '')
  if (basic?.[1]) {
    const [id = '', secret = ''] = Buffer.from(basic[1], 'base64').toString('utf8').split(':', 2).map(formDecode)
    return { id, secret }
  }
  return { id: form.get('client_id') ?? '', secret: form.get('client_secret') ?? '' }
}

export function tokenEndpoint(method: string, headers: IncomingHttpHeaders, body: string, tokens: TokenRegistry): Reply {
  if (method !== 'POST') return oauthError(405, 'invalid_request', 'The token endpoint only accepts POST', { allow: 'POST' })
  if (!(headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    return oauthError(400, 'invalid_request', 'The request body must be application/x-www-form-urlencoded')
  }
  const form = new URLSearchParams(body)
  const client = clientCredentials(form, headers)
  if (client.id !== DEMO_ACCOUNT.clientId || client.secret !== DEMO_ACCOUNT.clientSecret) {
    return oauthError(401, 'invalid_client', 'Client authentication failed', { 'www-authenticate': 'Basic realm="oauth2"' })
  }
  const grantType = form.get('grant_type')
  if (grantType === 'password') return passwordGrant(form, tokens)
  if (grantType === 'refresh_token') {
    const refreshToken = form.get('refresh_token')
    if (!refreshToken) return oauthError(400, 'invalid_request', 'Missing parameter: "refresh_token" is required')
    const issued = tokens.refresh(refreshToken)
    return issued ? tokenAnswer(issued, tokens) : oauthError(400, 'invalid_grant', 'Invalid refresh token')
  }
  if (!grantType) return oauthError(400, 'invalid_request', 'The grant type was not specified in the request')
  return oauthError(400, 'unsupported_grant_type', `Grant type "${grantType}" not supported`)
}

function passwordGrant(form: URLSearchParams, tokens: TokenRegistry): Reply {
  const username = form.get('username')
  const password = form.get('password')
  if (!username || !password) return oauthError(400, 'invalid_request', 'Missing parameters: "username" and "password" required')
  const scope = form.get('scope')
  if (scope && !scope.split(/\s+/).includes('openid')) return oauthError(400, 'invalid_scope', 'An unsupported scope was requested')
  // username is 企业代码|工号; every agent of the demo tenant shares the demo password.
  const [enterprise, agentNo = ''] = username.split('|', 2)
  const agent = enterprise === ENTERPRISE_CODE ? agentByNo(agentNo) : undefined
  if (!agent || password !== DEMO_ACCOUNT.password) return oauthError(400, 'invalid_grant', 'Invalid username and password combination')
  return tokenAnswer(tokens.signIn(agent), tokens)
}

function tokenAnswer(issued: IssuedTokens, tokens: TokenRegistry): Reply {
  return jsonReply(
    200,
    {
      access_token: issued.accessToken,
      expires_in: tokens.ttlSec,
      token_type: 'Bearer',
      scope: 'openid',
      ...(issued.refreshToken === undefined ? {} : { refresh_token: issued.refreshToken }),
    },
    NO_STORE,
  )
}
