/** The generated data: deterministic, realistic Chinese, correct pinyin, XSS probes, and scale. */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { XSS_CONTENT } from '../../../../electron/main/demo/content'
import { generateDemoData } from '../../../../electron/main/demo/generator'
import { hasPinyin, toPinyin } from '../../../../electron/main/demo/pinyin'
import { startDemoServer } from '../../../../electron/main/demo/server'
import { DemoStore } from '../../../../electron/main/demo/store'
import * as vocabulary from '../../../../electron/main/demo/vocabulary'
import type { FollowupRecord } from '../../../../electron/shared/records'
import { listPage, signIn } from './helpers'

const ANCHOR = Date.parse('2026-06-01T00:00:00+08:00') / 1000
const DAY = 86400

function storeOf(records: number, seed = 1): DemoStore {
  return new DemoStore(generateDemoData({ records, seed, anchorTime: ANCHOR }))
}

describe('determinism', () => {
  it('generates the same data from the same seed and anchor', () => {
    // no_contact_days depends on today, so compare everything else.
    const strip = (records: FollowupRecord[]) => JSON.stringify(records, (key, value: unknown) => (key === 'no_contact_days' ? undefined : value))
    expect(strip(storeOf(300).all())).toBe(strip(storeOf(300).all()))
    expect(strip(storeOf(300, 2).all())).not.toBe(strip(storeOf(300).all()))
  })
})

describe('realism', () => {
  const store = storeOf(4000)
  const records = store.all()
  const clients = store.clients()

  it('scales clients with records, about 40 records each', () => {
    expect(records.length / clients.length).toBeGreaterThanOrEqual(30)
    expect(records.length / clients.length).toBeLessThanOrEqual(50)
    expect(storeOf(50).clients().length).toBeGreaterThanOrEqual(1)
  })

  it('names people, companies and chain stores in Chinese, with unique 11-digit mobiles', () => {
    const names = clients.map((client) => client.name)
    expect(names.some((name) => /^\p{Script=Han}{2,3}$/u.test(name))).toBe(true)
    expect(names.some((name) => name.endsWith('有限公司'))).toBe(true)
    expect(names.some((name) => name.endsWith('门店'))).toBe(true)
    expect(names.some((name) => /(先生|女士)$/.test(name))).toBe(true)
    const phones = clients.map((client) => client.phone)
    for (const phone of phones) expect(phone).toMatch(/^1[3-9]\d{9}$/)
    expect(new Set(phones).size).toBe(phones.length)
  })

  it('writes cle_pinyin as full lowercase pinyin without spaces', () => {
    expect(toPinyin('张伟')).toBe('zhangwei')
    expect(toPinyin('武汉沌口门店')).toBe('wuhanzhuankoumendian')
    expect(toPinyin('厦门恒达科技有限公司')).toBe('xiamenhengdakejiyouxiangongsi')
    expect(toPinyin('吕女士')).toBe('lvnvshi')
    expect(toPinyin('1112321323')).toBe('1112321323')
    for (const client of clients) {
      expect(client.pinyin).toMatch(/^[a-z]+$/)
      expect(client.pinyin).toBe(toPinyin(client.name))
    }
  })

  it('has a pinyin reading for every character the generator uses', () => {
    const words = [
      ...vocabulary.SURNAMES,
      ...vocabulary.GIVEN_NAME_CHARS,
      ...vocabulary.COURTESY_TITLES,
      ...vocabulary.CITIES,
      ...vocabulary.BRANDS,
      ...vocabulary.INDUSTRIES,
      vocabulary.COMPANY_SUFFIX,
      vocabulary.STORE_SUFFIX,
      ...Object.values(vocabulary.STORE_DISTRICTS).flat(),
    ]
    const missing = [...words.join('')].filter((char) => !hasPinyin(char))
    expect(missing).toEqual([])
    expect(() => toPinyin('龘')).toThrow()
  })

  it('gives some clients 1-3 opportunities at documented stages, and attaches records to them', () => {
    const withOpportunities = clients.filter((client) => client.opportunities.length > 0)
    expect(withOpportunities.length / clients.length).toBeGreaterThan(0.3)
    expect(Math.max(...clients.map((client) => client.opportunities.length))).toBe(3)
    const onOpportunity = records.filter((record) => record.opportunity)
    expect(onOpportunity.length).toBeGreaterThan(records.length / 10)
    for (const record of onOpportunity.slice(0, 200)) {
      expect(record.opportunity?.cle_id).toBe(record.cle_id)
      expect(record.create_time).toBeGreaterThanOrEqual(Number(record.opportunity?.create_time))
    }
  })

  it('spreads create times over the three years before the anchor, ids increasing with time', () => {
    const times = records.map((record) => record.create_time)
    expect(Math.max(...times)).toBeLessThan(ANCHOR)
    expect(Math.min(...times)).toBeGreaterThanOrEqual(ANCHOR - 3 * 365 * DAY)
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(2.5 * 365 * DAY)
    for (const record of records) expect(record.create_time).toBeGreaterThanOrEqual(Number(record.client?.create_time))
  })

  it('uses the four record types, agents as authors and departments', () => {
    expect(new Set(records.map((record) => record.record_type))).toEqual(new Set([36, 37, 38, 39]))
    for (const record of records.slice(0, 100)) {
      expect(record.create_user_name).toMatch(/^\d{4} \p{Script=Han}{2,3}$/u)
      expect(record.create_department_name).toMatch(/部$|^公司$/)
    }
  })

  it('writes Chinese text with some HTML: paragraphs, bold, line breaks, links', () => {
    const contents = records.map((record) => record.record_content)
    for (const tag of ['<p>', '<b>', '<br>', '<a href=']) expect(contents.some((text) => text.includes(tag)), tag).toBe(true)
    expect(contents.filter((text) => /\p{Script=Han}/u.test(text)).length / contents.length).toBeGreaterThan(0.9)
    for (const record of records) expect(record.record_content_name).not.toMatch(/<[a-z/]/i)
  })

  it('carries an XSS probe in about 1 record in 500, and in any set of 50 or more', () => {
    const probes = records.filter((record) => record.record_content === XSS_CONTENT)
    expect(probes.length).toBe(Math.ceil((records.length - 3) / 500))
    expect(XSS_CONTENT).toContain('<img src=x onerror=')
    expect(XSS_CONTENT).toContain('<script>')
    for (const size of [50, 51, 137, 499, 1001]) {
      const small = storeOf(size, size).all()
      expect(small.filter((record) => record.record_content === XSS_CONTENT).length, `${size} records`).toBeGreaterThan(0)
      // Among the newest ten, so it is on the first page the app shows.
      expect(small.slice(0, 10).some((record) => record.record_content === XSS_CONTENT)).toBe(true)
    }
  })
})

/** A full collection before reading the heap, so the number reported is what the data really holds. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc')
  ;(runInNewContext('gc') as () => void)()
}

describe('scale', () => {
  it('generates 200,000 records and serves a page of 1000', async () => {
    collectGarbage()
    const heapBefore = process.memoryUsage().heapUsed
    const started = performance.now()
    const server = await startDemoServer({ records: 200_000 })
    const generatedMs = performance.now() - started
    try {
      collectGarbage()
      const heapAfter = process.memoryUsage().heapUsed
      const token = (await signIn(server)).accessToken
      const pageStarted = performance.now()
      const page = (await listPage(server, token, { page_size: 1000 })).data
      const pageMs = performance.now() - pageStarted
      const nextStarted = performance.now()
      const next = (await listPage(server, token, { page_size: 1000, cursor: page.cursor })).data
      const nextMs = performance.now() - nextStarted
      expect(page.total).toBe(200_000)
      expect(page.rows).toHaveLength(1000)
      expect(next.rows[0]?.create_time).toBeLessThanOrEqual(page.rows.at(-1)?.create_time ?? 0)
      const filtered = (await listPage(server, token, { record_content_name: '报价', page_size: 5 })).data
      expect(filtered.total).toBeGreaterThan(0)
      console.log(
        `demo server, 200,000 records: generated and listening in ${generatedMs.toFixed(0)} ms, ` +
          `heap +${((heapAfter - heapBefore) / 1048576).toFixed(1)} MiB; first page of 1000 in ${pageMs.toFixed(0)} ms ` +
          `(sort included), next page in ${nextMs.toFixed(0)} ms`,
      )
    } finally {
      await server.close()
    }
  })
})
