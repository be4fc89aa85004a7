/**
 * What the client puts on the wire and how it reads answers the demo server never gives
 * (captive portals, odd-but-legal data shapes, DNS failures). A tiny local server records
 * each request and answers with whatever the test says.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Agent } from 'undici'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { CrmApiError, createCrmClient, parseRetryAfter } from '../../../../electron/main/crm/client'
import { rejection } from '../../../support/rejection'

interface Seen {
  method: string
  url: URL
  headers: IncomingHttpHeaders
  body: string
}

const seen: Seen[] = []
let reply: (res: ServerResponse, req: Seen) => void = ok(null)
let base = ''
const server = createServer((req, res) => {
  const chunks: Buffer[] = []
  req.on('data', (c: Buffer) => chunks.push(c))
  req.on('end', () => {
    const entry = { method: req.method ?? '', url: new URL(req.url ?? '/', 'http://x'), headers: req.headers, body: Buffer.concat(chunks).toString() }
    seen.push(entry)
    reply(res, entry)
  })
})

function send(status: number, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  return (res: ServerResponse) => {
    res.writeHead(status, headers)
    res.end(body)
  }
}
function ok(data: unknown, raw?: string) {
  return send(200, raw ?? JSON.stringify({ code: 200, message: 'ok', data }))
}

const TOKEN = 'tok-3f9a.secret'
const client = () => createCrmClient({ baseUrl: base, getAccessToken: async () => TOKEN, timeoutMs: 5000 })

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/openapi/v1/`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})
afterEach(() => {
  seen.length = 0
  reply = ok(null)
})

describe('requests', () => {
  it('sends both token headers and Accept on a GET, no Content-Type and no body', async () => {
    reply = ok([{ id: 36, dic_name: '系统自动' }])
    const types = await createCrmClient({ baseUrl: base, getAccessToken: () => TOKEN }).recordTypes()
    expect(types).toEqual([{ id: 36, dic_name: '系统自动' }])
    const [req] = seen
    expect(req?.method).toBe('GET')
    expect(req?.url.pathname).toBe('/openapi/v1/followupRecord/recordTypes')
    expect(req?.headers.authorization).toBe(`Bearer ${TOKEN}`)
    expect(req?.headers['access-token']).toBe(TOKEN)
    expect(req?.headers.accept).toBe('application/json')
    expect(req?.headers['content-type']).toBeUndefined()
    expect(req?.body).toBe('')
  })

  it('sends the list filters under the document names, leaving out empty ones and the first cursor', async () => {
    reply = ok({ cursor: 'c1', total: 0, rows: [] })
    await client().listRecords({ page_size: 50, cle_name: '', cursor: '', order: 'asc', cle_id: '647', create_time: '2019/01/01' })
    await client().listRecords({ cursor: 'WzE1NDIz+/=', sort: 'update_time', cle_phone: '3121123123', record_content_name: '跟进 记录' })
    await client().listRecords()
    const [first, second, third] = seen.map((s) => Object.fromEntries(s.url.searchParams))
    expect(first).toEqual({ page_size: '50', order: 'asc', cle_id: '647', create_time: '2019/01/01' })
    expect(second).toEqual({ cursor: 'WzE1NDIz+/=', sort: 'update_time', cle_phone: '3121123123', record_content_name: '跟进 记录' })
    expect(third).toEqual({})
    expect(seen[0]?.url.pathname).toBe('/openapi/v1/followupRecord/followupRecords')
  })

  it('posts a create with exact integer ids and returns the string id, not the lossy _id', async () => {
    reply = ok(null, '{"code":200,"message":"ok","data":{"id":"6471994196059471873","_id":6471994196059472000}}')
    const created = await client().createRecord({ cle_id: '6470844909275561985', opty_id: '6471982131139821569', record_type: 36, record_content: '跟进记录' })
    expect(created).toEqual({ id: '6471994196059471873' })
    const [req] = seen
    expect(req?.method).toBe('POST')
    expect(req?.url.pathname).toBe('/openapi/v1/followupRecord')
    expect(req?.headers['content-type']).toBe('application/json')
    expect(req?.headers.authorization).toBe(`Bearer ${TOKEN}`)
    expect(req?.headers['access-token']).toBe(TOKEN)
    expect(req?.body).toBe('{"cle_id":6470844909275561985,"record_type":36,"record_content":"跟进记录","opty_id":6471982131139821569}')
  })

  it('leaves opty_id out of a create without one', async () => {
    reply = ok({ id: '6471994196059471873' })
    await client().createRecord({ cle_id: '6470844909275561985', record_type: 37, record_content: '' })
    expect(seen[0]?.body).toBe('{"cle_id":6470844909275561985,"record_type":37,"record_content":""}')
  })

  it('deletes with a JSON body of exact integers, and sends nothing for an empty list', async () => {
    reply = ok([])
    await client().deleteRecords([])
    expect(seen).toHaveLength(0)
    await client().deleteRecords(['6454980244729479169', '6454980230145884161'])
    const [req] = seen
    expect(req?.method).toBe('DELETE')
    expect(req?.url.pathname).toBe('/openapi/v1/followupRecord')
    expect(req?.headers['content-type']).toBe('application/json')
    expect(req?.body).toBe('{"ids":[6454980244729479169,6454980230145884161]}')
  })

  it('refuses ids that are not int64 decimal strings before sending anything', async () => {
    await expect(client().deleteRecords(['6454980244729479169', '1e5'])).rejects.toThrow(RangeError)
    await expect(client().getRecord('../recordTypes')).rejects.toThrow(RangeError)
    await expect(client().createRecord({ cle_id: '9223372036854775808', record_type: 36, record_content: 'x' })).rejects.toThrow(RangeError)
    expect(seen).toHaveLength(0)
  })
})

describe('answers at the edge', () => {
  it('reads a detail with cle_id as a number into strings', async () => {
    reply = ok(null, '{"code":200,"message":"ok","data":{"_id":6471994196059471873,"opty_id":6471982131139821569,"record_type":36,"cle_id":6470844909275561985,"record_content":"跟进记录","create_time":1543043660,"update_department_name":"公司","id":"6471994196059471873"}}')
    const record = await client().getRecord('6471994196059471873')
    expect(seen[0]?.url.pathname).toBe('/openapi/v1/followupRecord/6471994196059471873')
    expect(record).toMatchObject({ _id: '6471994196059471873', id: '6471994196059471873', cle_id: '6470844909275561985', opty_id: '6471982131139821569' })
  })

  it('reads a list answer without rows or cursor as an empty page', async () => {
    reply = ok({ total: 3 })
    expect(await client().listRecords()).toEqual({ cursor: '', total: 3, rows: [] })
    reply = ok(null)
    expect(await client().listRecords()).toEqual({ cursor: '', total: 0, rows: [] })
  })

  it('keeps update_department_name as 0 or a string, and drops "no opportunity" markers', async () => {
    reply = ok(null, '{"code":200,"message":"ok","data":{"cursor":"x","total":2,"rows":[' +
      '{"_id":6471994196059471873,"id":"6471994196059471873","cle_id":"6470844909275561985","opty_id":0,"record_type":36,"record_content":"a","create_time":1,"update_department_name":0,"client":[],"opportunity":null},' +
      '{"_id":6471994225851613185,"cle_id":"6470844909275561985","record_type":"37","record_content":"b","create_time":2,"update_department_name":"公司"}]}}')
    const page = await client().listRecords()
    expect(page.rows[0]).toMatchObject({ id: '6471994196059471873', update_department_name: 0 })
    expect(page.rows[0]).not.toHaveProperty('opty_id')
    expect(page.rows[0]).not.toHaveProperty('client')
    expect(page.rows[0]).not.toHaveProperty('opportunity')
    expect(page.rows[1]).toMatchObject({ id: '6471994225851613185', _id: '6471994225851613185', record_type: 37, update_department_name: '公司' })
  })

  it('says notFound when a detail answer holds no record', async () => {
    reply = ok(null)
    const err = await rejection(client().getRecord('6471994196059471873'), CrmApiError)
    expect(err).toMatchObject({ kind: 'rejected', notFound: true, retryable: false })
  })

  it('says notFound for an envelope code 404', async () => {
    reply = ok(null, '{"code":404,"message":"跟进记录不存在","data":[]}')
    const err = await rejection(client().getRecord('6471994196059471873'), CrmApiError)
    expect(err).toMatchObject({ kind: 'rejected', notFound: true, code: 404, status: 200 })
    expect(err.message).toContain('跟进记录不存在')
  })

  it('treats a create answer without an id as a bad response, never falling back to _id', async () => {
    reply = ok(null, '{"code":200,"message":"ok","data":{"_id":6471994196059472000}}')
    const err = await rejection(client().createRecord({ cle_id: '6470844909275561985', record_type: 36, record_content: 'x' }), CrmApiError)
    expect(err).toMatchObject({ kind: 'bad_response', retryable: false })
  })
})

describe('failures the demo server cannot stage', () => {
  it('treats a captive portal (200 with HTML) as a retryable server problem', async () => {
    reply = send(200, '<html><body>Please log in to the Wi-Fi</body></html>', { 'content-type': 'text/html' })
    const err = await rejection(client().listRecords(), CrmApiError)
    expect(err).toMatchObject({ kind: 'server', retryable: true, status: 200 })
    expect(err.message).toContain('text/html')
  })

  it('treats a redirect to a portal the same way', async () => {
    reply = send(302, '', { location: 'http://portal.example/' })
    expect(await rejection(client().recordTypes(), CrmApiError)).toMatchObject({ kind: 'server', retryable: true, status: 302 })
  })

  it('does not retry a 404 HTML page (a wrong base URL will not fix itself)', async () => {
    reply = send(404, '<h1>Not Found</h1>', { 'content-type': 'text/html' })
    expect(await rejection(client().recordTypes(), CrmApiError)).toMatchObject({ kind: 'rejected', retryable: false, status: 404 })
  })

  it('maps an envelope auth code to auth, keeping the message and scrubbing the token', async () => {
    reply = ok(null, `{"code":40101,"message":"token ${TOKEN} 已过期","data":null}`)
    const err = await rejection(client().recordTypes(), CrmApiError)
    expect(err).toMatchObject({ kind: 'auth', code: 40101, retryable: false })
    expect(err.message).toContain('已过期')
    expect(err.message).not.toContain(TOKEN)
  })

  it('rejects an envelope without code as a non-retryable bad response', async () => {
    reply = ok(null, '{"message":"ok","data":[]}')
    expect(await rejection(client().recordTypes(), CrmApiError)).toMatchObject({ kind: 'bad_response', retryable: false })
  })

  it('honours Retry-After as an HTTP-date', async () => {
    reply = send(429, '', { 'retry-after': new Date(Date.now() + 30_000).toUTCString() })
    const err = await rejection(client().recordTypes(), CrmApiError)
    expect(err).toMatchObject({ kind: 'rate_limited', retryable: true, status: 429 })
    expect(err.retryAfterMs).toBeGreaterThan(25_000)
    expect(err.retryAfterMs).toBeLessThanOrEqual(30_000)
  })

  it('keeps a Retry-After sent with a 503', async () => {
    reply = send(503, 'Service Unavailable', { 'content-type': 'text/plain', 'retry-after': '3' })
    expect(await rejection(client().recordTypes(), CrmApiError)).toMatchObject({ kind: 'server', retryable: true, status: 503, retryAfterMs: 3000 })
  })

  it('reports a DNS failure as a network error that was never sent', async () => {
    const dispatcher = new Agent({
      connect: {
        lookup: (hostname, _options, callback) => {
          callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '', 4)
        },
      },
    })
    try {
      const c = createCrmClient({ baseUrl: 'http://e-crm.example.invalid/openapi/v1', getAccessToken: () => TOKEN, dispatcher })
      const err = await rejection(c.recordTypes(), CrmApiError)
      expect(err).toMatchObject({ kind: 'network', retryable: true, notSent: true })
      expect(err.message).toContain('ENOTFOUND')
      expect(err.message).not.toContain(TOKEN)
    } finally {
      await dispatcher.close()
    }
  })
})

describe('parseRetryAfter', () => {
  it('reads seconds and dates, and ignores garbage', () => {
    const now = Date.parse('2024-01-01T00:00:00Z')
    expect(parseRetryAfter('7', now)).toBe(7000)
    expect(parseRetryAfter(['2'], now)).toBe(2000)
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:00:10 GMT', now)).toBe(10_000)
    expect(parseRetryAfter('Mon, 01 Jan 2023 00:00:10 GMT', now)).toBe(0)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter(undefined, now)).toBeUndefined()
  })
})
