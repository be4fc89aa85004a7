import { afterEach, describe, expect, it } from 'vitest'
import { cachedRecordCount, cachedRecordTypeNames, signInToDemo } from './support/frame-page'
import { launchApp, type LaunchedApp } from './support/launch'

describe('the app over the IPC contract', () => {
  let app: LaunchedApp | undefined
  afterEach(async () => {
    await app?.close()
    app = undefined
  })

  it('signs in to the demo; main’s engine fills the page’s cache through store calls and reports back', async () => {
    app = await launchApp()
    await signInToDemo(app.page)
    // renderer → main: the sign-in and the account it answers with.
    expect(await app.page.getByTestId('account').textContent()).toContain('演示账号 · 8001')
    // main → renderer → main: the engine's store.call events, answered with storeReply.
    expect(await cachedRecordCount(app.page)).toBe(300)
    expect((await cachedRecordTypeNames(app.page)).sort()).toEqual(['123123', '光速记录', '慢速记录', '系统自动'].sort())
    // main → renderer: sync.status events.
    await expect.poll(() => app!.page.getByTestId('status-online').textContent()).toBe('在线')
  })

  it('is refused by main when it passes a malformed argument', async () => {
    app = await launchApp()
    await app.page.getByTestId('sign-in-screen').waitFor()
    const result = await app.page.evaluate(() =>
      (window.crm.signIn as unknown as (a: unknown) => Promise<unknown>)({ baseUrl: 'javascript:alert(1)' }),
    )
    expect(result).toMatchObject({ ok: false, error: { kind: 'bad_request' } })
  })
})
