/** 64-bit ids cross the wire exactly: bare 19-digit integers out, integers or strings in. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoServer, type DemoServer } from '../../../../electron/main/demo/server'
import { call, signIn, type Envelope, type WireObject, type WireRow } from './helpers'

let server: DemoServer
let token: string
let rows: WireRow[]
let rawList: string

beforeAll(async () => {
  server = await startDemoServer({ records: 200 })
  token = (await signIn(server)).accessToken
  const answer = await call<Envelope<{ rows: WireRow[] }>>(server, 'GET', '/followupRecord/followupRecords', { token, query: { page_size: 200 } })
  rows = answer.json.data.rows
  rawList = answer.text
})
afterAll(() => server.close())

function clientWithOpportunity(): { cleId: string; optyId: string } {
  const client = server.store.clients().find((c) => c.opportunities.length > 0)
  if (!client) throw new Error('the data set has no opportunity')
  return { cleId: client.id, optyId: client.opportunities[0]?.id ?? '' }
}

describe('ids on the wire', () => {
  it('writes _id, cle_id, opty_id and embedded ids as bare 19-digit JSON integers equal to their string twins', () => {
    for (const row of rows) {
      expect(row.id).toMatch(/^\d{19}$/)
      expect(row._id).toBe(BigInt(row.id))
      expect(rawList).toContain(`"_id":${row.id},`)
      expect(row.client._id).toBe(BigInt(row.client.id))
      expect(row.cle_id).toBe(row.client.id)
      if (row.opportunity) {
        expect(row.opty_id).toBe(row.opportunity._id)
        expect(row.opportunity._id).toBe(BigInt(row.opportunity.id))
        expect(row.opportunity.cle_id).toBe(row.client._id)
      }
    }
    // The reason for the codec: plain JSON.parse rounds them.
    const plain = JSON.parse(rawList) as { data: { rows: { _id: number; id: string }[] } }
    expect(plain.data.rows.some((row) => String(row._id) !== row.id)).toBe(true)
  })

  it('gives unique ids that increase with creation time, shaped like the vendor snowflake', () => {
    const ids = rows.map((row) => row._id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const row of rows) expect(Number(row._id >> 22n) / 1000).toBeCloseTo(row.create_time, -1)
    const byId = [...rows].sort((a, b) => (a._id < b._id ? -1 : 1))
    for (let i = 1; i < byId.length; i++) expect(byId[i]!.create_time).toBeGreaterThanOrEqual(byId[i - 1]!.create_time)
  })

  it('writes cle_id as an integer in detail', async () => {
    const row = rows[0] as WireRow
    const answer = await call<Envelope<WireObject>>(server, 'GET', `/followupRecord/${row.id}`, { token })
    expect(answer.json.data.cle_id).toBe(BigInt(row.cle_id))
    expect(answer.text).toContain(`"cle_id":${row.cle_id},`)
  })

  it('answers create with an exact string id and a lossy _id, as the vendor does', async () => {
    const { cleId } = clientWithOpportunity()
    const answer = await call<Envelope<{ id: string; _id: bigint }>>(server, 'POST', '/followupRecord', {
      token,
      body: { cle_id: BigInt(cleId), record_type: 38, record_content: 'precision' },
    })
    const { id, _id } = answer.json.data
    expect(id).toMatch(/^\d{19}$/)
    expect(server.store.has(id)).toBe(true)
    // `_id` is the id as a JS number prints it, like 6471994196059472000 in the document.
    expect(_id).toBe(BigInt(String(Number(BigInt(id)))))
    expect(_id).not.toBe(BigInt(id))
    expect(answer.text).toContain(`"_id":${Number(BigInt(id))}`)
  })

  it('accepts cle_id and opty_id as bare integers beyond 2^53 and as decimal strings, exactly', async () => {
    const { cleId, optyId } = clientWithOpportunity()
    const asIntegers = `{"cle_id":${cleId},"opty_id":${optyId},"record_type":36,"record_content":"ints"}`
    const asStrings = JSON.stringify({ cle_id: cleId, opty_id: optyId, record_type: 36, record_content: 'strings' })
    for (const body of [asIntegers, asStrings]) {
      const answer = await call<Envelope<{ id: string }>>(server, 'POST', '/followupRecord', { token, body })
      expect(answer.json.code).toBe(200)
      const stored = server.store.get(answer.json.data.id)
      expect(stored?.cle_id).toBe(cleId)
      expect(stored?.opty_id).toBe(optyId)
    }
  })

  it('refuses an id that lost its precision on the way (a rounded client id is another client)', async () => {
    const { cleId } = clientWithOpportunity()
    const rounded = String(BigInt(Number(BigInt(cleId))))
    const answer = await call<Envelope>(server, 'POST', '/followupRecord', { token, body: `{"cle_id":${rounded},"record_type":38,"record_content":"x"}` })
    expect(rounded).not.toBe(cleId)
    expect(answer.json.code).toBe(400)
    expect(answer.json.message).toContain('客户不存在')
  })

  it('writes user text that looks like the codec\'s BigInt mark as the text it is', async () => {
    const cleId = server.store.clients()[0]?.id ?? ''
    const content = 'bigint-0123456789abcdef:42'
    const created = await call<Envelope<{ id: string }>>(server, 'POST', '/followupRecord', { token, body: { cle_id: cleId, record_type: 39, record_content: content } })
    const detail = await call<Envelope<WireObject>>(server, 'GET', `/followupRecord/${created.json.data.id}`, { token })
    expect(detail.json.data.record_content).toBe(content)
  })

  it('deletes ids sent as bare integers and as strings alike', async () => {
    const [a, b] = rows.slice(-2) as [WireRow, WireRow]
    const answer = await call<Envelope>(server, 'DELETE', '/followupRecord', { token, body: `{"ids":[${a.id},"${b.id}"]}` })
    expect(answer.json).toEqual({ code: 200, message: 'ok', data: [] })
    expect(server.store.has(a.id)).toBe(false)
    expect(server.store.has(b.id)).toBe(false)
  })
})
