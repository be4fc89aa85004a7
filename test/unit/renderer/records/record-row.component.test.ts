import { afterEach, describe, expect, it } from 'vitest'
import RecordListRow from '../../../../renderer/src/components/records/RecordListRow.vue'
import type { RecordRow } from '../../../../renderer/src/records/record-row'
import { openTestDb, useFreshIndexedDb } from '../db/support'
import { mountRecords, settle, setUpCacheStore } from './support/mount-records'

useFreshIndexedDb()
afterEach(() => {
  document.body.innerHTML = ''
})

const row: RecordRow = {
  id: 'local:1',
  clientId: '6471994196060471873',
  clientName: '上海恒达科技有限公司',
  clientPhone: '13812345678',
  typeName: '光速记录',
  preview: '电话回访<img src=x onerror="window.__xss=1">，客户说回访时间改期',
  author: '8001 张三',
  createTime: Math.floor(Date.now() / 1000) - 120,
  sync: 'pending',
}

async function mountRow(props: Partial<{ row: RecordRow; query: string }>) {
  const context = setUpCacheStore(await openTestDb())
  const wrapper = mountRecords(RecordListRow, context, {
    props: { row, domId: 'record-row-0', index: 0, total: 10, query: '', active: false, checked: false, ...props },
  })
  await settle()
  return wrapper
}

describe('a record list row', () => {
  it('shows client, phone, type, preview, author, relative time and the sync badge', async () => {
    const wrapper = await mountRow({})
    const text = wrapper.text()
    for (const part of ['上海恒达科技有限公司', '13812345678', '光速记录', '电话回访', '8001 张三', '2分钟前', '待发送']) expect(text).toContain(part)
    expect(wrapper.find('[data-testid="sync-badge"]').attributes('data-state')).toBe('pending')
    expect(wrapper.find('[role="option"]').attributes()).toMatchObject({ 'aria-posinset': '1', 'aria-setsize': '10' })
    expect(wrapper.find('input[type="checkbox"], [role="checkbox"]').attributes('aria-label')).toContain('上海恒达科技有限公司')
  })

  it('badges each unsent state and none once on the server', async () => {
    for (const [sync, label] of [['sending', '发送中'], ['checking', '核对中'], ['attention', '需处理']] as const) {
      expect((await mountRow({ row: { ...row, sync } })).find('[data-testid="sync-badge"]').text()).toBe(label)
      document.body.innerHTML = ''
    }
    const { sync: _, ...synced } = row
    expect((await mountRow({ row: synced })).find('[data-testid="sync-badge"]').exists()).toBe(false)
  })

  it('marks matches as text, never as markup', async () => {
    const wrapper = await mountRow({ query: '回访' })
    expect(wrapper.findAll('mark').map((mark) => mark.text())).toEqual(['回访', '回访'])
    expect(wrapper.find('img').exists()).toBe(false)
    expect(wrapper.text()).toContain('<img src=x onerror="window.__xss=1">')
  })

  it('marks a pinyin match on the client name and digits in the phone', async () => {
    expect((await mountRow({ query: 'hd' })).findAll('mark').map((mark) => mark.text())).toEqual(['恒达'])
    document.body.innerHTML = ''
    expect((await mountRow({ query: '1234' })).findAll('mark').map((mark) => mark.text())).toEqual(['1234'])
  })
})
