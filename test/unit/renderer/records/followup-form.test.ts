import { afterEach, describe, expect, it, vi } from 'vitest'
import FollowupForm from '../../../../renderer/src/components/records/FollowupForm.vue'
import NewFollowupModal from '../../../../renderer/src/components/records/NewFollowupModal.vue'
import { createDexieSyncStore } from '../../../../renderer/src/db/sync-store'
import { draftKey, loadDraft } from '../../../../renderer/src/records/followup-draft'
import { openTestDb, serverId, serverRow, useFreshIndexedDb } from '../db/support'
import { DEMO_ACCOUNT, mountRecords, settle, setUpCacheStore } from './support/mount-records'

useFreshIndexedDb()
afterEach(() => {
  document.body.innerHTML = ''
  localStorage.clear()
})

const CLIENT = serverId(1_000_001)

async function setup() {
  const db = await openTestDb()
  const store = createDexieSyncStore(db)
  await store.applyPage([serverRow(1)])
  await store.saveRecordTypes([
    { id: 38, dic_name: '慢速记录' },
    { id: 39, dic_name: '光速记录' },
  ])
  return { db, context: setUpCacheStore(db) }
}

const text = () => document.body.textContent ?? ''

async function typeContent(value: string): Promise<void> {
  const textarea = document.querySelector<HTMLTextAreaElement>('[data-testid="form-content"] textarea')!
  textarea.value = value
  textarea.dispatchEvent(new Event('input'))
  await settle()
}

const clickSave = async () => {
  document.querySelector<HTMLButtonElement>('[data-testid="form-save"]')!.click()
  await settle()
}

describe('the follow-up form', () => {
  it('shows what is missing when saving an empty form, and saves nothing', async () => {
    const { context } = await setup()
    const wrapper = mountRecords(FollowupForm, context)
    await settle()
    expect(text()).not.toContain('请选择客户')

    await clickSave()
    expect(text()).toContain('请选择客户')
    expect(text()).toContain('请选择记录类型')
    expect(text()).toContain('请填写跟进内容')
    expect(wrapper.findComponent(FollowupForm).emitted('save')).toBeUndefined()
  })

  it('refuses content over 2000 characters and counts what was typed', async () => {
    const { context } = await setup()
    const wrapper = mountRecords(FollowupForm, context, { props: { initial: { cle_id: CLIENT, cle_name: '客户 1', record_type: 39 } } })
    await settle()
    await typeContent('字'.repeat(2001))
    await clickSave()

    expect(text()).toContain('跟进内容不能超过 2000 字')
    expect(text()).toContain('2001 / 2000')
    expect(wrapper.findComponent(FollowupForm).emitted('save')).toBeUndefined()
  })

  it('saves client, type and the typed text as escaped HTML, with the display names', async () => {
    const { context } = await setup()
    const wrapper = mountRecords(FollowupForm, context, { props: { initial: { cle_id: CLIENT, cle_name: '客户 1', record_type: 39 } } })
    await settle()
    await typeContent('电话回访 <b>\n下周报价')
    // The type's name comes with the record types, read from the cache.
    await vi.waitFor(() => expect(document.querySelector('[data-testid="form-type"]')?.textContent).toContain('光速记录'))
    await clickSave()

    expect(wrapper.findComponent(FollowupForm).emitted('save')).toEqual([
      [{ cle_id: CLIENT, cle_name: '客户 1', record_type: 39, record_type_name: '光速记录', record_content: '电话回访 &lt;b&gt;<br>\n下周报价' }],
    ])
  })

  it('starts from a refused create to correct (HTML content back to text)', async () => {
    const { context } = await setup()
    mountRecords(FollowupForm, context, {
      props: { initial: { cle_id: CLIENT, record_type: 38, record_content: '<p>第一行<br>第二行 &amp; 更多</p>' } },
    })
    await settle()
    expect(document.querySelector<HTMLTextAreaElement>('[data-testid="form-content"] textarea')!.value).toBe('第一行\n第二行 & 更多')
  })

  it('reports every edit as a draft', async () => {
    const { context } = await setup()
    const wrapper = mountRecords(FollowupForm, context, { props: { initial: { cle_id: CLIENT, cle_name: '客户 1' } } })
    await settle()
    await typeContent('草稿内容')
    expect(wrapper.findComponent(FollowupForm).emitted('change')?.at(-1)).toEqual([{ clientId: CLIENT, clientName: '客户 1', content: '草稿内容' }])
  })
})

describe('the new follow-up dialog', () => {
  it('keeps the draft for the account on every change and restores it the next time it opens', async () => {
    const { context } = await setup()
    const first = mountRecords(NewFollowupModal, context, { props: { show: true } })
    await settle()
    await typeContent('拜访了客户，约下周再谈')
    expect(loadDraft(localStorage, draftKey(DEMO_ACCOUNT))).toEqual({ content: '拜访了客户，约下周再谈' })

    // The window closes (or the app crashes) without saving.
    first.unmount()
    document.body.innerHTML = ''
    mountRecords(NewFollowupModal, context, { props: { show: true } })
    await settle()
    expect(document.querySelector<HTMLTextAreaElement>('[data-testid="form-content"] textarea')!.value).toBe('拜访了客户，约下周再谈')
    expect(text()).toContain('已恢复上次未保存的草稿')
  })

  it('saves a local record at once as pending, tells main, and drops the draft', async () => {
    const { db, context } = await setup()
    const queued = vi.spyOn(context.cache, 'changesQueued').mockImplementation(() => undefined)
    localStorage.setItem(draftKey(DEMO_ACCOUNT), JSON.stringify({ clientId: CLIENT, clientName: '客户 1', recordType: 39, content: '离线写的跟进' }))
    const wrapper = mountRecords(NewFollowupModal, context, { props: { show: true } })
    await settle()
    await clickSave()
    await vi.waitFor(async () => expect(await db.records.where('sync').equals('pending').count()).toBe(1))

    const [record] = await db.records.where('sync').equals('pending').toArray()
    expect(record).toMatchObject({ cle_id: CLIENT, cle_name: '客户 1', record_type: 39, record_content: '离线写的跟进', sync: 'pending' })
    expect(record?.create_user_name).toBe('8001 张三')
    expect(await db.outbox.count()).toBe(1)
    await vi.waitFor(() => expect(queued).toHaveBeenCalledOnce())
    expect(localStorage.getItem(draftKey(DEMO_ACCOUNT))).toBeNull()
    expect(wrapper.findComponent(NewFollowupModal).emitted('created')?.[0]?.[0]).toMatchObject({ id: record?.id })
  })

  it('opened for a client, takes that client over the draft one', async () => {
    const { context } = await setup()
    localStorage.setItem(draftKey(DEMO_ACCOUNT), JSON.stringify({ clientId: serverId(1_000_002), opportunityId: '5', content: '草稿' }))
    const wrapper = mountRecords(NewFollowupModal, context, { props: { show: true, client: { id: CLIENT, name: '客户 1' } } })
    await settle()
    await typeContent('草稿，改了')
    const form = wrapper.findComponent(FollowupForm)
    expect(form.emitted('change')?.at(-1)).toEqual([{ clientId: CLIENT, clientName: '客户 1', content: '草稿，改了' }])
  })
})
