/**
 * The record screens end to end: the built renderer in Chromium over main's real handler table and
 * the demo e-CRM server (search, offline create and batch delete landing once, a hostile record
 * shown inert, everything kept across a reload). Screenshots (zh-CN) go to test-results/screenshots.
 */
import type { Page } from 'playwright-core'
import { pinyin } from 'pinyin-pro'
import { describe, expect, it } from 'vitest'
import { NO_FAULTS } from '../../electron/main/demo/faults'
import type { DemoServer } from '../../electron/main/demo/server'
import { appPerTest } from './support/app-per-test'
import { SCREENSHOTS, signInToDemo } from './support/frame-page'

const VIEWPORT = { width: 1280, height: 800 }

describe('the record screens in Chromium, over the demo server', () => {
  // Chromium reports an inline handler (the payload's onerror) as refused by the CSP already when
  // DOMPurify parses the content into its inert document, before the handler is stripped.
  // Nothing runs: the spec asserts that on window.__xss.
  const { launch, demoServer } = appPerTest(VIEWPORT, (message) => message.startsWith('Executing inline event handler violates'))

  /** Starts the app, signs in to the demo and waits for the first download to finish. */
  async function start(): Promise<{ page: Page; server: DemoServer }> {
    const { page } = await launch()
    await signInToDemo(page)
    await page.getByTestId('record-row').first().waitFor()
    return { page, server: await demoServer() }
  }

  /** A screenshot once the frame's passing messages ("已下载 300 条跟进记录") have gone. */
  async function screenshot(page: Page, name: string): Promise<void> {
    await page.locator('.n-message').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined)
    await page.waitForTimeout(300)
    await page.screenshot({ path: `${SCREENSHOTS}/${name}` })
  }

  const rows = (page: Page) => page.getByTestId('record-row')
  const row = (page: Page, id: string) => page.locator(`[data-testid="record-row"][data-record-id="${id}"]`)
  const marks = (page: Page) => rows(page).locator('mark').allTextContents()
  const clientNames = (page: Page) => rows(page).locator('.record-row__client').allTextContents()
  const total = async (page: Page) => Number((await page.getByTestId('record-total').textContent())?.replace(/\D/g, ''))

  async function search(page: Page, query: string): Promise<void> {
    await page.keyboard.press('/')
    await page.keyboard.press('Control+a')
    await page.keyboard.type(query)
  }

  it('finds follow-ups as the query is typed: CJK substring, phone digits, pinyin initials, matches marked', async () => {
    const { page, server } = await start()
    const records = server.store.all()
    const company = records.find((r) => (r.client?.cle_name.length ?? 0) >= 8)!.client!
    const person = records.find((r) => /^\p{Script=Han}{2,3}$/u.test(r.client?.cle_name ?? ''))!.client!

    const part = company.cle_name.slice(2, 4)
    await search(page, part)
    await expect.poll(() => clientNames(page)).toContain(company.cle_name)
    // The list follows every keystroke: wait for the answer to the whole query, not a prefix of it.
    const expected = records.filter((r) => JSON.stringify([r.client?.cle_name, r.record_content_name, r.create_user_name]).includes(part)).length
    await expect.poll(() => total(page)).toBe(expected)
    await expect.poll(async () => [...new Set(await marks(page))]).toEqual([part])
    await screenshot(page, 'list-search.png')

    const digits = company.cle_phone!.slice(3, 8)
    await search(page, digits)
    await expect.poll(() => clientNames(page)).toContain(company.cle_name)
    await expect.poll(async () => (await marks(page)).every((mark) => mark === digits)).toBe(true)

    const initials = pinyin(person.cle_name, { pattern: 'first', toneType: 'none', separator: '' })
    await search(page, initials)
    await expect.poll(() => clientNames(page)).toContain(person.cle_name)
    await expect.poll(() => marks(page)).toContain(person.cle_name)
  })

  it('creates a follow-up offline: pending at once, on the server exactly once when the network is back', async () => {
    const { page, server } = await start()
    const client = server.store.clients().find((c) => /^\p{Script=Han}{2,3}$/u.test(c.name))!
    const content = `离线跟进 ${Date.now()}：客户要求下周二上门演示`
    server.setFaults({ resetBeforeRate: 1 })

    await page.keyboard.press('Control+n')
    await page.getByTestId('followup-form').waitFor()
    await page.keyboard.type(pinyin(client.name, { pattern: 'first', toneType: 'none', separator: '' }))
    await page.locator('.n-base-select-option', { hasText: client.phone }).click()
    await page.getByTestId('form-type').click()
    await page.locator('.n-base-select-option', { hasText: '光速记录' }).click()
    await page.getByTestId('form-content').locator('textarea').fill(content)
    await screenshot(page, 'new-followup.png')
    await page.getByTestId('form-save').click()

    const created = rows(page).first()
    await expect.poll(() => created.textContent()).toContain(content)
    expect(await created.textContent()).toContain(client.name)
    expect(await created.getByTestId('sync-badge').getAttribute('data-state')).toMatch(/pending|sending/)
    await page.waitForTimeout(1500)
    expect(server.store.all().filter((r) => r.record_content.includes(content))).toHaveLength(0)

    await created.click()
    const detail = page.getByTestId('record-detail')
    await expect.poll(() => detail.textContent()).toContain(content)

    server.setFaults(NO_FAULTS)
    await page.getByTestId('status-sync-now').click()
    await expect.poll(() => server.store.all().filter((r) => r.record_content.includes(content)).length, { timeout: 30_000 }).toBe(1)
    await expect.poll(() => rows(page).first().getByTestId('sync-badge').count(), { timeout: 30_000 }).toBe(0)
    expect(await rows(page).first().textContent()).toContain(content)
    // The record moved from its local id to the server's; the detail followed it.
    const [landed] = server.store.all().filter((r) => r.record_content.includes(content))
    expect(await rows(page).first().getAttribute('data-record-id')).toBe(landed!.id)
    await expect.poll(() => detail.textContent()).toContain('同步状态:已同步')
    expect(await detail.textContent()).toContain(content)
    await page.waitForTimeout(1500)
    expect(server.store.all().filter((r) => r.record_content.includes(content))).toHaveLength(1)
  })

  it('deletes a batch offline after a confirm that says how many; the deletes land when the network is back', async () => {
    const { page, server } = await start()
    const before = await total(page)
    const ids = await Promise.all([0, 1, 2].map((i) => rows(page).nth(i).getAttribute('data-record-id')))
    server.setFaults({ resetBeforeRate: 1 })

    await rows(page).nth(0).getByRole('checkbox').click()
    await rows(page).nth(2).getByRole('checkbox').click({ modifiers: ['Shift'] })
    expect(await page.getByTestId('selected-count').textContent()).toBe('已选 3 条')
    await page.getByTestId('delete-selected').click()
    const dialog = page.locator('.n-dialog')
    expect(await dialog.textContent()).toContain('删除 3 条跟进记录？')
    await dialog.getByRole('button', { name: '删除' }).click()

    await expect.poll(() => total(page)).toBe(before - 3)
    await expect.poll(() => Promise.all(ids.map((id) => row(page, id!).count()))).toEqual([0, 0, 0])
    expect(ids.every((id) => server.store.has(id!))).toBe(true)

    server.setFaults(NO_FAULTS)
    await page.getByTestId('status-sync-now').click()
    await expect.poll(() => ids.filter((id) => server.store.has(id!)).length, { timeout: 30_000 }).toBe(0)
    expect(await total(page)).toBe(before - 3)
  })

  it('shows a record carrying a script payload as text and markup, and runs none of it', async () => {
    const { page, server } = await start()
    const hostile = server.store.all().find((r) => r.record_content.includes('onerror'))!
    await row(page, hostile.id).click()
    const content = page.getByTestId('record-content')
    await expect.poll(() => content.textContent()).toContain('客户发来的资料')
    expect(await content.textContent()).toContain('点击查看')
    expect(await content.locator('script, [onerror]').count()).toBe(0)
    expect(await content.locator('img').getAttribute('src')).toBeNull()
    expect(await content.locator('a').getAttribute('href')).toBeNull()
    await content.locator('a').click()
    await page.waitForTimeout(300)
    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined()
  })

  it('works from the keyboard: ↓ to a record, Enter opens it with its client and opportunity, Esc, Space, Delete', async () => {
    const { page, server } = await start()
    const withOpportunity = server.store.all().find((r) => r.opportunity && !r.record_content.includes('__xss'))!
    const index = await rows(page).evaluateAll((els, id) => els.findIndex((el) => el.getAttribute('data-record-id') === id), withOpportunity.id)
    expect(index).toBeGreaterThanOrEqual(0)

    await page.getByTestId('record-list').focus()
    for (let i = 0; i <= index; i++) await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    const detail = page.getByTestId('record-detail')
    await expect.poll(() => detail.textContent()).toContain(withOpportunity.opportunity!.opty_name)
    const text = (await detail.textContent())!
    for (const part of [withOpportunity.client!.cle_name, withOpportunity.client!.cle_phone!, withOpportunity.create_user_name!, '已同步']) {
      expect(text).toContain(part)
    }
    await screenshot(page, 'detail.png')

    await page.keyboard.press('Escape')
    await detail.waitFor({ state: 'detached' })

    // Space checks the active row, Delete asks about the checked ones, Esc answers no.
    const before = await total(page)
    await page.keyboard.press(' ')
    expect(await page.getByTestId('selected-count').textContent()).toBe('已选 1 条')
    await page.keyboard.press('Delete')
    const dialog = page.locator('.n-dialog')
    await expect.poll(() => dialog.textContent()).toContain('删除 1 条跟进记录？')
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    expect(await total(page)).toBe(before)
    expect(server.store.has(withOpportunity.id)).toBe(true)
  })

  it('keeps created and deleted follow-ups across a reload', async () => {
    const { page, server } = await start()
    const content = `重启前写的跟进 ${Date.now()}`
    const client = server.store.clients()[0]!
    const gone = (await rows(page).nth(1).getAttribute('data-record-id'))!
    server.setFaults({ resetBeforeRate: 1 })

    await page.getByTestId('new-followup-button').click()
    await page.keyboard.type(client.phone)
    await page.locator('.n-base-select-option', { hasText: client.phone }).click()
    await page.getByTestId('form-type').click()
    await page.locator('.n-base-select-option', { hasText: '慢速记录' }).click()
    await page.getByTestId('form-content').locator('textarea').fill(content)
    await page.getByTestId('form-save').click()
    await expect.poll(() => rows(page).first().textContent()).toContain(content)

    await row(page, gone).click()
    await page.getByTestId('detail-delete').click()
    await page.locator('.n-dialog').getByRole('button', { name: '删除' }).click()
    await row(page, gone).waitFor({ state: 'detached' })
    const count = await total(page)

    await page.reload()
    await rows(page).first().waitFor()
    await expect.poll(() => rows(page).first().textContent()).toContain(content)
    // Sending when the page went away, the create is checked on the server before it is sent again.
    expect(await rows(page).first().getByTestId('sync-badge').getAttribute('data-state')).toMatch(/pending|sending|checking/)
    expect(await row(page, gone).count()).toBe(0)
    expect(await total(page)).toBe(count)
  })
  it('in a dark OS theme, shows the detail’s and a client timeline’s secondary text in the list’s readable grey', async () => {
    const { page } = await launch()
    await page.emulateMedia({ colorScheme: 'dark' })
    await signInToDemo(page)
    await rows(page).first().click()
    const colour = (selector: string) => page.locator(selector).first().evaluate((node) => getComputedStyle(node).color)
    const listGrey = await colour('[data-testid="record-row"] .record-row__time')
    expect(listGrey).toBe('rgba(255, 255, 255, 0.52)')
    expect(await colour('.record-detail__when')).toBe(listGrey)

    await page.getByTestId('record-detail').getByRole('button', { name: '该客户的全部跟进' }).click()
    await page.getByTestId('timeline-entry').first().waitFor()
    expect(await colour('.client-timeline__meta')).toBe(listGrey)
  })
})
