import Dexie from 'dexie'
import { describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import SignOutDialog from '../../../../renderer/src/components/frame/SignOutDialog.vue'
import { LAST_CACHE_KEY } from '../../../../renderer/src/db/last-cache'
import { createLocalRecord } from '../../../../renderer/src/db/local-writes'
import { accountDbName, useCacheStore } from '../../../../renderer/src/stores/cache'
import { useSessionStore } from '../../../../renderer/src/stores/session'
import { useSyncStore } from '../../../../renderer/src/stores/sync'
import { serverId } from '../db/support'
import { bodyText, DEMO, eventually, installFakeMain, mountInFrame, settle, useFrameTestEnvironment } from './support'

useFrameTestEnvironment()

const DB_NAME = accountDbName(DEMO)

/** The dialog, open, as the header's "sign out" shows it. */
const OpenDialog = defineComponent({
  setup: () => {
    const show = ref(true)
    return () => h(SignOutDialog, { show: show.value, 'onUpdate:show': (value: boolean) => (show.value = value) })
  },
})

async function signedInWithPending(pending: number) {
  const main = installFakeMain()
  await useSessionStore().signInDemo()
  const db = useCacheStore().db!
  for (let i = 0; i < pending; i += 1) await createLocalRecord(db, { cle_id: serverId(1), record_type: 36, record_content: `<p>${i}</p>` })
  await eventually(() => expect(useSyncStore().pendingCount).toBe(pending))
  mountInFrame(OpenDialog)
  await settle()
  return main
}

const button = (testId: string) => document.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`)!
const buttonByText = (text: string) => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === text)!

describe('signing out', () => {
  it('keeps the cache on this computer by default', async () => {
    const main = await signedInWithPending(0)
    expect(bodyText()).toContain('是否在这台电脑上保留本账号的数据')
    expect(document.querySelector('[data-testid="sign-out-pending"]')).toBeNull()
    button('sign-out-keep').click()
    await eventually(() => expect(main.callsOf('signOut')).toHaveLength(1))
    await eventually(() => expect(useCacheStore().db).toBeNull())
    expect(await Dexie.exists(DB_NAME)).toBe(true)
    expect(useSessionStore().signedIn).toBe(false)
    // The next start begins at sign-in: the kept cache is not pictured (src/first-paint) before it.
    expect(localStorage.getItem(LAST_CACHE_KEY)).toBeNull()
  })

  it('deletes the cache at once when nothing is waiting to be sent', async () => {
    await signedInWithPending(0)
    expect(localStorage.getItem(LAST_CACHE_KEY)).toBe(DB_NAME)
    button('sign-out-delete').click()
    await eventually(async () => expect(useCacheStore().db).toBeNull())
    await eventually(async () => expect(await Dexie.exists(DB_NAME)).toBe(false))
    // Nothing left to prewarm, and nothing that names the account.
    expect(localStorage.getItem(LAST_CACHE_KEY)).toBeNull()
  })

  it('says how many changes wait, and that keeping sends them at the next sign-in', async () => {
    const main = await signedInWithPending(2)
    expect(document.querySelector('[data-testid="sign-out-pending"]')?.textContent).toContain('还有 2 条修改尚未同步。保留数据，它们会在下次登录时发送')
    button('sign-out-keep').click()
    await eventually(() => expect(useCacheStore().db).toBeNull())
    expect(main.callsOf('signOut')).toHaveLength(1)
    const kept = new Dexie(DB_NAME)
    await kept.open()
    expect(await kept.table('outbox').count()).toBe(2)
    kept.close()
  })

  it('asks a second time before deleting changes never sent, and keeps everything if the answer is no', async () => {
    const main = await signedInWithPending(1)
    button('sign-out-delete').click()
    await settle()
    expect(bodyText()).toContain('删除尚未同步的修改？')
    expect(bodyText()).toContain('这 1 条修改从未发送到服务器')
    expect(main.callsOf('signOut')).toHaveLength(0)

    const cancels = [...document.querySelectorAll('button')].filter((b) => b.textContent?.trim() === '取消')
    cancels.at(-1)!.click()
    await settle()
    expect(main.callsOf('signOut')).toHaveLength(0)
    expect(useCacheStore().db).not.toBeNull()

    button('sign-out-delete').click()
    await settle()
    buttonByText('仍然删除并退出').click()
    await eventually(() => expect(main.callsOf('signOut')).toHaveLength(1))
    await eventually(async () => expect(await Dexie.exists(DB_NAME)).toBe(false))
  })

  it('words the warning for English readers with the right plural', async () => {
    await signedInWithPending(1)
    const { setLocale } = await import('../../../../renderer/src/i18n')
    setLocale('en')
    await settle()
    expect(document.querySelector('[data-testid="sign-out-pending"]')?.textContent).toContain('One change is not on the server yet')
  })
})
