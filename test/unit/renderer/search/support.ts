/**
 * Test support for search: caches opened with the search middleware, and a small deterministic
 * data set shaped like the vendor's list rows (Chinese names with pinyin, phones, HTML content).
 */
import type { FollowupRecord } from '../../../../electron/shared/records'
import type { DBCore, Middleware } from 'dexie'
import { CacheDb, openCacheDb } from '../../../../renderer/src/db/schema'
import { searchMiddleware } from '../../../../renderer/src/search'
import { track } from '../db/support'

export async function openSearchDb(name = 'ecrm:search'): Promise<CacheDb> {
  return track(await openCacheDb(name, { middlewares: [searchMiddleware] }))
}

const FIRST_ID = 6471994196059471873n
export const id = (n: number): string => (FIRST_ID + BigInt(n)).toString()

export interface ClientSeed {
  id: string
  name: string
  phone: string
  pinyin?: string
}

/** A list row of `client`, the n-th record. */
export function row(n: number, client: ClientSeed, fields: Partial<FollowupRecord> = {}): FollowupRecord {
  const content = fields.record_content ?? `<p>拜访第${n}次</p>`
  return {
    _id: id(n),
    id: id(n),
    cle_id: client.id,
    record_type: 38,
    record_type_name: '慢速记录',
    record_content: content,
    record_content_name: content.replace(/<[^>]*>/g, ''),
    cle_name: client.name,
    create_time: 1_700_000_000 + n * 60,
    create_user_name: '8001 张伟',
    client: {
      _id: client.id,
      id: client.id,
      cle_name: client.name,
      cle_phone: client.phone,
      ...(client.pinyin === undefined ? {} : { cle_pinyin: client.pinyin }),
    },
    ...fields,
  }
}

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗曾单']
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚英华玉']
const COMPANIES = ['上海恒达科技有限公司', '北京华信贸易有限公司', '武汉沌口门店', '厦门鑫源电子有限公司', '成都Apple体验店', '重庆3号店']
const PHRASES = ['上门拜访', '电话回访', '发送报价', '客户反馈系统偶尔卡顿', '合同已签订', '企业版CRM演示', '报价单 BJ123456.pdf', '未接通', 'Follow up by email']
const AUTHORS = ['8001 张伟', '8002 王磊', '8003 李娜', '1001 周总']

/** Seeded PRNG (mulberry32): the same data on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** `records` list rows over a few dozen clients, some with a stored pinyin and some without. */
export function dataset(records: number, seed = 1): FollowupRecord[] {
  const random = prng(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const clients: ClientSeed[] = Array.from({ length: Math.max(3, Math.ceil(records / 20)) }, (_, i) => {
    const name = random() < 0.6 ? pick(SURNAMES) + pick(GIVEN) + (random() < 0.5 ? pick(GIVEN) : '') : pick(COMPANIES)
    return { id: id(1_000_000 + i), name, phone: `13${String(Math.floor(random() * 1e9)).padStart(9, '0')}` }
  })
  return Array.from({ length: records }, (_, n) => {
    const client = pick(clients)
    const content = `<p>${pick(PHRASES)}，<b>${pick(PHRASES)}</b> ${Math.floor(random() * 10000)}</p>`
    return row(n, client, {
      record_content: content,
      record_content_name: content.replace(/<[^>]*>/g, ''),
      record_type: 36 + Math.floor(random() * 4),
      create_time: 1_700_000_000 + Math.floor(random() * 1e6),
      create_user_name: pick(AUTHORS),
    })
  })
}

/** A cache with the search middleware that also counts the record values read from IndexedDB. */
export async function openCountingSearchDb(name: string): Promise<{ db: CacheDb; reads: { records: number } }> {
  const reads = { records: 0 }
  const counting: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'count-record-reads',
    create: (down) => ({
      ...down,
      table(tableName) {
        const table = down.table(tableName)
        if (tableName !== 'records') return table
        return {
          ...table,
          get: async (req) => {
            reads.records += 1
            return table.get(req)
          },
          getMany: async (req) => {
            reads.records += req.keys.length
            return table.getMany(req)
          },
          query: async (req) => {
            const res = await table.query(req)
            if (req.values) reads.records += res.result.length
            return res
          },
        }
      },
    }),
  }
  const db = track(new CacheDb(name, { middlewares: [searchMiddleware, counting] }))
  await db.open()
  return { db, reads }
}
