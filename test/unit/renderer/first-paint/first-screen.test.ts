import Dexie from 'dexie'
import { describe, expect, it } from 'vitest'
import { createLocalRecord, deleteLocalRecords } from '../../../../renderer/src/db/local-writes'
import { createDexieSyncStore } from '../../../../renderer/src/db/sync-store'
import { readFirstRows } from '../../../../renderer/src/first-paint/first-rows'
import { buildFirstScreen, searchBoxOf, showRows } from '../../../../renderer/src/first-paint/first-screen'
import { toRecordRow, type RecordRow } from '../../../../renderer/src/records/record-row'
import { openTestDb, serverId, serverRow, useFreshIndexedDb } from '../db/support'

useFreshIndexedDb()

const idb = () => ({ factory: Dexie.dependencies.indexedDB, keyRange: Dexie.dependencies.IDBKeyRange })

async function cacheWith(count: number) {
  const db = await openTestDb('ecrm:first-paint')
  await createDexieSyncStore(db).applyPage(Array.from({ length: count }, (_, n) => serverRow(n)))
  return db
}

describe('the first screen’s rows, read before the app loads', () => {
  it('are the newest records with their clients, as the list shows them, leaving out deleted ones', async () => {
    const db = await cacheWith(80)
    await deleteLocalRecords(db, [serverId(78)])
    const created = await createLocalRecord(db, { cle_id: serverId(1_000_001), record_type: 36, record_content: '<p>刚写的</p>', cle_name: '新客户' }, 1_800_000_000_000)

    const rows = await readFirstRows(idb(), db.name, 50)

    // The newest 50 less the deleted one: the picture is a row short at the bottom, never out of order.
    expect(rows).toHaveLength(49)
    expect(rows!.slice(0, 3).map((row) => row.id)).toEqual([created.id, serverId(79), serverId(77)])
    expect(rows!.at(-1)!.id).toBe(serverId(31))
    expect(rows![0]).toMatchObject({ clientName: '新客户', preview: '刚写的', sync: 'pending' })
    expect(rows![1]).toEqual(toRecordRow((await db.records.get(serverId(79)))!, await db.clients.get(serverRow(79).cle_id)))
    expect(rows![1]!.clientPhone).toBe('13800000000')
  })

  it('come in the list’s order where records share a create time', async () => {
    const db = await openTestDb('ecrm:first-paint')
    await createDexieSyncStore(db).applyPage(Array.from({ length: 30 }, (_, n) => serverRow(n, { create_time: 1_700_000_000 + Math.floor(n / 4) })))
    const listOrder = (await db.records.orderBy('create_time').reverse().limit(10).toArray()).map((record) => record.id)

    expect((await readFirstRows(idb(), db.name, 10))?.map((row) => row.id)).toEqual(listOrder)
  })

  it('are fewer when the cache holds fewer', async () => {
    const db = await cacheWith(3)
    expect((await readFirstRows(idb(), db.name, 50))?.map((row) => row.id)).toEqual([serverId(2), serverId(1), serverId(0)])
  })

  it('are none for a cache that does not exist, which is not created by looking', async () => {
    expect(await readFirstRows(idb(), 'ecrm:gone', 50)).toBeUndefined()
    expect(await Dexie.exists('ecrm:gone')).toBe(false)
  })

  it('do not hold the cache open: the app can upgrade or delete it afterwards', async () => {
    const db = await cacheWith(5)
    db.close()
    await readFirstRows(idb(), db.name, 50)
    await Dexie.delete(db.name)
    expect(await Dexie.exists(db.name)).toBe(false)
  })
})

describe('the first screen', () => {
  const row = (overrides: Partial<RecordRow> = {}): RecordRow => ({
    ...toRecordRow({ ...serverRow(1), create_time: 1_800_000_000 - 180 }),
    clientPhone: '13800000000',
    ...overrides,
  })

  it('draws each row’s client, phone, type, time, preview and author, in the chosen language', () => {
    const screen = buildFirstScreen([row(), row({ id: 'b', clientName: '', preview: '', sync: 'attention' })], 'zh-CN', 1_800_000_000_000)
    const drawn = [...screen.querySelectorAll('[data-first-paint-row]')]

    expect(drawn.map((node) => (node as HTMLElement).dataset['recordId'])).toEqual([serverRow(1).id, 'b'])
    expect(drawn[0]!.textContent).toContain('客户 1')
    expect(drawn[0]!.textContent).toContain('13800000000')
    expect(drawn[0]!.textContent).toContain('系统自动')
    expect(drawn[0]!.textContent).toContain('3分钟前')
    expect(drawn[0]!.textContent).toContain('拜访 1')
    expect(drawn[0]!.textContent).toContain('8001 张三')
    expect(drawn[1]!.textContent).toContain('（未知客户）')
    expect(drawn[1]!.textContent).toContain('（无内容）')
    expect(drawn[1]!.textContent).toContain('需处理')
    expect(buildFirstScreen([row()], 'en', 1_800_000_000_000).textContent).toContain('3 minutes ago')
  })

  it('shows record text as text, never as markup', () => {
    const screen = buildFirstScreen([row({ clientName: '<img src=x onerror="alert(1)">', preview: '<b>粗</b>' })], 'zh-CN', 1_800_000_000_000)
    expect(screen.querySelector('img, b')).toBeNull()
    expect(screen.textContent).toContain('<img src=x onerror="alert(1)">')
  })

  it('has a search box labelled in the chosen language; what does not work yet is hidden from assistive tech', () => {
    const screen = buildFirstScreen([row()], 'en', 0)
    expect(searchBoxOf(screen).getAttribute('aria-label')).toBe('Search follow-ups')
    expect(searchBoxOf(screen).placeholder).toContain('pinyin initials')
    expect(screen.querySelector('.first-paint__filters')!.getAttribute('aria-hidden')).toBe('true')
    expect(screen.querySelector('.first-paint__new')!.getAttribute('aria-hidden')).toBe('true')
    expect(screen.querySelector('[data-first-paint-row] .record-row__check')!.getAttribute('aria-hidden')).toBe('true')
  })

  it('shows the rows a search found with the matches marked, as text only, and the newest again after', () => {
    const newest = [row(), row({ id: 'b' })]
    const screen = buildFirstScreen(newest, 'zh-CN', 1_800_000_000_000)
    const found = {
      row: row({ id: 'c', clientName: '<b>科技</b>公司', preview: '谈科技' }),
      marks: {
        clientName: [{ text: '<b>', match: false }, { text: '科技', match: true }, { text: '</b>公司', match: false }],
        clientPhone: [{ text: '13800000000', match: false }],
        preview: [{ text: '谈', match: false }, { text: '科技', match: true }],
        author: [{ text: '系统自动', match: false }],
      },
    }
    showRows(screen, [found], 'zh-CN', 1_800_000_000_000, 12)

    const drawn = [...screen.querySelectorAll<HTMLElement>('[data-first-paint-row]')]
    expect(drawn.map((node) => node.dataset['recordId'])).toEqual(['c'])
    expect([...drawn[0]!.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['科技', '科技'])
    expect(drawn[0]!.querySelector('.record-row__client')!.textContent).toBe('<b>科技</b>公司')
    expect(drawn[0]!.querySelector('b')).toBeNull()
    expect(screen.querySelector('.first-paint__status')!.textContent).toBe('共 12 条')

    showRows(screen, newest, 'zh-CN', 1_800_000_000_000)
    expect([...screen.querySelectorAll<HTMLElement>('[data-first-paint-row]')].map((node) => node.dataset['recordId'])).toEqual([serverRow(1).id, 'b'])
    expect(screen.querySelector('mark')).toBeNull()
    expect(screen.querySelector('.first-paint__status')!.textContent).toBe('')
  })

  it('counts what a search found as the list does, in English too', () => {
    const screen = buildFirstScreen([row()], 'en', 0)
    showRows(screen, [], 'en', 0, 1)
    expect(screen.querySelector('.first-paint__status')!.textContent).toBe('1 follow-up')
    showRows(screen, [], 'en', 0, 2345)
    expect(screen.querySelector('.first-paint__status')!.textContent).toBe('2345 follow-ups')
  })
})
