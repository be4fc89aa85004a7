/** Talking to a demo server over real HTTP, the way the app's API client will. */
import { connect } from 'node:net'
import JSONbig from 'json-bigint'
import { request } from 'undici'
import { DEMO_ACCOUNT, type DemoServer } from '../../../../electron/main/demo/server'

/** Long integers become BigInts, so ids compare exactly. */
export const wire = JSONbig({ useNativeBigInt: true })

export interface Envelope<T = unknown> {
  code: number
  message: string
  data: T
}

export type WireObject = Record<string, unknown>

/** A list row as parsed from the wire: 64-bit ids are BigInts, `id` and list `cle_id` strings. */
export interface WireRow extends WireObject {
  _id: bigint
  id: string
  cle_id: string
  opty_id?: bigint
  cle_name: string
  create_time: number
  update_time: number
  record_content: string
  record_content_name: string
  client: WireObject & { _id: bigint; id: string; cle_name: string; cle_phone: string }
  opportunity?: WireObject & { _id: bigint; id: string; cle_id: bigint }
}

export interface WirePage {
  cursor: string
  total: number
  rows: WireRow[]
}

export interface Answer<T = unknown> {
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
  json: T
}

export interface CallOptions {
  token?: string
  /** Sent as is when a string, else serialized with json-bigint. */
  body?: unknown
  query?: Record<string, string | number>
  headers?: Record<string, string>
}

function parseOrText(text: string): unknown {
  try {
    return wire.parse(text)
  } catch {
    return undefined
  }
}

export async function call<T = Envelope>(server: DemoServer, method: string, path: string, options: CallOptions = {}): Promise<Answer<T>> {
  const url = new URL(server.url + path)
  for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, String(value))
  const headers: Record<string, string> = { ...options.headers }
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`
  let body: string | undefined
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : wire.stringify(options.body)
    headers['content-type'] ??= 'application/json'
  }
  const answer = await request(url, { method: method as 'GET', headers, body })
  const text = await answer.body.text()
  return { status: answer.statusCode, headers: answer.headers, text, json: parseOrText(text) as T }
}

export async function postToken(server: DemoServer, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Answer<WireObject>> {
  const answer = await request(server.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  })
  const text = await answer.body.text()
  return { status: answer.statusCode, headers: answer.headers, text, json: parseOrText(text) as WireObject }
}

export function passwordForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    grant_type: 'password',
    client_id: DEMO_ACCOUNT.clientId,
    client_secret: DEMO_ACCOUNT.clientSecret,
    username: `${DEMO_ACCOUNT.enterpriseCode}|${DEMO_ACCOUNT.agentNo}`,
    password: DEMO_ACCOUNT.password,
    scope: 'openid',
    ...overrides,
  }
}

export async function signIn(server: DemoServer, overrides: Record<string, string> = {}): Promise<{ accessToken: string; refreshToken: string }> {
  const answer = await postToken(server, passwordForm(overrides))
  if (answer.status !== 200) throw new Error(`sign-in failed: ${answer.status} ${answer.text}`)
  return { accessToken: String(answer.json.access_token), refreshToken: String(answer.json.refresh_token) }
}

export async function listPage(server: DemoServer, token: string, query: Record<string, string | number> = {}): Promise<Envelope<WirePage>> {
  const answer = await call<Envelope<WirePage>>(server, 'GET', '/followupRecord/followupRecords', { token, query })
  if (answer.status !== 200 || answer.json.code !== 200) throw new Error(`list failed: ${answer.status} ${answer.text.slice(0, 200)}`)
  return answer.json
}

/** Follows cursors from the first page to the empty one; returns every row in order. */
export async function walkAll(
  server: DemoServer,
  token: string,
  query: Record<string, string | number> = {},
): Promise<{ rows: WireRow[]; totals: number[]; pages: number }> {
  const rows: WireRow[] = []
  const totals: number[] = []
  let cursor: string | undefined
  for (let pageIndex = 0; ; pageIndex++) {
    const page = (await listPage(server, token, cursor === undefined ? query : { ...query, cursor })).data
    totals.push(page.total)
    if (page.rows.length === 0) {
      if (page.cursor !== '') throw new Error('an empty page must carry an empty cursor')
      return { rows, totals, pages: pageIndex }
    }
    rows.push(...page.rows)
    cursor = page.cursor
  }
}

export interface RawExchange {
  head: string
  body: Buffer
  /** Body chunks as they arrived, with their arrival time in ms since the request was sent. */
  arrivals: number[]
}

/**
 * One request over a bare socket, read until the server closes it, to see exactly what arrived:
 * a cut body or a trickled one, which a higher-level client would only report as an error.
 */
export function rawExchange(server: DemoServer, method: string, path: string, headers: Record<string, string>, body = ''): Promise<RawExchange> {
  return new Promise((resolve) => {
    const socket = connect(server.port, '127.0.0.1')
    const started = performance.now()
    const chunks: Buffer[] = []
    const arrivals: number[] = []
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      arrivals.push(performance.now() - started)
    })
    const finish = (): void => {
      const all = Buffer.concat(chunks)
      const split = all.indexOf('\r\n\r\n')
      resolve({
        head: split < 0 ? all.toString('latin1') : all.subarray(0, split).toString('latin1'),
        body: split < 0 ? Buffer.alloc(0) : all.subarray(split + 4),
        arrivals,
      })
    }
    socket.on('close', finish)
    socket.on('error', () => undefined)
    const lines = [`${method} ${new URL(server.url + path).pathname}${path.includes('?') ? path.slice(path.indexOf('?')) : ''} HTTP/1.1`, `host: 127.0.0.1:${server.port}`, 'connection: close']
    for (const [key, value] of Object.entries(headers)) lines.push(`${key}: ${value}`)
    lines.push(`content-length: ${Buffer.byteLength(body)}`)
    socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`)
  })
}
