import { describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import PendingChangesDrawer from '../../../../renderer/src/components/frame/PendingChangesDrawer.vue'
import { createLocalRecord, deleteLocalRecords } from '../../../../renderer/src/db/local-writes'
import { createDexieSyncStore } from '../../../../renderer/src/db/sync-store'
import { setLocale } from '../../../../renderer/src/i18n'
import { useCacheStore } from '../../../../renderer/src/stores/cache'
import { useSessionStore } from '../../../../renderer/src/stores/session'
import { useSyncStore } from '../../../../renderer/src/stores/sync'
import { serverId, serverRow } from '../db/support'
import { bodyText, eventually, installFakeMain, mountInFrame, settle, useFrameTestEnvironment } from './support'

useFrameTestEnvironment()

const OpenDrawer = defineComponent({ setup: () => () => h(PendingChangesDrawer, { show: true }) })
const input = (text: string) => ({ cle_id: serverId(1_000_001), record_type: 36, record_type_name: '系统自动', record_content: `<p>${text}</p>` })

/** An outbox with one entry in each state the panel must tell apart. */
async function outboxInEveryState() {
  const main = installFakeMain()
  await useSessionStore().signInDemo()
  const db = useCacheStore().db!
  const store = createDexieSyncStore(db)
  await store.applyPage([serverRow(1)])
  const waiting = await createLocalRecord(db, input('等网络'))
  const refused = await createLocalRecord(db, input('被拒绝'))
  const uncertain = await createLocalRecord(db, input('不确定'))
  await createLocalRecord(db, input('发送中'))
  await deleteLocalRecords(db, [serverId(1)])
  const seqOf = async (recordId: string) => (await db.outbox.where('recordId').equals(recordId).first())!.seq
  const [waitingSeq, refusedSeq, uncertainSeq] = [await seqOf(waiting.id), await seqOf(refused.id), await seqOf(uncertain.id)]
  const sendingSeq = (await db.outbox.toArray()).find((e) => e.state === 'pending' && ![waitingSeq, refusedSeq, uncertainSeq].includes(e.seq) && e.kind === 'create')!.seq
  await store.markPending([waitingSeq], { kind: 'network', message: 'ECONNREFUSED', at: Date.now() })
  await store.markAttention(refusedSeq, { reason: 'rejected', message: '跟进内容包含敏感词' })
  await store.markAttention(uncertainSeq, { reason: 'ambiguous', message: '?', candidates: [serverId(7), serverId(8)] })
  await store.markSending([sendingSeq], Date.now())
  await eventually(() => expect(useSyncStore().pendingCount).toBe(5))
  mountInFrame(OpenDrawer)
  await settle(10)
  return { main, db, seqs: { waitingSeq, refusedSeq, uncertainSeq, sendingSeq }, refused }
}

const entry = (seq: number) => document.querySelector<HTMLElement>(`[data-testid="pending-entry-${seq}"]`)!
const buttonIn = (root: Element, text: string) => [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === text)

describe('the pending changes panel', () => {
  it('says when everything is on the server', async () => {
    installFakeMain()
    await useSessionStore().signInDemo()
    mountInFrame(OpenDrawer)
    await settle()
    expect(bodyText()).toContain('所有修改都已同步到服务器。')
  })

  it('shows every entry with its state, attempts and what went wrong in words', async () => {
    const { seqs } = await outboxInEveryState()
    await eventually(() => expect(entry(seqs.waitingSeq)).not.toBeNull())
    expect(entry(seqs.waitingSeq).textContent).toContain('等待发送')
    expect(entry(seqs.waitingSeq).textContent).toContain('无法连接服务器，恢复网络后会自动重试。')
    expect(entry(seqs.waitingSeq).textContent).not.toContain('ECONNREFUSED')
    expect(entry(seqs.sendingSeq).textContent).toContain('发送中')
    expect(entry(seqs.sendingSeq).textContent).toContain('已尝试 1 次')
    expect(entry(seqs.refusedSeq).textContent).toContain('需要处理')
    expect(entry(seqs.refusedSeq).textContent).toContain('服务器拒绝了这条记录：跟进内容包含敏感词')
    expect(entry(seqs.refusedSeq).textContent).toContain('系统自动')
    expect(entry(seqs.uncertainSeq).textContent).toContain(`服务器记录 ${serverId(7)}`)
    expect(bodyText()).toContain('删除跟进')
  })

  it('puts entries that need the user first and makes them stand out', async () => {
    const { seqs } = await outboxInEveryState()
    const order = [...document.querySelectorAll('[data-testid^="pending-entry-"]')].map((e) => e.getAttribute('data-state'))
    expect(order.slice(0, 2)).toEqual(['attention', 'attention'])
    expect(entry(seqs.refusedSeq).classList).toContain('pending-entry--attention')
  })

  it('offers only what makes sense in each state', async () => {
    const { seqs } = await outboxInEveryState()
    expect(buttonIn(entry(seqs.sendingSeq), '放弃')).toBeUndefined()
    expect(buttonIn(entry(seqs.refusedSeq), '修改后重试')).toBeDefined()
    expect(buttonIn(entry(seqs.refusedSeq), '重试')).toBeDefined()
    expect(buttonIn(entry(seqs.uncertainSeq), '是这条')).toBeDefined()
    expect(buttonIn(entry(seqs.uncertainSeq), '重试')).toBeUndefined()
    expect(buttonIn(entry(seqs.waitingSeq), '放弃')).toBeDefined()
  })

  it('discards a create only after confirming, deleting its local record', async () => {
    const { db, seqs, refused } = await outboxInEveryState()
    buttonIn(entry(seqs.refusedSeq), '放弃')!.click()
    await settle()
    expect(bodyText()).toContain('放弃这条新建的跟进？本机上的这条记录会被删除。')
    expect(await db.outbox.get(seqs.refusedSeq)).toBeDefined()
    const confirm = [...document.querySelectorAll('.n-dialog button')].find((b) => b.textContent?.trim() === '放弃') as HTMLButtonElement
    confirm.click()
    await eventually(async () => expect(await db.outbox.get(seqs.refusedSeq)).toBeUndefined())
    expect(await db.records.get(refused.id)).toBeUndefined()
    await eventually(() => expect(entry(seqs.refusedSeq)).toBeNull())
  })

  it('retries a refused entry and adopts a candidate', async () => {
    const { db, seqs, main } = await outboxInEveryState()
    buttonIn(entry(seqs.refusedSeq), '重试')!.click()
    await eventually(async () => expect((await db.outbox.get(seqs.refusedSeq))?.state).toBe('pending'))
    buttonIn(entry(seqs.uncertainSeq), '是这条')!.click()
    await eventually(async () => expect(await db.outbox.get(seqs.uncertainSeq)).toBeUndefined())
    expect(await db.records.get(serverId(7))).toBeDefined()
    // Main hears of each change once it is on disk, a moment after the cache shows it.
    await eventually(() => expect(main.callsOf('changesQueued').length).toBeGreaterThanOrEqual(2))
  })

  it('edits a refused create in a small form and queues it again', async () => {
    const { db, seqs } = await outboxInEveryState()
    await db.recordTypes.bulkPut([{ id: 36, dic_name: '系统自动' }, { id: 37, dic_name: '上门拜访' }])
    buttonIn(entry(seqs.refusedSeq), '修改后重试')!.click()
    await settle(10)
    const textarea = document.querySelector<HTMLTextAreaElement>('[data-testid="followup-form"] textarea')!
    expect(textarea.value).toBe('被拒绝')
    textarea.value = '改正后的内容'
    textarea.dispatchEvent(new Event('input'))
    await settle()
    document.querySelector<HTMLButtonElement>('[data-testid="form-save"]')!.click()
    await eventually(async () => expect((await db.outbox.get(seqs.refusedSeq))?.state).toBe('pending'))
    expect(await db.outbox.get(seqs.refusedSeq)).toMatchObject({ payload: { record_content: '改正后的内容', record_type: 36 } })
    await eventually(() => expect(document.querySelector('[data-testid="followup-form"]')).toBeNull())
  })

  it('speaks English when switched', async () => {
    const { seqs } = await outboxInEveryState()
    setLocale('en')
    await settle()
    expect(entry(seqs.waitingSeq).textContent).toContain('Cannot reach the server')
    expect(entry(seqs.refusedSeq).textContent).toContain('Needs attention')
    expect(entry(seqs.sendingSeq).textContent).toContain('Tried once')
  })
})
