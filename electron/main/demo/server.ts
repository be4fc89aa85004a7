/**
 * The demo e-CRM server: a real HTTP server on loopback that answers like the vendor's API and
 * token endpoint, over generated data. The app uses it when no account is configured, and the API
 * client and sync engine are tested against it, with faults injected where a test asks for them.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { API_BASE, handleApi } from './api'
import { FaultInjector, type FaultPlan, type FaultSettings } from './faults'
import { generateDemoData } from './generator'
import { deliver, readBody } from './http-io'
import { TOKEN_PATH, tokenEndpoint } from './oauth'
import { fail, type Reply } from './reply'
import { createStats, type DemoStats } from './stats'
import { DemoStore } from './store'
import { TokenRegistry } from './tokens'

export { DEMO_ACCOUNT } from './account'
export { NO_FAULTS, type FaultSettings } from './faults'
export type { DemoStats } from './stats'
export type { DemoStore, DemoClient, DirectRecordInput } from './store'

export interface DemoServerOptions {
  /** 0 (default): a random free port. */
  port?: number
  /** Default 127.0.0.1. */
  host?: string
  /** Generated records, default 200. */
  records?: number
  /** Generator seed, default 1. */
  seed?: number
  /**
   * Unix seconds, default now. The generated history ends at the last midnight in China (UTC+8)
   * before it, so servers started the same day with the same seed hold the same records.
   */
  anchorTime?: number
  /** Access token lifetime, default 86400. */
  tokenTtlSec?: number
  faults?: Partial<FaultSettings>
}

export interface DemoServer {
  /** API base, e.g. http://127.0.0.1:PORT/openapi/v1 */
  url: string
  /** http://127.0.0.1:PORT/oauth2/token */
  tokenUrl: string
  port: number
  store: DemoStore
  /** Merges into the fault settings; setFaults(NO_FAULTS) clears them. */
  setFaults(faults: Partial<FaultSettings>): void
  /** Every access token issued so far becomes invalid now; refresh tokens stay valid. */
  expireTokens(): void
  /** Refresh grants fail from now on; a password grant still works. */
  revokeRefreshTokens(): void
  stats: DemoStats
  /** Closes the server and every open socket. */
  close(): Promise<void>
}

const MAX_BODY_BYTES = 1024 * 1024

/** 502s come from the gateway in front of the vendor, as an HTML page. */
const BAD_GATEWAY_PAGE =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n'

export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const records = options.records ?? 200
  if (!Number.isInteger(records) || records < 0) throw new RangeError(`records must be a non-negative integer, got ${records}`)
  const tokenTtlSec = options.tokenTtlSec ?? 86400
  if (!(tokenTtlSec > 0)) throw new RangeError(`tokenTtlSec must be positive, got ${tokenTtlSec}`)
  const host = options.host ?? '127.0.0.1'
  const store = new DemoStore(
    generateDemoData({ records, seed: options.seed ?? 1, anchorTime: options.anchorTime ?? Math.floor(Date.now() / 1000) }),
  )
  const faults = new FaultInjector(options.faults)
  const tokens = new TokenRegistry(tokenTtlSec)
  const stats = createStats()
  const closing = new AbortController()
  const sockets = new Set<Socket>()

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    stats.requests++
    const method = req.method ?? 'GET'
    const url = new URL(req.url ?? '/', 'http://demo.invalid')
    const isApi = url.pathname === API_BASE || url.pathname.startsWith(`${API_BASE}/`)
    const path = isApi ? url.pathname.slice(API_BASE.length) : url.pathname
    const plan = faults.plan(method, path)
    const body = await readBody(req, MAX_BODY_BYTES)
    if (plan.latencyMs > 0) {
      stats.faults.latency++
      await sleep(plan.latencyMs, undefined, { signal: closing.signal })
    }
    if (plan.resetBefore) {
      stats.faults.resetBefore++
      req.socket.destroy()
      return
    }
    let reply = injectedFailure(plan, isApi, stats)
    const handled = reply === undefined
    if (!reply) {
      // The unread rest of an oversized body is dropped with the connection.
      if (!body.ok) reply = fail(400, '请求体过大', 200, { connection: 'close' })
      else if (path === TOKEN_PATH && !isApi) reply = tokenEndpoint(method, req.headers, body.text, tokens)
      else if (isApi) reply = handleApi({ method, path, query: url.searchParams, headers: req.headers, body: body.text }, { store, stats, tokens })
      else reply = fail(404, `接口不存在：${url.pathname}`, 404)
    }
    if (handled && plan.resetAfterCommit) {
      // The lost-response case: whatever the request did is done, but the client never hears of it.
      stats.faults.resetAfterCommit++
      req.socket.destroy()
      return
    }
    if (plan.truncate) stats.faults.truncate++
    if (plan.slowBodyMs > 0) stats.faults.slowBody++
    await deliver(res, reply, { truncate: plan.truncate, slowBodyMs: plan.slowBodyMs, signal: closing.signal })
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      // Closing aborts sleeps, clients vanish mid-request, or a bug: never leave a socket hanging.
      if (!res.headersSent && !closing.signal.aborted) {
        const reply = fail(500, '服务器内部错误', 500)
        res.writeHead(reply.status, reply.headers).end(reply.body)
      } else res.destroy()
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`

  return {
    url: origin + API_BASE,
    tokenUrl: origin + TOKEN_PATH,
    port,
    store,
    stats,
    setFaults: (changes) => faults.update(changes),
    expireTokens: () => tokens.expireAll(),
    revokeRefreshTokens: () => tokens.revokeRefresh(),
    close: () =>
      new Promise<void>((resolve) => {
        closing.abort()
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
      }),
  }
}

/** The failure a fault plan answers with instead of handling the request, if any. */
function injectedFailure(plan: FaultPlan, isApi: boolean, stats: DemoStats): Reply | undefined {
  if (plan.rateLimit) {
    stats.faults.rateLimit++
    return fail(429, '请求过于频繁，请稍后再试', 429, { 'retry-after': String(Math.ceil(plan.retryAfterSec)) })
  }
  if (plan.serverError !== undefined) {
    stats.faults.serverError++
    if (plan.serverError === 502) return { status: 502, headers: { 'content-type': 'text/html' }, body: BAD_GATEWAY_PAGE }
    return fail(500, plan.serverError === 503 ? '服务暂不可用' : '服务器内部错误', plan.serverError)
  }
  // The token endpoint speaks OAuth2, not the envelope, so an envelope error only hits the API.
  if (plan.envelopeError && isApi) {
    stats.faults.envelopeError++
    return fail(500, '系统繁忙，请稍后再试')
  }
  return undefined
}
