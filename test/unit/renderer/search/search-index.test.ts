import { describe, expect, it } from 'vitest'
import type { FollowupRecord } from '../../../../electron/shared/records'
import type { CachedClient, CachedRecord } from '../../../../renderer/src/db/types'
import type { SearchFilters, SearchOrder, SearchResult } from '../../../../renderer/src/search'
import { SearchIndex } from '../../../../renderer/src/search/search-index'
import { createSlicer } from '../../../../renderer/src/search/slicer'
import { buildLinearScan } from '../../../../bench/page/linear-scan'
import { dataset, id, row, type ClientSeed } from './support'
import { loadPinyin } from '../../../../renderer/src/search/pinyin'

// Client names are read as pinyin: the app loads pinyin-pro before it reads any (search/pinyin.ts).
await loadPinyin()

const ZHANG: ClientSeed = { id: id(900_001), name: '张三', phone: '13812345678' }
const HENGDA: ClientSeed = { id: id(900_002), name: '上海恒达科技有限公司', phone: '02166668888', pinyin: 'shanghaihengdakejiyouxiangongsi' }
const SHOP: ClientSeed = { id: id(900_003), name: '武汉沌口门店', phone: '02788886666', pinyin: 'wuhanzhuankoumendian' }

/** Cached form of list rows: records without their embedded client, clients for the directory. */
function split(rows: readonly FollowupRecord[]): { records: CachedRecord[]; clients: CachedClient[] } {
  const clients = new Map<string, CachedClient>()
  const records = rows.map(({ client, opportunity: _opportunity, ...record }) => {
    if (client) clients.set(client.id, { ...client, updated: 0 })
    return record
  })
  return { records, clients: [...clients.values()] }
}

function indexOf(rows: readonly FollowupRecord[]): SearchIndex {
  const { records, clients } = split(rows)
  const index = new SearchIndex()
  index.apply([{ table: 'clients', puts: clients, deletes: [] }])
  index.apply([{ table: 'records', puts: records, deletes: [] }])
  return index
}

const all = (result: SearchResult) => result.slice(0, result.total)

const ROWS = [
  row(1, ZHANG, { record_content: '<p>上门拜访，客户对<b>企业版CRM</b>比较感兴趣</p>', record_content_name: '上门拜访，客户对企业版CRM比较感兴趣' }),
  row(2, ZHANG, { record_content: '<p>发送报价单</p>', record_content_name: '发送报价单', create_user_name: '8002 王磊' }),
  row(3, HENGDA, { record_content: '电话沟通，张经理在忙', record_content_name: '电话沟通，张经理在忙', record_type: 39 }),
  row(4, HENGDA, { record_content: '<p>发送报价：云呼叫中心 5套</p>', record_content_name: '发送报价：云呼叫中心 5套', create_user_name: '8003 李娜' }),
  row(5, SHOP, { record_content: 'Follow up by EMAIL', record_content_name: 'Follow up by EMAIL', record_type: 39 }),
]

describe('what a query matches', () => {
  const index = indexOf(ROWS)
  const find = (query: string) => all(index.search(query)).sort()

  it('finds one Chinese character in client names, content and authors', () => {
    // 张: client 张三 (1, 2), 张经理 in content (3), and the author 8001 张伟 of 1, 3, 5.
    expect(find('张')).toEqual([id(1), id(2), id(3), id(5)].sort())
    expect(find('磊')).toEqual([id(2)])
  })

  it('finds phone digits anywhere in the number', () => {
    expect(find('1381')).toEqual([id(1), id(2)])
    expect(find('5678')).toEqual([id(1), id(2)])
    expect(find('6666')).toEqual([id(3), id(4), id(5)].sort())
  })

  it('finds runs of one repeated character exactly, however long', () => {
    const lucky: ClientSeed = { id: id(900_004), name: '赵六', phone: '13800008888' }
    const runs = indexOf([
      row(1, lucky),
      row(2, ZHANG, { record_content_name: `合计100,000元，订单号 A${'0'.repeat(12)}1` }),
      row(3, ZHANG, { record_content_name: '呜呜呜呜呜' }),
    ])
    const found = (query: string) => all(runs.search(query)).sort()
    expect(found('0000')).toEqual([id(1), id(2)])
    expect(found('00000')).toEqual([id(2)])
    expect(found('0'.repeat(12))).toEqual([id(2)])
    expect(found('0'.repeat(13))).toEqual([])
    expect(found(`a${'0'.repeat(12)}1`)).toEqual([id(2)])
    expect(found('80000888')).toEqual([id(1)])
    expect(found('8888')).toEqual([id(1)])
    expect(found('88888')).toEqual([])
    expect(found('呜呜呜')).toEqual([id(3)])
    expect(found('呜呜呜呜呜呜')).toEqual([])
  })

  it('finds clients by pinyin initials and full pinyin, stored or computed', () => {
    expect(find('zs')).toEqual([id(1), id(2)])
    expect(find('zhangsan')).toEqual([id(1), id(2)])
    expect(find('ZhangSan')).toEqual([id(1), id(2)])
    expect(find('shhdkj')).toEqual([id(3), id(4)])
    expect(find('zhuankou')).toEqual([id(5)])
    expect(find('whzk')).toEqual([id(5)])
  })

  it('matches English case-insensitively, full-width letters too', () => {
    expect(find('crm')).toEqual([id(1)])
    expect(find('ＣＲＭ')).toEqual([id(1)])
    expect(find('email')).toEqual([id(5)])
  })

  it('needs every space-separated term, each in any field', () => {
    expect(find('张三 报价')).toEqual([id(2)])
    expect(find('报价 hengda')).toEqual([id(4)])
    expect(find('报价   李娜')).toEqual([id(4)])
    expect(find('报价 crm')).toEqual([])
  })

  it('never matches across two fields', () => {
    // Content of record 2 ends with 报价单, its author starts with 8002.
    expect(find('单8002')).toEqual([])
    expect(find('张三1381')).toEqual([])
  })

  it('finds nothing for a miss, everything for an empty query', () => {
    expect(find('不存在的')).toEqual([])
    expect(find('xyzzy')).toEqual([])
    expect(index.search('').total).toBe(5)
    expect(index.search('   ').total).toBe(5)
  })
})

describe('filters and orders', () => {
  const index = indexOf(ROWS)

  it('combines filters with the query', () => {
    expect(all(index.search('', { recordType: 39 }))).toEqual([id(5), id(3)])
    expect(all(index.search('报价', { clientId: HENGDA.id }))).toEqual([id(4)])
    expect(all(index.search('', { clientId: 'no such client' }))).toEqual([])
    expect(all(index.search('', { createdAfter: ROWS[3]!.create_time }))).toEqual([id(5), id(4)])
    expect(all(index.search('报价', { author: '王磊' }))).toEqual([id(2)])
    expect(all(index.search('', { author: '800' }))).toEqual([id(5), id(4), id(3), id(2), id(1)])
    expect(all(index.search('', { author: '周总' }))).toEqual([])
  })

  it('sorts newest first, then by id', () => {
    const tie = indexOf([row(1, ZHANG), row(2, ZHANG, { create_time: ROWS[0]!.create_time }), row(3, ZHANG)])
    expect(all(tie.search(''))).toEqual([id(3), id(2), id(1)])
  })

  it('sorts by client name in pinyin order, then newest', () => {
    // shanghai... < wuhan... < zhangsan
    expect(all(index.search('', {}, 'client'))).toEqual([id(4), id(3), id(5), id(2), id(1)])
    expect(all(index.search('报价', {}, 'client'))).toEqual([id(4), id(2)])
  })

  it('pages through a result with slice', () => {
    const result = index.search('')
    expect(result.slice(1, 3)).toEqual([id(4), id(3)])
    expect(result.slice(4, 99)).toEqual([id(1)])
    expect(result.slice(-5, 1)).toEqual([id(5)])
  })
})

describe('following changes', () => {
  it('hides a record with a pending delete and shows it again when the delete is dropped', () => {
    const index = indexOf(ROWS)
    const { records } = split(ROWS)
    index.apply([{ table: 'records', puts: [{ ...records[0]!, deleted: 1 }], deletes: [] }])
    expect(all(index.search('crm'))).toEqual([])
    expect(index.search('').total).toBe(4)
    index.apply([{ table: 'records', puts: [records[0]!], deletes: [] }])
    expect(all(index.search('crm'))).toEqual([id(1)])
  })

  it('matches an updated record by its new text only', () => {
    const index = indexOf(ROWS)
    const { records } = split(ROWS)
    index.apply([{ table: 'records', puts: [{ ...records[0]!, record_content_name: '合同已签订' }], deletes: [] }])
    expect(all(index.search('crm'))).toEqual([])
    expect(all(index.search('合同'))).toEqual([id(1)])
    expect(index.search('').total).toBe(5)
  })

  it('follows the directory: a new phone, a renamed client', () => {
    const index = indexOf(ROWS)
    index.apply([{ table: 'clients', puts: [{ ...split(ROWS).clients[0]!, cle_phone: '13900001111', cle_name: '张三丰' }], deletes: [] }])
    expect(all(index.search('1381'))).toEqual([])
    expect(all(index.search('0000111')).sort()).toEqual([id(1), id(2)])
    expect(all(index.search('zhangsanfeng')).sort()).toEqual([id(1), id(2)])
    expect(all(index.search('', {}, 'client'))).toEqual([id(4), id(3), id(5), id(2), id(1)])
  })

  it('matches a record whose client the directory does not know by the name it carries', () => {
    const index = new SearchIndex()
    const stranger: ClientSeed = { id: id(900_009), name: '曾伟', phone: '13700000000' }
    const { records, clients } = split([row(1, stranger)])
    index.apply([{ table: 'records', puts: records, deletes: [] }])
    expect(all(index.search('曾'))).toEqual([id(1)])
    expect(all(index.search('zengwei'))).toEqual([id(1)])
    expect(all(index.search('13700'))).toEqual([])
    // The directory learns the client (pulled with another record): its phone now counts too.
    index.apply([{ table: 'clients', puts: clients, deletes: [] }])
    expect(all(index.search('13700'))).toEqual([id(1)])
    index.apply([{ table: 'clients', puts: [], deletes: [stranger.id] }])
    expect(all(index.search('13700'))).toEqual([])
    expect(all(index.search('zw'))).toEqual([id(1)])
  })

  it('removes what a range delete covers', () => {
    const index = indexOf(ROWS)
    index.apply([{ table: 'records', puts: [], deletes: [], deletesWhere: (key) => key <= id(2) }])
    expect(all(index.search(''))).toEqual([id(5), id(4), id(3)])
  })

  it('keeps records matching by their own client name when the directory is cleared', () => {
    const index = indexOf(ROWS)
    const stranger: ClientSeed = { id: id(900_009), name: '曾伟', phone: '13700000000' }
    index.apply([{ table: 'records', puts: split([row(9, stranger)]).records, deletes: [] }])
    index.apply([{ table: 'clients', puts: [], deletes: [], deletesWhere: () => true }])
    expect(all(index.search('13812345678'))).toEqual([])
    expect(all(index.search('zhangsan'))).toEqual([id(2), id(1)])
    expect(all(index.search('zengwei'))).toEqual([id(9)])
  })
})

describe('against a linear scan of the same data', () => {
  const rows = dataset(3000)
  const { records, clients } = split(rows)
  const scan = buildLinearScan(records, clients)
  const queries = [
    '', '张', '王', '店', '报价', '客户反馈', 'crm', 'CRM', 'pdf', 'bj12', 'email', 'follow up', '13', '138', '9', '88',
    'zw', 'wang', 'zhang', 'shhd', 'hengda', '上海恒达', '重庆3', 'apple', '8001', '王磊', '张伟 报价', '回访 13', 'a', 'xyzzy', '不存在',
    '000', '0000', '99', '999', '11111',
  ]
  const filters: SearchFilters[] = [{}, { recordType: 38 }, { author: '王' }, { createdAfter: 1_700_500_000 }, { clientId: rows[7]!.cle_id }]
  const orders: SearchOrder[] = ['newest', 'client']

  const expectSameAsScan = (index: SearchIndex, scanOf = scan) => {
    for (const query of queries) {
      for (const filter of filters) {
        for (const order of orders) {
          const expected = scanOf.search(query, filter, order)
          const result = index.search(query, filter, order)
          expect({ query, filter, order, total: result.total, ids: all(result) }).toEqual({ query, filter, order, total: expected.length, ids: expected })
        }
      }
    }
  }

  it('returns the same ids, in the same order, for every query, filter and order', () => {
    expectSameAsScan(indexOf(rows))
  })

  it('still does after the records arrive page by page, change and go', () => {
    const index = new SearchIndex()
    index.apply([{ table: 'clients', puts: clients, deletes: [] }])
    for (let start = 0; start < records.length; start += 500) index.apply([{ table: 'records', puts: records.slice(start, start + 500), deletes: [] }])
    const edited = records.slice(0, 300).map((record, i) => (i % 3 === 0 ? { ...record, deleted: 1 as const } : { ...record, record_content_name: `改过的内容 ${i}` }))
    index.apply([{ table: 'records', puts: edited, deletes: records.slice(300, 400).map((record) => record.id) }])
    const now = [...edited, ...records.slice(400)]
    expectSameAsScan(index, buildLinearScan(now, clients))
  })

  it('still does once persisted and restored', async () => {
    const index = indexOf(rows)
    index.apply([{ table: 'records', puts: [], deletes: records.slice(0, 100).map((record) => record.id) }])
    const persisted = await index.persist(createSlicer())
    const restored = new SearchIndex(persisted)
    expectSameAsScan(restored, buildLinearScan(records.slice(100), clients))
    // And it keeps following changes after the restore.
    restored.apply([{ table: 'records', puts: records.slice(0, 100), deletes: [] }])
    expectSameAsScan(restored)
  })
})
