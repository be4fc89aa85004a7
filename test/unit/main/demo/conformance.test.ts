/**
 * The demo answers with the same field names and JSON types as the vendor's document, top level
 * and inside client and opportunity, so code that works against it works against the vendor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoServer, type DemoServer } from '../../../../electron/main/demo/server'
import { call, listPage, signIn, type Envelope, type WireObject, type WireRow } from './helpers'
import { fixedKeyOrder, seedExamples, shapeOf, type SeedExamples } from './seed-document'

let server: DemoServer
let token: string
let seed: SeedExamples
let rows: WireRow[]

beforeAll(async () => {
  seed = seedExamples()
  server = await startDemoServer({ records: 300 })
  token = (await signIn(server)).accessToken
  rows = (await listPage(server, token, { page_size: 300 })).data.rows
})
afterAll(() => server.close())

const seedData = (block: WireObject): WireObject => block.data as WireObject
const seedRow = (): WireObject => (seedData(seed.listAnswer).rows as WireObject[])[0] as WireObject
const withOpportunity = (): WireRow => rows.find((row) => row.opportunity !== undefined) as WireRow
const withoutOpportunity = (): WireRow => rows.find((row) => row.opportunity === undefined) as WireRow

describe('conformance with the seed document', () => {
  it('reads the six examples out of the document', () => {
    expect(seed.createRequest).toHaveProperty('cle_id')
    expect((seedData(seed.listAnswer).rows as unknown[]).length).toBe(2)
  })

  it('answers recordTypes with exactly the four types of the document', async () => {
    const answer = await call(server, 'GET', '/followupRecord/recordTypes', { token })
    expect(answer.status).toBe(200)
    expect(answer.json).toEqual(seed.recordTypes)
  })

  it('wraps the list in the same envelope and page shape', async () => {
    const answer = await call<Envelope<WireObject>>(server, 'GET', '/followupRecord/followupRecords', { token })
    expect(shapeOf(answer.json as unknown as WireObject)).toEqual(shapeOf(seed.listAnswer))
    expect(shapeOf(answer.json.data)).toEqual(shapeOf(seedData(seed.listAnswer)))
  })

  it('gives list rows the fields, JSON types and order of the document', () => {
    const row = withOpportunity()
    expect(shapeOf(row)).toEqual(shapeOf(seedRow()))
    expect(fixedKeyOrder(row)).toEqual(fixedKeyOrder(seedRow()))
  })

  it('leaves out opty_id and opportunity, and nothing else, on rows not added on an opportunity', () => {
    const expected = shapeOf(seedRow())
    expected.delete('opty_id')
    expected.delete('opportunity')
    expect(shapeOf(withoutOpportunity())).toEqual(expected)
  })

  it('embeds a client with the fields and JSON types of the document, tenant fields compared by kind', () => {
    const seedClient = seedRow().client as WireObject
    for (const row of rows.slice(0, 50)) expect(shapeOf(row.client)).toEqual(shapeOf(seedClient))
    expect(fixedKeyOrder(withOpportunity().client)).toEqual(fixedKeyOrder(seedClient))
  })

  it('embeds an opportunity with the fields, JSON types and order of the document', () => {
    const seedOpportunity = seedRow().opportunity as WireObject
    const opportunity = withOpportunity().opportunity as WireObject
    expect(shapeOf(opportunity)).toEqual(shapeOf(seedOpportunity))
    expect(fixedKeyOrder(opportunity)).toEqual(fixedKeyOrder(seedOpportunity))
  })

  it('keeps the document type quirks: update_department_name is 0 inside client and opportunity, a name on the record', () => {
    const row = withOpportunity()
    expect(row.client.update_department_name).toBe(0)
    expect(row.opportunity?.update_department_name).toBe(0)
    expect(typeof row.update_department_name).toBe('string')
  })

  it('answers detail with the fields, JSON types and order of the document (no client, cle_id an integer)', async () => {
    const row = withOpportunity()
    const answer = await call<Envelope<WireObject>>(server, 'GET', `/followupRecord/${row.id}`, { token })
    expect(shapeOf(answer.json.data)).toEqual(shapeOf(seedData(seed.detailAnswer)))
    expect(fixedKeyOrder(answer.json.data)).toEqual(fixedKeyOrder(seedData(seed.detailAnswer)))
    expect(typeof answer.json.data.cle_id).toBe('bigint')
  })

  it('answers create with the shape of the document', async () => {
    const row = withOpportunity()
    const body = { cle_id: BigInt(row.cle_id), opty_id: row.opty_id, record_type: 36, record_content: '跟进记录' }
    expect(Object.keys(body)).toEqual(Object.keys(seed.createRequest))
    const answer = await call<Envelope<WireObject>>(server, 'POST', '/followupRecord', { token, body })
    expect(shapeOf(answer.json as unknown as WireObject)).toEqual(shapeOf(seed.createAnswer))
    expect(shapeOf(answer.json.data)).toEqual(shapeOf(seedData(seed.createAnswer)))
  })

  it('answers delete exactly as the document', async () => {
    const answer = await call(server, 'DELETE', '/followupRecord', { token, body: { ids: [BigInt(rows[0]?.id ?? '0')] } })
    expect(answer.json).toEqual(seed.deleteAnswer)
  })
})
