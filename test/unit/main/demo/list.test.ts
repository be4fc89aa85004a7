/** The list endpoint: filters, sort and order, page sizes, and cursor paging that stays stable under change. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoServer, type DemoServer } from '../../../../electron/main/demo/server'
import type { FollowupRecord } from '../../../../electron/shared/records'
import { call, listPage, signIn, walkAll, type Envelope, type WireRow } from './helpers'

let server: DemoServer
let token: string
let records: FollowupRecord[]

const CHINA_OFFSET = 8 * 3600

beforeAll(async () => {
  server = await startDemoServer({ records: 1200, seed: 3 })
  token = (await signIn(server)).accessToken
  records = server.store.all()
})
afterAll(() => server.close())

function ids(rows: { id: string }[]): string[] {
  return rows.map((row) => row.id)
}

function expectSorted(rows: WireRow[], key: (row: WireRow) => number | string, descending: boolean): void {
  for (let i = 1; i < rows.length; i++) {
    const [before, after] = [key(rows[i - 1] as WireRow), key(rows[i] as WireRow)]
    if (descending) expect(before >= after, `${before} then ${after}`).toBe(true)
    else expect(before <= after, `${before} then ${after}`).toBe(true)
  }
}

async function listError(query: Record<string, string>): Promise<Envelope> {
  const answer = await call<Envelope>(server, 'GET', '/followupRecord/followupRecords', { token, query })
  expect(answer.status).toBe(200)
  return answer.json
}

describe('list defaults and page sizes', () => {
  it('answers 10 rows by default, newest first, with the total of all records', async () => {
    const page = (await listPage(server, token)).data
    expect(page.rows).toHaveLength(10)
    expect(page.total).toBe(server.store.count())
    expect(ids(page.rows)).toEqual(ids(records.slice(0, 10)))
    expect(page.cursor).not.toBe('')
  })

  it('caps page_size at 1000 and falls back to 10 on a nonsensical one', async () => {
    expect((await listPage(server, token, { page_size: 5000 })).data.rows).toHaveLength(1000)
    expect((await listPage(server, token, { page_size: 'abc' })).data.rows).toHaveLength(10)
    expect((await listPage(server, token, { page_size: 0 })).data.rows).toHaveLength(10)
  })

  it('ignores empty parameters, as the document URL template sends them', async () => {
    const page = (await listPage(server, token, { cle_name: '', cle_id: '', record_content_name: '', sort: '', order: '', cursor: '' })).data
    expect(page.total).toBe(server.store.count())
  })

  it('accepts the 1-based page parameter of the document URL template', async () => {
    const second = (await listPage(server, token, { page: 2, page_size: 10 })).data
    expect(ids(second.rows)).toEqual(ids(records.slice(10, 20)))
    // ... and its cursor continues from there.
    const third = (await listPage(server, token, { cursor: second.cursor, page_size: 10 })).data
    expect(ids(third.rows)).toEqual(ids(records.slice(20, 30)))
  })
})

describe('cursor paging', () => {
  it('walks every record exactly once, then answers empty rows and an empty cursor', async () => {
    const walk = await walkAll(server, token, { page_size: 97 })
    expect(ids(walk.rows)).toEqual(ids(records))
    expect(walk.pages).toBe(Math.ceil(records.length / 97))
    expect(new Set(walk.totals)).toEqual(new Set([records.length]))
  })

  it('encodes the cursor like the document: base64 of [sort value, "collection#id"]', async () => {
    const page = (await listPage(server, token, { page_size: 5 })).data
    const last = page.rows.at(-1) as WireRow
    expect(JSON.parse(Buffer.from(page.cursor, 'base64').toString('utf8'))).toEqual([last.create_time, `crm_followup_records#${last.id}`])
  })

  it('refuses a cursor it did not write, or one of another sort', async () => {
    expect((await listError({ cursor: 'not a cursor' })).code).toBe(400)
    expect((await listError({ cursor: Buffer.from('[1,"x#1"]').toString('base64') })).code).toBe(400)
    const byTime = (await listPage(server, token, { page_size: 5 })).data.cursor
    expect((await listError({ cursor: byTime, sort: 'cle_name' })).code).toBe(400)
  })

  it('stays stable while records are created and deleted between pages', async () => {
    const busy = await startDemoServer({ records: 600, seed: 4 })
    try {
      const busyToken = (await signIn(busy)).accessToken
      const before = ids(busy.store.all())
      const clients = busy.store.clients()
      const seen: string[] = []
      const deletedAhead = new Set<string>()
      let cursor: string | undefined
      for (let pageIndex = 0; ; pageIndex++) {
        const page = (await listPage(busy, busyToken, { page_size: 50, ...(cursor === undefined ? {} : { cursor }) })).data
        if (page.rows.length === 0) break
        seen.push(...ids(page.rows))
        cursor = page.cursor
        // Someone else works on the server meanwhile: a new record, deletes of rows already read
        // (the cursor's own row on every other page), and a delete of a row not reached yet.
        busy.store.createDirect({ cle_id: clients[pageIndex % clients.length]?.id ?? '', record_content: `并发新增${pageIndex}` })
        busy.store.deleteDirect([pageIndex % 2 === 0 ? (page.rows.at(-1)?.id ?? '') : (seen[pageIndex] ?? '')])
        const ahead = before[seen.length + 3 * pageIndex]
        if (ahead !== undefined && busy.store.deleteDirect([ahead]) === 1) deletedAhead.add(ahead)
      }
      expect(deletedAhead.size).toBeGreaterThan(5)
      expect(seen).toEqual(before.filter((id) => !deletedAhead.has(id)))
    } finally {
      await busy.close()
    }
  })
})

describe('sort and order', () => {
  it('walks oldest first with order=asc', async () => {
    const walk = await walkAll(server, token, { order: 'asc', page_size: 250 })
    expect(ids(walk.rows)).toEqual(ids(records).reverse())
  })

  it('sorts by update_time', async () => {
    const walk = await walkAll(server, token, { sort: 'update_time', page_size: 250 })
    expect(walk.rows).toHaveLength(records.length)
    expectSorted(walk.rows, (row) => row.update_time, true)
    expect(new Set(ids(walk.rows)).size).toBe(records.length)
  })

  it('sorts by cle_name both ways, every record once', async () => {
    for (const order of ['asc', 'desc']) {
      const walk = await walkAll(server, token, { sort: 'cle_name', order, page_size: 111 })
      expectSorted(walk.rows, (row) => row.cle_name, order === 'desc')
      expect(new Set(ids(walk.rows))).toEqual(new Set(ids(records)))
    }
  })

  it('refuses an unknown sort field or order', async () => {
    expect((await listError({ sort: 'cle_phone' })).code).toBe(400)
    expect((await listError({ order: 'up' })).code).toBe(400)
    expect((await listPage(server, token, { order: 'ASC', page_size: 1 })).data.rows[0]?.id).toBe(records.at(-1)?.id)
  })
})

/** 00:00 in China of the China date of `unixSeconds`, computed independently of the server's code. */
function chinaDate(unixSeconds: number): { dashed: string; midnight: number } {
  const dashed = new Date((unixSeconds + CHINA_OFFSET) * 1000).toISOString().slice(0, 10)
  return { dashed, midnight: Date.parse(`${dashed}T00:00:00+08:00`) / 1000 }
}

describe('filters', () => {
  async function expectFilter(query: Record<string, string>, keep: (record: FollowupRecord) => boolean): Promise<WireRow[]> {
    const expected = ids(records.filter(keep))
    const walk = await walkAll(server, token, { ...query, page_size: 300 })
    expect(ids(walk.rows)).toEqual(expected)
    expect(walk.totals[0]).toBe(expected.length)
    return walk.rows
  }

  it('matches cle_name as a substring', async () => {
    const name = records[0]?.cle_name ?? ''
    const part = name.slice(1, 3)
    const rows = await expectFilter({ cle_name: part }, (r) => (r.cle_name ?? '').includes(part))
    expect(rows.length).toBeGreaterThan(0)
  })

  it('matches cle_id as a substring', async () => {
    const part = (records[0]?.cle_id ?? '').slice(8, 14)
    const rows = await expectFilter({ cle_id: part }, (r) => r.cle_id.includes(part))
    expect(rows.length).toBeGreaterThan(0)
  })

  it('matches cle_phone exactly', async () => {
    const phone = records[5]?.client?.cle_phone ?? ''
    const rows = await expectFilter({ cle_phone: phone }, (r) => r.client?.cle_phone === phone)
    expect(rows.length).toBeGreaterThan(0)
    expect((await listPage(server, token, { cle_phone: phone.slice(0, 7) })).data.total).toBe(0)
  })

  it('keeps records created on or after the date, midnight China time, in both documented formats', async () => {
    const { dashed, midnight } = chinaDate(records[400]?.create_time ?? 0)
    const rows = await expectFilter({ create_time: dashed }, (r) => r.create_time >= midnight)
    expect(rows.length).toBeGreaterThan(400)
    const slashed = dashed.replaceAll('-', '/')
    expect((await listPage(server, token, { create_time: slashed })).data.total).toBe(rows.length)
  })

  it('refuses a malformed create_time with an envelope error', async () => {
    for (const bad of ['2019-13-01', '2019-02-30', 'yesterday', '2019.01.01', '2019-01/01']) {
      const answer = await listError({ create_time: bad })
      expect(answer.code, bad).toBe(400)
      expect(answer.message).toContain('create_time')
    }
  })

  it('matches record_content_name against the text without HTML', async () => {
    const rows = await expectFilter({ record_content_name: '报价' }, (r) => (r.record_content_name ?? '').includes('报价'))
    expect(rows.length).toBeGreaterThan(0)
    // Words that only appear inside tags or attributes do not match.
    expect(records.some((r) => r.record_content.includes('files.example.cn'))).toBe(true)
    expect((await listPage(server, token, { record_content_name: 'files.example.cn' })).data.total).toBe(0)
    expect((await listPage(server, token, { record_content_name: '<b>' })).data.total).toBe(0)
  })

  it('combines filters and pages through the result', async () => {
    const { dashed, midnight } = chinaDate(records[600]?.create_time ?? 0)
    const name = (records[0]?.cle_name ?? '').slice(0, 1)
    const rows = await expectFilter(
      { cle_name: name, create_time: dashed, record_content_name: '客户' },
      (r) => (r.cle_name ?? '').includes(name) && r.create_time >= midnight && (r.record_content_name ?? '').includes('客户'),
    )
    expect(rows.length).toBeGreaterThan(0)
  })
})
