import { afterEach, describe, expect, it } from 'vitest'
import { launchApp, type LaunchedApp } from './support/launch'

describe('the app shell over the IPC contract', () => {
  let app: LaunchedApp | undefined
  afterEach(async () => {
    await app?.close()
    app = undefined
  })

  it('signs in to the demo server and shows the record types main fetched from it', async () => {
    app = await launchApp()
    const types = app.page.getByTestId('record-types').getByRole('listitem')
    await types.first().waitFor()
    expect(await types.allTextContents()).toEqual(['系统自动', '123123', '慢速记录', '光速记录'])
    await expect.poll(() => app!.page.getByTestId('account').textContent()).toContain('演示账号')
  })

  it('is refused by main when it passes a malformed argument', async () => {
    app = await launchApp()
    await app.page.getByTestId('record-types').getByRole('listitem').first().waitFor()
    const result = await app.page.evaluate(() =>
      (window.crm.signIn as unknown as (a: unknown) => Promise<unknown>)({ baseUrl: 'javascript:alert(1)' }),
    )
    expect(result).toMatchObject({ ok: false, error: { kind: 'bad_request' } })
  })
})
