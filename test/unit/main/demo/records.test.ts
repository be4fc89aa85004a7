/** Create, detail and delete, their validation errors, routing, and the store's direct access. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoServer, type DemoServer } from '../../../../electron/main/demo/server'
import { call, listPage, signIn, type Envelope, type WireObject } from './helpers'

let server: DemoServer
let token: string

beforeAll(async () => {
  server = await startDemoServer({ records: 150, seed: 5 })
  token = (await signIn(server)).accessToken
})
afterAll(() => server.close())

function clients() {
  const all = server.store.clients()
  const withOpportunities = all.filter((client) => client.opportunities.length > 0)
  const other = all.find((client) => client !== withOpportunities[0] && client.opportunities.length > 0)
  if (!withOpportunities[0] || !other) throw new Error('need two clients with opportunities')
  return { client: withOpportunities[0], other }
}

async function post(body: unknown): Promise<Envelope<{ id: string; _id: bigint }>> {
  const answer = await call<Envelope<{ id: string; _id: bigint }>>(server, 'POST', '/followupRecord', { token, body })
  expect(answer.status).toBe(200)
  return answer.json
}

describe('create', () => {
  it('creates a record by the signed-in agent, now, first in the list, with stripped content', async () => {
    const { client } = clients()
    const opportunity = client.opportunities[0]
    const before = server.store.count()
    const started = Math.floor(Date.now() / 1000)
    const answer = await post({ cle_id: client.id, opty_id: opportunity?.id, record_type: 38, record_content: '<p>上门拜访<b>王总</b><br>已报价</p>' })
    expect(answer.code).toBe(200)
    expect(server.store.count()).toBe(before + 1)
    const detail = (await call<Envelope<WireObject>>(server, 'GET', `/followupRecord/${answer.data.id}`, { token })).json.data
    expect(detail).toMatchObject({
      id: answer.data.id,
      record_type: 38,
      record_type_name: '慢速记录',
      record_content: '<p>上门拜访<b>王总</b><br>已报价</p>',
      record_content_name: '上门拜访王总已报价',
      create_user_name: '8001 张伟',
      update_user_name: '8001 张伟',
      create_department_name: '华中销售部',
      cle_name: client.name,
      vcc_id: 90000000,
    })
    expect(detail.opty_id).toBe(BigInt(opportunity?.id ?? '0'))
    expect(detail.create_time).toBeGreaterThanOrEqual(started)
    expect(detail.update_time).toBe(detail.create_time)
    const first = (await listPage(server, token, { page_size: 1 })).data.rows[0]
    expect(first?.id).toBe(answer.data.id)
    expect(first?.client.last_contact_time).toBe(detail.create_time)
    expect(first?.client.last_contact_user_name).toBe('8001 张伟')
  })

  it('treats 0, "" and null opty_id as no opportunity', async () => {
    const { client } = clients()
    for (const optyId of [0, '', null]) {
      const answer = await post({ cle_id: client.id, opty_id: optyId, record_type: 39, record_content: '未接通' })
      expect(answer.code).toBe(200)
      expect(server.store.get(answer.data.id)?.opportunity).toBeUndefined()
    }
  })

  it('refuses invalid input with envelope errors naming the problem', async () => {
    const { client, other } = clients()
    const valid = { cle_id: client.id, record_type: 38, record_content: '内容' }
    const cases: [unknown, string][] = [
      [{ ...valid, cle_id: undefined }, 'cle_id'],
      [{ ...valid, cle_id: 'abc' }, 'cle_id'],
      [{ ...valid, cle_id: '1234567890123456789' }, '客户不存在'],
      [{ ...valid, opty_id: other.opportunities[0]?.id }, '商机不属于该客户'],
      [{ ...valid, opty_id: '1234567890123456789' }, '商机不存在'],
      [{ ...valid, opty_id: 'x' }, 'opty_id'],
      [{ ...valid, record_type: 99 }, '跟进记录类型不存在'],
      [{ ...valid, record_type: undefined }, 'record_type'],
      [{ ...valid, record_type: 'slow' }, 'record_type'],
      [{ ...valid, record_content: undefined }, 'record_content'],
      [{ ...valid, record_content: 42 }, 'record_content'],
      ['{"cle_id": ', 'JSON'],
      ['[1,2]', 'JSON对象'],
      ['{"__proto__": {"x": 1}}', 'JSON'],
    ]
    const before = server.store.count()
    for (const [body, problem] of cases) {
      const answer = await post(body)
      expect(answer.code, JSON.stringify(body)).toBe(400)
      expect(answer.message, JSON.stringify(body)).toContain(problem)
      expect(answer.data).toBeNull()
    }
    expect(server.store.count()).toBe(before)
  })

  it('accepts record_type as a numeric string, as PHP-era vendors do', async () => {
    const { client } = clients()
    expect((await post({ cle_id: client.id, record_type: '39', record_content: '已发资料' })).code).toBe(200)
  })

  it('refuses a body over 1 MiB', async () => {
    const { client } = clients()
    const answer = await call<Envelope>(server, 'POST', '/followupRecord', {
      token,
      body: { cle_id: client.id, record_type: 38, record_content: 'x'.repeat(1024 * 1024 + 1) },
    })
    expect(answer.json.code).toBe(400)
    expect(answer.json.message).toContain('过大')
  })
})

describe('detail and delete', () => {
  it('answers an unknown, malformed or deleted id with 跟进记录不存在', async () => {
    const id = server.store.all()[3]?.id ?? ''
    server.store.deleteDirect([id])
    for (const path of ['/followupRecord/1234567890123456789', '/followupRecord/abc', `/followupRecord/${id}`]) {
      const answer = await call<Envelope>(server, 'GET', path, { token })
      expect(answer.status).toBe(200)
      expect(answer.json).toEqual({ code: 404, message: '跟进记录不存在', data: null })
    }
  })

  it('deletes the ids that exist, ignores the others, and succeeds again on a retry', async () => {
    const [a, b] = server.store.all().slice(0, 2).map((record) => record.id) as [string, string]
    const deletes = server.stats.deletesCommitted
    const body = { ids: [a, b, '1234567890123456789'] }
    for (let attempt = 0; attempt < 2; attempt++) {
      const answer = await call(server, 'DELETE', '/followupRecord', { token, body })
      expect(answer.json).toEqual({ code: 200, message: 'ok', data: [] })
    }
    expect(server.store.has(a) || server.store.has(b)).toBe(false)
    expect(server.stats.deletesCommitted).toBe(deletes + 2)
  })

  it('refuses a missing, empty or malformed ids list', async () => {
    for (const body of [{}, { ids: [] }, { ids: 'x' }, { ids: ['abc'] }, { ids: [1.5] }]) {
      const answer = await call<Envelope>(server, 'DELETE', '/followupRecord', { token, body })
      expect(answer.json.code, JSON.stringify(body)).toBe(400)
    }
  })
})

describe('routing', () => {
  it('answers an unknown route with HTTP 404 and an envelope', async () => {
    for (const path of ['/followupRecord/a/b', '/customer', '']) {
      const answer = await call<Envelope>(server, 'GET', path, { token })
      expect(answer.status).toBe(404)
      expect(answer.json.code).toBe(404)
    }
    const outside = await call<Envelope>(server, 'GET', '/../../elsewhere', {})
    expect(outside.status).toBe(404)
  })

  it('answers a wrong method with HTTP 405', async () => {
    const answer = await call<Envelope>(server, 'PUT', '/followupRecord', { token, body: {} })
    expect(answer.status).toBe(405)
    expect(answer.headers.allow).toBe('POST, DELETE')
  })
})

describe('the store, for tests', () => {
  it('creates records as a colleague would, visible through the API', async () => {
    const { client } = clients()
    const record = server.store.createDirect({ cle_id: client.id, record_content: '<p>同事补录</p>' })
    expect(record).toMatchObject({ cle_id: client.id, create_user_name: '8002 王磊', record_content_name: '同事补录' })
    expect(record.client?.id).toBe(client.id)
    const first = (await listPage(server, token, { page_size: 1 })).data.rows[0]
    expect(first?.id).toBe(record.id)
    expect(() => server.store.createDirect({ cle_id: '1' })).toThrow(/客户不存在/)
  })

  it('deletes records behind the API, reporting how many existed', async () => {
    const id = server.store.all()[0]?.id ?? ''
    expect(server.store.deleteDirect([id, id, 'junk'])).toBe(1)
    expect(server.store.has(id)).toBe(false)
    expect(server.store.get(id)).toBeUndefined()
  })

  it('returns rows with ids as strings, counting what the list counts', async () => {
    const all = server.store.all()
    expect(all).toHaveLength(server.store.count())
    expect((await listPage(server, token)).data.total).toBe(all.length)
    const record = all.find((r) => r.opportunity) ?? all[0]
    expect(typeof record?._id).toBe('string')
    expect(typeof record?.client?._id).toBe('string')
    expect(server.store.get(record?.id ?? '')).toEqual(record)
  })

  it('lists clients with their opportunities', () => {
    const list = server.store.clients()
    expect(list.length).toBeGreaterThanOrEqual(3)
    for (const client of list) {
      expect(client.id).toMatch(/^\d{19}$/)
      expect(client.phone).toMatch(/^1\d{10}$/)
      expect(client.opportunities.length).toBeLessThanOrEqual(3)
      for (const opportunity of client.opportunities) {
        expect(opportunity.id).toMatch(/^\d{19}$/)
        expect(['初步洽谈', '需求确认', '方案报价', '商务谈判', '赢单']).toContain(opportunity.stage)
      }
    }
  })
})
