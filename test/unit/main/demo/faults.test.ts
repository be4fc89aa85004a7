/** Each injected fault observably happens, only where scoped, and replays from its seed. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { NO_FAULTS, parseFaultSpec } from '../../../../electron/main/demo/faults'
import { startDemoServer, type DemoServer } from '../../../../electron/main/demo/server'
import { call, postToken, passwordForm, rawExchange, signIn, type Envelope } from './helpers'

let server: DemoServer
let token: string

beforeAll(async () => {
  server = await startDemoServer({ records: 100 })
  token = (await signIn(server)).accessToken
})
afterEach(() => server.setFaults(NO_FAULTS))
afterAll(() => server.close())

const TYPES = '/followupRecord/recordTypes'

function firstClientId(): string {
  return server.store.clients()[0]?.id ?? ''
}

async function create(content = '故障测试'): Promise<{ status: number; json: Envelope<{ id: string }> }> {
  return call<Envelope<{ id: string }>>(server, 'POST', '/followupRecord', {
    token,
    body: { cle_id: firstClientId(), record_type: 38, record_content: content },
  })
}

/** The error a transport-level failure surfaces as, or undefined when an answer arrived. */
async function transportError(run: () => Promise<unknown>): Promise<Error | undefined> {
  try {
    await run()
    return undefined
  } catch (error) {
    return error as Error
  }
}

describe('fault kinds', () => {
  it('adds latency before handling', async () => {
    server.setFaults({ latencyMs: 150 })
    const started = performance.now()
    expect((await call(server, 'GET', TYPES, { token })).status).toBe(200)
    expect(performance.now() - started).toBeGreaterThanOrEqual(140)
    expect(server.stats.faults.latency).toBeGreaterThan(0)
  })

  it('answers 500 and 503 with a JSON envelope and 502 with an HTML gateway page', async () => {
    server.setFaults({ serverErrorRate: 1 })
    const seen = new Map<number, { type: string; text: string }>()
    for (let i = 0; i < 30 && seen.size < 3; i++) {
      const answer = await call(server, 'GET', TYPES, { token })
      seen.set(answer.status, { type: String(answer.headers['content-type']), text: answer.text })
    }
    expect([...seen.keys()].sort()).toEqual([500, 502, 503])
    expect(seen.get(502)?.type).toContain('text/html')
    expect(seen.get(502)?.text).toContain('502 Bad Gateway')
    for (const status of [500, 503]) expect(JSON.parse(seen.get(status)?.text ?? '')).toMatchObject({ code: 500, data: null })
  })

  it('answers 429 with Retry-After', async () => {
    server.setFaults({ rateLimitRate: 1, retryAfterSec: 7 })
    const answer = await call<Envelope>(server, 'GET', TYPES, { token })
    expect(answer.status).toBe(429)
    expect(answer.headers['retry-after']).toBe('7')
    expect(answer.json.code).toBe(429)
  })

  it('answers HTTP 200 with an envelope error', async () => {
    server.setFaults({ envelopeErrorRate: 1 })
    const answer = await call(server, 'GET', TYPES, { token })
    expect(answer.status).toBe(200)
    expect(answer.json).toEqual({ code: 500, message: '系统繁忙，请稍后再试', data: null })
  })

  it('resets the connection before handling: nothing is committed', async () => {
    const count = server.store.count()
    const creates = server.stats.createsCommitted
    server.setFaults({ resetBeforeRate: 1 })
    expect(await transportError(() => create())).toBeDefined()
    server.setFaults(NO_FAULTS)
    expect(server.store.count()).toBe(count)
    expect(server.stats.createsCommitted).toBe(creates)
    expect(server.stats.faults.resetBefore).toBeGreaterThan(0)
  })

  it('resets the connection after committing a create or a delete: the lost-response case', async () => {
    const count = server.store.count()
    const creates = server.stats.createsCommitted
    server.setFaults({ resetAfterCommitRate: 1 })
    expect(await transportError(() => create('答复丢失'))).toBeDefined()
    expect(server.store.count()).toBe(count + 1)
    expect(server.stats.createsCommitted).toBe(creates + 1)
    const lost = server.store.all().find((record) => record.record_content === '答复丢失')
    expect(lost).toBeDefined()

    const deleted = await transportError(() => call(server, 'DELETE', '/followupRecord', { token, body: { ids: [lost?.id] } }))
    expect(deleted).toBeDefined()
    expect(server.store.has(lost?.id ?? '')).toBe(false)

    // Reads are answered: the fault is for POST and DELETE only.
    expect((await call(server, 'GET', TYPES, { token })).status).toBe(200)
  })

  it('cuts a valid answer in the middle of its JSON body', async () => {
    server.setFaults({ truncateRate: 1 })
    const exchange = await rawExchange(server, 'GET', TYPES, { authorization: `Bearer ${token}` })
    const promised = Number(/content-length: (\d+)/i.exec(exchange.head)?.[1])
    expect(exchange.head).toMatch(/^HTTP\/1\.1 200/)
    expect(exchange.body.length).toBeGreaterThan(0)
    expect(exchange.body.length).toBeLessThan(promised)
    expect(() => JSON.parse(exchange.body.toString('utf8'))).toThrow()
    expect(exchange.body.toString('utf8')).toMatch(/^\{"code":200/)
    expect(await transportError(() => call(server, 'GET', TYPES, { token }))).toBeDefined()
  })

  it('trickles the body in chunks over slowBodyMs', async () => {
    server.setFaults({ slowBodyMs: 400 })
    const exchange = await rawExchange(server, 'GET', `/followupRecord/followupRecords?page_size=20`, { authorization: `Bearer ${token}` })
    expect(exchange.arrivals.length).toBeGreaterThan(3)
    expect((exchange.arrivals.at(-1) ?? 0) - (exchange.arrivals[0] ?? 0)).toBeGreaterThanOrEqual(300)
    expect(JSON.parse(exchange.body.toString('utf8'))).toMatchObject({ code: 200 })
  })

  it('hits the token endpoint too', async () => {
    server.setFaults({ serverErrorRate: 1 })
    expect((await postToken(server, passwordForm())).status).toBeGreaterThanOrEqual(500)
    server.setFaults({ serverErrorRate: 0, envelopeErrorRate: 1 })
    // The token endpoint speaks OAuth2, so an envelope error does not apply to it.
    expect((await postToken(server, passwordForm())).status).toBe(200)
  })
})

describe('scoping and settings', () => {
  it('restricts faults to the methods in only.methods', async () => {
    server.setFaults({ serverErrorRate: 1, only: { methods: ['POST'] } })
    expect((await call(server, 'GET', TYPES, { token })).status).toBe(200)
    expect((await create()).status).toBeGreaterThanOrEqual(500)
  })

  it('restricts faults to the paths in only.paths, with a trailing * as a prefix', async () => {
    server.setFaults({ serverErrorRate: 1, only: { paths: [TYPES] } })
    expect((await call(server, 'GET', TYPES, { token })).status).toBeGreaterThanOrEqual(500)
    expect((await call(server, 'GET', '/followupRecord/followupRecords', { token })).status).toBe(200)
    expect((await postToken(server, passwordForm())).status).toBe(200)

    server.setFaults({ only: { paths: ['/followupRecord/*'] } })
    const someId = server.store.all()[0]?.id ?? ''
    expect((await call(server, 'GET', `/followupRecord/${someId}`, { token })).status).toBeGreaterThanOrEqual(500)
    expect((await create()).status).toBe(200)

    server.setFaults({ only: { paths: ['/oauth2/token'] } })
    expect((await postToken(server, passwordForm())).status).toBeGreaterThanOrEqual(500)
    expect((await call(server, 'GET', TYPES, { token })).status).toBe(200)
  })

  it('clears every setting, scope included, with setFaults(NO_FAULTS)', async () => {
    server.setFaults({ serverErrorRate: 1, latencyMs: 5, only: { methods: ['GET'] } })
    server.setFaults(NO_FAULTS)
    expect((await call(server, 'GET', TYPES, { token })).status).toBe(200)
    server.setFaults({ serverErrorRate: 1 })
    expect((await create()).status).toBeGreaterThanOrEqual(500)
  })

  it('replays the same decisions from the same seed', async () => {
    const statuses = async (target: DemoServer): Promise<number[]> => {
      const targetToken = (await signIn(target)).accessToken
      target.setFaults({ serverErrorRate: 0.3, rateLimitRate: 0.2, seed: 42, only: { paths: [TYPES] } })
      const out: number[] = []
      for (let i = 0; i < 40; i++) out.push((await call(target, 'GET', TYPES, { token: targetToken })).status)
      return out
    }
    const other = await startDemoServer({ records: 50 })
    try {
      const a = await statuses(server)
      const b = await statuses(other)
      expect(a).toEqual(b)
      expect(new Set(a).size).toBeGreaterThan(2)
    } finally {
      await other.close()
    }
  })

  it('refuses rates outside 0..1', () => {
    expect(() => server.setFaults({ serverErrorRate: 2 })).toThrow(RangeError)
    expect(() => server.setFaults({ latencyMs: -1 })).toThrow(RangeError)
  })

  it('reads the CLI fault spec', () => {
    expect(parseFaultSpec('serverErrorRate=0.2, resetAfterCommitRate=0.1,latencyMs=50,methods=POST|DELETE,paths=/followupRecord')).toEqual({
      serverErrorRate: 0.2,
      resetAfterCommitRate: 0.1,
      latencyMs: 50,
      only: { methods: ['POST', 'DELETE'], paths: ['/followupRecord'] },
    })
    expect(() => parseFaultSpec('bogus=1')).toThrow(/unknown/)
    expect(() => parseFaultSpec('latencyMs=fast')).toThrow(/number/)
  })
})
