/**
 * Access and refresh tokens of the demo's OAuth2 server. Tests control time through expireAll
 * and revokeRefresh rather than waiting a day.
 */
import { randomBytes } from 'node:crypto'
import type { Agent } from './directory'

export type AccessCheck = { ok: true; agent: Agent } | { ok: false; reason: 'missing' | 'invalid' | 'expired' }

export interface IssuedTokens {
  accessToken: string
  /** Absent on every other refresh, as the vendor may omit it: the client keeps the old one then. */
  refreshToken: string | undefined
}

interface AccessEntry {
  agent: Agent
  expiresAtMs: number
}

function newToken(): string {
  return randomBytes(20).toString('hex')
}

export class TokenRegistry {
  private readonly access = new Map<string, AccessEntry>()
  private readonly refreshTokens = new Map<string, Agent>()
  private refreshes = 0

  constructor(readonly ttlSec: number) {}

  /** A password grant: a fresh access token and a fresh refresh token. */
  signIn(agent: Agent): IssuedTokens {
    const refreshToken = newToken()
    this.refreshTokens.set(refreshToken, agent)
    return { accessToken: this.issueAccess(agent), refreshToken }
  }

  /**
   * A refresh grant; undefined when the refresh token is unknown or revoked. A rotated refresh
   * token does not invalidate the previous one, so a client that lost an answer is not locked out.
   */
  refresh(refreshToken: string): IssuedTokens | undefined {
    const agent = this.refreshTokens.get(refreshToken)
    if (!agent) return undefined
    this.refreshes++
    let rotated: string | undefined
    if (this.refreshes % 2 === 0) {
      rotated = newToken()
      this.refreshTokens.set(rotated, agent)
    }
    return { accessToken: this.issueAccess(agent), refreshToken: rotated }
  }

  check(token: string | undefined): AccessCheck {
    if (token === undefined || token === '') return { ok: false, reason: 'missing' }
    const entry = this.access.get(token)
    if (!entry) return { ok: false, reason: 'invalid' }
    if (Date.now() >= entry.expiresAtMs) return { ok: false, reason: 'expired' }
    return { ok: true, agent: entry.agent }
  }

  /** Every access token issued so far is expired from now on. */
  expireAll(): void {
    const now = Date.now()
    for (const entry of this.access.values()) entry.expiresAtMs = Math.min(entry.expiresAtMs, now)
  }

  /** Every refresh token issued so far stops working; new sign-ins get working ones. */
  revokeRefresh(): void {
    this.refreshTokens.clear()
  }

  private issueAccess(agent: Agent): string {
    const token = newToken()
    this.access.set(token, { agent, expiresAtMs: Date.now() + this.ttlSec * 1000 })
    return token
  }
}
