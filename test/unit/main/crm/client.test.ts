/** The API client over real HTTP against the demo e-CRM server, its faults included. */
import { Agent } from 'undici'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { passwordGrant, type AccountConfig } from '../../../../electron/main/crm/auth'
import { CrmApiError, createCrmClient, type CrmClient } from '../../../../electron/main/crm/client'
import { DEMO_ACCOUNT, NO_FAULTS, startDemoServer, type DemoServer } from '../../../../electron/main/demo/server'
import { demoAccountConfig } from '../../../support/demo-account'
import { rejection } from '../../../support/rejection'
import type { FollowupRecord } from '../../../../electron/shared/records'

let s: DemoServer
let account: AccountConfig
let token = ''
let client: CrmClient
let all: FollowupRecord[]

async function signIn(): Promise<void> {
  token = (await passwordGrant(account, DEMO_ACCOUNT.password)).accessToken
}

function clientWith(extra: { timeoutMs?: number; dispatcher?: Agent } = {}): CrmClient {
  return createCrmClient({ baseUrl: s.url, getAccessToken: () => token, timeoutMs: 5000, ...extra })
}

/** Every page of a listing, checking that the walk ends. */
async function readAll(q: Parameters<CrmClient['listRecords']>[0] = {}, pageSize = 37) {
  const rows: FollowupRecord[] = []
  const totals = new Set<number>()
  let cursor = ''
  for (let pages = 0; pages < 1000; pages++) {
    const page = await client.listRecords({ ...q, cursor, page_size: pageSize })
    totals.add(page.total)
    rows.push(...page.rows)
    if (page.rows.length === 0 || page.cursor === '' || page.cursor === cursor) return { rows, totals }
    cursor = page.cursor
  }
  throw new Error('the listing never ended')
}

function ids(rows: FollowupRecord[]): string[] {
  return rows.map((r) => r.id)
}

beforeAll(async () => {
  s = await startDemoServer({ records: 300, seed: 1 })
  account = demoAccountConfig(s)
  await signIn()
  client = clientWith()
  all = s.store.all()
})
afterAll(async () => {
  await s.close()
})
afterEach(() => {
  s.setFaults(NO_FAULTS)
})

describe('endpoints', () => {
  it('lists the record types with numeric ids', async () => {
    const types = await client.recordTypes()
    expect(types).toContainEqual({ id: 36, dic_name: '系统自动' })
    for (const t of types) {
      expect(Number.isSafeInteger(t.id)).toBe(true)
      expect(typeof t.dic_name).toBe('string')
    }
  })

  it('pages with the cursor to the end: every record once, total right, ids exact', async () => {
    const first = await client.listRecords()
    expect(first.rows).toHaveLength(10) // the document's default page size
    const { rows, totals } = await readAll()
    expect([...totals]).toEqual([300])
    expect(rows).toHaveLength(300)
    expect(new Set(ids(rows)).size).toBe(300)
    expect(new Set(ids(rows))).toEqual(new Set(ids(all)))
    for (const row of rows) {
      expect(row.id).toMatch(/^\d{18,19}$/)
      expect(row._id).toBe(row.id)
      expect(typeof row.cle_id).toBe('string')
      expect(row.client?.id).toBe(row.cle_id)
      expect(row.client?._id).toBe(row.cle_id)
      if (row.opty_id !== undefined) {
        expect(row.opportunity?.id).toBe(row.opty_id)
        expect(row.opportunity?.cle_id).toBe(row.cle_id)
      }
    }
    expect(rows.some((r) => r.opty_id !== undefined)).toBe(true)
  })

  it('reads rows exactly as the server holds them', async () => {
    const page = await client.listRecords({ page_size: 5 })
    for (const row of page.rows) expect(row).toEqual(s.store.get(row.id))
  })

  it('sorts ascending by create_time and by update_time', async () => {
    const asc = await readAll({ order: 'asc' }, 100)
    const times = asc.rows.map((r) => r.create_time)
    expect(times).toEqual([...times].sort((a, b) => a - b))
    const byUpdate = await readAll({ sort: 'update_time', order: 'desc' }, 100)
    const updates = byUpdate.rows.map((r) => r.update_time ?? 0)
    expect(updates).toEqual([...updates].sort((a, b) => b - a))
    expect(byUpdate.rows).toHaveLength(300)
  })

  describe('filters', () => {
    const sample = () => all[17] as FollowupRecord

    it('cle_name (substring)', async () => {
      const name = sample().cle_name ?? ''
      const part = [...name].slice(1, 3).join('')
      const { rows, totals } = await readAll({ cle_name: part })
      const expected = all.filter((r) => (r.cle_name ?? '').toLowerCase().includes(part.toLowerCase()))
      expect(new Set(ids(rows))).toEqual(new Set(ids(expected)))
      expect([...totals]).toEqual([expected.length])
    })

    it('cle_id (substring of the id)', async () => {
      const part = sample().cle_id.slice(-6)
      const { rows } = await readAll({ cle_id: part })
      expect(rows.length).toBeGreaterThan(0)
      expect(new Set(ids(rows))).toEqual(new Set(ids(all.filter((r) => r.cle_id.includes(part)))))
    })

    it('cle_phone (exact)', async () => {
      const phone = sample().client?.cle_phone ?? ''
      const { rows } = await readAll({ cle_phone: phone })
      expect(rows.length).toBeGreaterThan(0)
      expect(new Set(ids(rows))).toEqual(new Set(ids(all.filter((r) => r.client?.cle_phone === phone))))
      expect((await client.listRecords({ cle_phone: phone.slice(0, -1) })).total).toBe(0)
    })

    it('create_time (records from that China day on), in both date styles', async () => {
      const at = sample().create_time
      const day = new Date((at + 8 * 3600) * 1000).toISOString().slice(0, 10)
      const dayStart = Date.parse(`${day}T00:00:00+08:00`) / 1000
      const expected = all.filter((r) => r.create_time >= dayStart)
      const dashed = await readAll({ create_time: day }, 100)
      const slashed = await readAll({ create_time: day.replaceAll('-', '/') }, 100)
      expect(new Set(ids(dashed.rows))).toEqual(new Set(ids(expected)))
      expect(new Set(ids(slashed.rows))).toEqual(new Set(ids(expected)))
      expect(expected.length).toBeLessThan(300)
    })

    it('record_content_name (substring of the text)', async () => {
      const text = sample().record_content_name ?? ''
      const part = [...text].slice(2, 6).join('')
      const { rows } = await readAll({ record_content_name: part })
      expect(rows.length).toBeGreaterThan(0)
      const expected = all.filter((r) => (r.record_content_name ?? '').toLowerCase().includes(part.toLowerCase()))
      expect(new Set(ids(rows))).toEqual(new Set(ids(expected)))
    })

    it('a refused filter comes back as rejected with the server message', async () => {
      const err = await rejection(client.listRecords({ create_time: '2019.01.01' }), CrmApiError)
      expect(err).toMatchObject({ kind: 'rejected', retryable: false, code: 400 })
      expect(err.message).toContain('create_time')
    })
  })

  it('reads a detail: cle_id a string like in the list, no embedded client', async () => {
    const withOpportunity = all.find((r) => r.opty_id !== undefined) as FollowupRecord
    const record = await client.getRecord(withOpportunity.id)
    expect(record).toMatchObject({
      id: withOpportunity.id,
      _id: withOpportunity.id,
      cle_id: withOpportunity.cle_id,
      opty_id: withOpportunity.opty_id,
      record_type: withOpportunity.record_type,
      record_content: withOpportunity.record_content,
      create_time: withOpportunity.create_time,
    })
    expect(record).not.toHaveProperty('client')
    expect(record).not.toHaveProperty('opportunity')
  })

  it('says notFound for a record deleted on the server', async () => {
    const victim = all[250] as FollowupRecord
    expect(s.store.deleteDirect([victim.id])).toBe(1)
    const err = await rejection(client.getRecord(victim.id), CrmApiError)
    expect(err).toMatchObject({ kind: 'rejected', notFound: true, retryable: false })
  })

  it('creates a record on an opportunity and returns its exact id', async () => {
    const owner = s.store.clients().find((c) => c.opportunities.length > 0)
    const opportunity = owner?.opportunities[0]
    if (!owner || !opportunity) throw new Error('the demo data has no opportunity')
    const before = s.store.count()
    const { id } = await client.createRecord({ cle_id: owner.id, opty_id: opportunity.id, record_type: 37, record_content: '<p>电话回访</p>' })
    expect(id).toMatch(/^\d{18,19}$/)
    expect(String(Number(id))).not.toBe(id) // a JS number would have rounded it
    expect(s.store.has(id)).toBe(true)
    expect(s.store.count()).toBe(before + 1)
    expect(await client.getRecord(id)).toMatchObject({ id, cle_id: owner.id, opty_id: opportunity.id, record_type: 37, record_content: '<p>电话回访</p>' })
  })

  it('creates a record without an opportunity', async () => {
    const owner = s.store.clients()[3]
    if (!owner) throw new Error('no client')
    const { id } = await client.createRecord({ cle_id: owner.id, record_type: 36, record_content: '上门拜访' })
    const record = await client.getRecord(id)
    expect(record.cle_id).toBe(owner.id)
    expect(record).not.toHaveProperty('opty_id')
  })

  it('rejects a create on an opportunity of another client, keeping the message', async () => {
    const [a, b] = s.store.clients().filter((c) => c.opportunities.length > 0)
    const foreign = b?.opportunities[0]
    if (!a || !foreign) throw new Error('the demo data needs two clients with opportunities')
    const before = s.store.count()
    const err = await rejection(client.createRecord({ cle_id: a.id, opty_id: foreign.id, record_type: 36, record_content: 'x' }), CrmApiError)
    expect(err).toMatchObject({ kind: 'rejected', retryable: false, code: 400, status: 200 })
    expect(err.message).toContain('商机不属于该客户')
    expect(s.store.count()).toBe(before)
  })

  it('deletes a batch; deleting vanished ids again still succeeds; an empty batch sends nothing', async () => {
    const victims = [all[100], all[101]].map((r) => (r as FollowupRecord).id)
    await client.deleteRecords(victims)
    for (const id of victims) expect(s.store.has(id)).toBe(false)
    await client.deleteRecords(victims)
    const requests = s.stats.requests
    await client.deleteRecords([])
    expect(s.stats.requests).toBe(requests)
  })
})

describe('errors from the fault knobs', () => {
  it('network: the socket is reset before an answer', async () => {
    s.setFaults({ resetBeforeRate: 1 })
    const err = await rejection(client.recordTypes(), CrmApiError)
    expect(err).toMatchObject({ kind: 'network', retryable: true })
    expect(err.notSent).toBeUndefined() // it reached the server: only the caller can tell what happened
    expect(err.message).not.toContain(token)
  })

  it('network: a create committed, then the answer lost (the caller must look before resending)', async () => {
    const owner = s.store.clients()[5]
    if (!owner) throw new Error('no client')
    const before = s.store.count()
    s.setFaults({ resetAfterCommitRate: 1 })
    const err = await rejection(client.createRecord({ cle_id: owner.id, record_type: 36, record_content: '丢失的应答' }), CrmApiError)
    expect(err).toMatchObject({ kind: 'network', retryable: true })
    expect(s.store.count()).toBe(before + 1)
  })

  it('network: nothing listens (refused, never sent)', async () => {
    const closed = await startDemoServer({ records: 0 })
    const url = closed.url
    await closed.close()
    const err = await rejection(createCrmClient({ baseUrl: url, getAccessToken: () => token }).recordTypes(), CrmApiError)
    expect(err).toMatchObject({ kind: 'network', retryable: true, notSent: true })
  })

  it('timeout: no headers within timeoutMs', async () => {
    s.setFaults({ latencyMs: 1500 })
    const started = Date.now()
    const err = await rejection(clientWith({ timeoutMs: 300 }).recordTypes(), CrmApiError)
    expect(err).toMatchObject({ kind: 'timeout', retryable: true })
    expect(Date.now() - started).toBeLessThan(1200)
  })

  it('timeout: headers in time but the body trickles past timeoutMs', async () => {
    s.setFaults({ slowBodyMs: 2000 })
    const started = Date.now()
    const err = await rejection(clientWith({ timeoutMs: 500 }).listRecords({ page_size: 50 }), CrmApiError)
    expect(err).toMatchObject({ kind: 'timeout', retryable: true })
    expect(Date.now() - started).toBeLessThan(1700)
  })

  it('a slow body within timeoutMs is fine', async () => {
    s.setFaults({ slowBodyMs: 300 })
    expect((await clientWith({ timeoutMs: 3000 }).listRecords({ page_size: 5 })).rows).toHaveLength(5)
  })

  it('auth: the token expired', async () => {
    s.expireTokens()
    try {
      const err = await rejection(client.recordTypes(), CrmApiError)
      expect(err).toMatchObject({ kind: 'auth', retryable: false, status: 401 })
      expect(err.message).toContain('过期')
      expect(err.message).not.toContain(token)
    } finally {
      await signIn()
    }
    expect(await client.recordTypes()).not.toHaveLength(0)
  })

  it('rate_limited, with Retry-After in ms', async () => {
    s.setFaults({ rateLimitRate: 1, retryAfterSec: 7 })
    const err = await rejection(client.listRecords(), CrmApiError)
    expect(err).toMatchObject({ kind: 'rate_limited', retryable: true, status: 429, retryAfterMs: 7000 })
  })

  it('server: HTTP 500, 503 and the gateway 502 HTML page', async () => {
    s.setFaults({ serverErrorRate: 1 })
    const statuses = new Set<number>()
    for (let i = 0; i < 30 && statuses.size < 3; i++) {
      const err = await rejection(client.recordTypes(), CrmApiError)
      expect(err).toMatchObject({ kind: 'server', retryable: true })
      statuses.add(err.status ?? 0)
      if (err.status === 502) expect(err.message).toContain('502')
    }
    expect([...statuses].sort()).toEqual([500, 502, 503])
  })

  it('server: the envelope "system busy" with HTTP 200', async () => {
    s.setFaults({ envelopeErrorRate: 1 })
    const err = await rejection(client.recordTypes(), CrmApiError)
    expect(err).toMatchObject({ kind: 'server', retryable: true, status: 200, code: 500 })
    expect(err.message).toContain('系统繁忙')
  })

  it('bad_response: the body is cut off half-way (retryable)', async () => {
    s.setFaults({ truncateRate: 1 })
    const err = await rejection(client.listRecords({ page_size: 20 }), CrmApiError)
    expect(err).toMatchObject({ kind: 'bad_response', retryable: true, status: 200 })
  })

  it('never leaks a connection: one socket serves calls after every kind of failure', async () => {
    const dispatcher = new Agent({ connections: 1 })
    const c = clientWith({ dispatcher, timeoutMs: 3000 })
    try {
      s.setFaults({ rateLimitRate: 1 })
      await rejection(c.recordTypes(), CrmApiError)
      s.setFaults({ ...NO_FAULTS, serverErrorRate: 1 })
      for (let i = 0; i < 3; i++) await rejection(c.recordTypes(), CrmApiError)
      s.setFaults({ ...NO_FAULTS, envelopeErrorRate: 1 })
      await rejection(c.recordTypes(), CrmApiError)
      s.setFaults(NO_FAULTS)
      await rejection(c.getRecord('1'), CrmApiError)
      for (let i = 0; i < 5; i++) expect((await c.listRecords({ page_size: 3 })).rows).toHaveLength(3)
    } finally {
      await dispatcher.close()
    }
  })
})
