import { afterEach, describe, expect, it, vi } from 'vitest'
import RecordDetail from '../../../../renderer/src/components/records/RecordDetail.vue'
import { createLocalRecord } from '../../../../renderer/src/db/local-writes'
import { createDexieSyncStore } from '../../../../renderer/src/db/sync-store'
import { openTestDb, serverId, serverRow, useFreshIndexedDb } from '../db/support'
import { mountRecords, setUpCacheStore } from './support/mount-records'

useFreshIndexedDb()
afterEach(() => {
  document.body.innerHTML = ''
})

describe('the record detail', () => {
  it('shows the record, its client card with tenant fields and its opportunity', async () => {
    const db = await openTestDb()
    await createDexieSyncStore(db).applyPage([
      serverRow(1, { create_department_name: '华南销售部', client: { ...serverRow(1).client!, cle_grade_name: 'VIP客户', sale_charge_user_name: '8002 王磊' } }),
    ])
    const wrapper = mountRecords(RecordDetail, setUpCacheStore(db), { props: { recordId: serverId(1) } })
    await vi.waitFor(() => expect(wrapper.text()).toContain('tenant value'))
    const text = wrapper.text()
    // The content itself is checked in Chromium (e2e): DOMPurify does not support happy-dom.
    for (const part of ['客户 1', '系统自动', '商机 1', '8001 张三', '华南销售部', '已同步', '13800000000', 'VIP客户', '8002 王磊', 'tenant value']) {
      expect(text).toContain(part)
    }
  })

  it('stays on a new record when its create lands and it takes the server id', async () => {
    const db = await openTestDb()
    const store = createDexieSyncStore(db)
    await store.applyPage([serverRow(1)])
    const local = await createLocalRecord(db, { cle_id: serverId(1_000_001), record_type: 36, record_content: '刚写的跟进' })
    const wrapper = mountRecords(RecordDetail, setUpCacheStore(db), { props: { recordId: local.id } })
    await vi.waitFor(() => expect(wrapper.text()).toContain('待发送'))

    const [entry] = await store.outbox()
    await store.markSending([entry!.seq], Date.now())
    await store.completeCreate(entry!.seq, serverId(7))
    await vi.waitFor(() => expect(wrapper.text()).toContain('已同步'))

    expect(wrapper.findComponent(RecordDetail).emitted('renamed')).toEqual([[local.id, serverId(7)]])
    expect(wrapper.text()).toContain('客户 1')
    expect(wrapper.text()).toContain('已同步')
    expect(wrapper.text()).not.toContain('已不在本机')
  })

  it('says so when the record is gone', async () => {
    const db = await openTestDb()
    const wrapper = mountRecords(RecordDetail, setUpCacheStore(db), { props: { recordId: serverId(404) } })
    await vi.waitFor(() => expect(wrapper.text()).toContain('这条跟进记录已不在本机'))
  })

  it('offers a way back only when it was opened from another panel', async () => {
    const db = await openTestDb()
    await createDexieSyncStore(db).applyPage([serverRow(1)])
    const store = setUpCacheStore(db)
    const back = () => document.querySelector<HTMLButtonElement>('button[aria-label="返回"]')

    const alone = mountRecords(RecordDetail, store, { props: { recordId: serverId(1) } })
    await vi.waitFor(() => expect(alone.text()).toContain('客户 1'))
    expect(back()).toBeNull()
    alone.unmount()

    const stacked = mountRecords(RecordDetail, store, { props: { recordId: serverId(1), canGoBack: true } })
    await vi.waitFor(() => expect(stacked.text()).toContain('客户 1'))
    back()!.click()
    expect(stacked.findComponent(RecordDetail).emitted('back')).toHaveLength(1)
  })
})
