import { describe, expect, it } from 'vitest'
import { NO_FAULTS } from '../../electron/main/demo/server'
import { appPerTest } from './support/app-per-test'
import { cachedRecordCount, SCREENSHOTS, seedOutbox, signInToDemo, unnamedControls } from './support/frame-page'
import type { LaunchOptions } from './support/launch'

const VIEWPORT = { width: 1100, height: 720 }

describe('the app frame in Chromium, over main’s real handler table', () => {
  const { launch, demoServer } = appPerTest(VIEWPORT)

  async function start(options: LaunchOptions = {}) {
    const app = await launch(options)
    await app.page.getByTestId('sign-in-screen').waitFor()
    return app
  }

  it('signs in to the demo in one click, shows the first download and ends online with nothing pending', async () => {
    const { page } = await start({ demoRecords: 2000, sync: { baseBackoffMs: 100, maxBackoffMs: 1000, downloadPageSize: 50 } })
    await page.screenshot({ path: `${SCREENSHOTS}/sign-in.png` })
    expect(unnamedControls(await page.getByTestId('sign-in-screen').ariaSnapshot())).toEqual([])

    await page.getByTestId('sign-in-demo').click()
    await expect.poll(() => page.getByTestId('download-count').textContent(), { timeout: 30_000 }).toMatch(/^[\d,]+ \/ 2,000$/)
    expect(await page.getByRole('progressbar').count()).toBe(1)
    await page.getByTestId('download-progress').waitFor({ state: 'detached', timeout: 60_000 })

    await expect.poll(() => page.getByTestId('status-online').textContent()).toBe('在线')
    expect(await page.getByTestId('status-pending').textContent()).toBe('待同步 0')
    await expect.poll(() => page.getByTestId('status-last-sync').textContent()).toBe('上次同步：刚刚')
    expect(await page.getByTestId('account').textContent()).toContain('演示账号 · 8001')
    expect(await cachedRecordCount(page)).toBe(2000)
    for (const region of [page.getByRole('banner'), page.getByTestId('status-bar')]) expect(unnamedControls(await region.ariaSnapshot())).toEqual([])
    expect(await page.getByRole('radiogroup', { name: '界面语言' }).count()).toBe(1)
  })

  it('shows offline when the server cannot be reached, and online again once it can', async () => {
    const { page } = await start()
    await signInToDemo(page)
    await expect.poll(() => page.getByTestId('status-online').textContent()).toBe('在线')

    ;(await demoServer()).setFaults({ resetBeforeRate: 1 })
    await page.getByTestId('status-sync-now').click()
    await expect.poll(() => page.getByTestId('status-online').textContent(), { timeout: 30_000 }).toBe('离线')
    expect(await page.getByTestId('status-problem').textContent()).toContain('无法连接服务器，恢复网络后会自动重试。')

    ;(await demoServer()).setFaults(NO_FAULTS)
    await page.getByTestId('status-sync-now').click()
    await expect.poll(() => page.getByTestId('status-online').textContent(), { timeout: 30_000 }).toBe('在线')
  })

  it('is still signed in with its cache after a reload, without downloading again', async () => {
    const { page } = await start()
    await signInToDemo(page)
    const records = await cachedRecordCount(page)
    expect(records).toBe(300)

    await page.reload()
    await page.getByTestId('status-bar').waitFor()
    expect(await page.getByTestId('sign-in-screen').count()).toBe(0)
    expect(await page.getByTestId('account').textContent()).toContain('演示账号')
    expect(await cachedRecordCount(page)).toBe(records)
    await expect.poll(() => page.getByTestId('status-last-sync').textContent()).toBe('上次同步：刚刚')
    expect(await page.getByTestId('download-progress').count()).toBe(0)
  })

  it('asks to sign in again when the session expires, keeping the cache, then syncs again', async () => {
    const { page } = await start()
    await signInToDemo(page)
    const server = await demoServer()
    server.revokeRefreshTokens()
    server.expireTokens()
    await page.getByTestId('status-sync-now').click()

    const dialog = page.getByTestId('re-sign-in')
    await dialog.waitFor({ timeout: 30_000 })
    expect(await dialog.textContent()).toContain('登录已过期，请重新登录')
    expect(await page.getByTestId('status-sign-in-again').count()).toBe(1)
    expect(await cachedRecordCount(page)).toBe(300)

    await dialog.getByTestId('sign-in-demo').click()
    await dialog.waitFor({ state: 'detached' })
    await expect.poll(() => page.getByTestId('status-sign-in-again').count(), { timeout: 30_000 }).toBe(0)
    await expect.poll(() => page.getByTestId('status-online').textContent()).toBe('在线')
    await expect.poll(() => page.getByTestId('status-last-sync').textContent()).toBe('上次同步：刚刚')
  })

  it('switches to English and back', async () => {
    const { page } = await start()
    await signInToDemo(page)
    await page.getByTestId('language-switch').getByText('English').click()
    await expect.poll(() => page.getByTestId('status-pending').textContent()).toBe('0 pending')
    expect(await page.getByTestId('account').textContent()).toContain('Demo account')
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(1)

    await page.getByTestId('language-switch').getByText('中文').click()
    await expect.poll(() => page.getByTestId('status-pending').textContent()).toBe('待同步 0')
    expect(await page.getByRole('button', { name: '退出登录' }).count()).toBe(1)
  })

  it('lists pending changes with their states and lets the user settle them', async () => {
    const { page } = await start()
    await signInToDemo(page)
    ;(await demoServer()).setFaults({ resetBeforeRate: 1 })
    const [candidate] = await seedOutbox(page, Date.now())
    await page.reload()
    await expect.poll(() => page.getByTestId('status-pending').textContent()).toBe('待同步 4')
    await expect.poll(() => page.getByTestId('status-online').textContent(), { timeout: 30_000 }).toBe('离线')

    await page.getByTestId('status-pending').click()
    const drawer = page.getByTestId('pending-drawer')
    await drawer.waitFor()
    await expect.poll(() => drawer.locator('[data-testid^="pending-entry-"]').count()).toBe(4)
    await expect.poll(() => drawer.textContent()).toContain('跟进内容包含不允许的字符')
    await page.waitForTimeout(400) // the drawer's slide-in
    await page.screenshot({ path: `${SCREENSHOTS}/pending-changes.png` })
    expect(unnamedControls(await drawer.ariaSnapshot())).toEqual([])

    const text = await drawer.textContent()
    for (const words of ['需要处理', '等待发送', '无法连接服务器，恢复网络后会自动重试。', '服务器拒绝了这条记录：跟进内容包含不允许的字符', '删除跟进', '已尝试 2 次']) {
      expect(text).toContain(words)
    }

    const refused = drawer.locator('[data-testid^="pending-entry-"]', { hasText: '服务器拒绝了这条记录' })
    await refused.getByRole('button', { name: '放弃' }).click()
    await page.locator('.n-dialog').getByRole('button', { name: '放弃' }).click()
    await expect.poll(() => page.getByTestId('status-pending').textContent()).toBe('待同步 3')

    await drawer.getByRole('button', { name: `是这条: ${candidate}` }).click()
    await expect.poll(() => page.getByTestId('status-pending').textContent()).toBe('待同步 2')

    ;(await demoServer()).setFaults(NO_FAULTS)
    await page.keyboard.press('Escape')
    await drawer.waitFor({ state: 'detached' })
    await page.getByTestId('status-sync-now').click()
    await expect.poll(() => page.getByTestId('status-pending').textContent(), { timeout: 30_000 }).toBe('待同步 0')
    expect(await page.getByTestId('status-online').textContent()).toBe('在线')
  })
})
