/**
 * The first screen end to end: on a start with a cache, the newest follow-ups are on screen before
 * the app's code has even loaded (the app chunk is held back here to show it), where the list
 * will show them; the working list then takes over, opening a row clicked meanwhile. Its search
 * box already answers, from the search index a worker reads meanwhile. Nothing of an account is
 * pictured once it has signed out.
 */
import { pinyin } from 'pinyin-pro'
import type { Page, Route } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { appPerTest } from './support/app-per-test'
import { SCREENSHOTS, signInToDemo } from './support/frame-page'

const VIEWPORT = { width: 1280, height: 800 }

describe('the first screen on a start with a cache', () => {
  const { launch } = appPerTest(VIEWPORT)

  const LIST_ROWS = '[data-testid="record-row"][data-record-id]'
  const liveRows = (page: Page) => page.locator(LIST_ROWS)
  const pictured = (page: Page) => page.locator('[data-first-paint-row]')

  /** Rows' record ids and where they are on screen. */
  const placed = (page: Page, selector: string) =>
    page.locator(selector).evaluateAll((nodes) =>
      nodes.slice(0, 8).map((node) => ({ id: (node as HTMLElement).dataset['recordId'], top: Math.round(node.getBoundingClientRect().top) })),
    )

  /** Holds the app's chunk back until `release` is called: what shows until then is the first screen alone. */
  async function holdAppCode(page: Page): Promise<() => void> {
    let release!: () => void
    const released = new Promise<void>((resolve) => (release = resolve))
    await page.route(/\/assets\/app-[^/]+\.js$/, async (route: Route) => {
      await released
      await route.continue()
    })
    return release
  }

  /** The app signed in to the demo, its list's rows on screen. `prepare` runs first (window size, colour scheme). */
  async function signedInWithRows(prepare?: (page: Page) => Promise<void>): Promise<Page> {
    const { page } = await launch()
    await prepare?.(page)
    await signInToDemo(page)
    await liveRows(page).first().waitFor()
    return page
  }

  /** Starts the app again with its chunk held back, until the first screen is up; returns the release. */
  async function restartOnFirstScreen(page: Page): Promise<() => void> {
    const release = await holdAppCode(page)
    await page.reload()
    await pictured(page).first().waitFor()
    return release
  }

  it('shows the newest follow-ups before the app has loaded, where the list shows them, then the working list', async () => {
    const page = await signedInWithRows()
    const listed = await placed(page, LIST_ROWS)

    const release = await restartOnFirstScreen(page)
    expect(await placed(page, '[data-first-paint-row]')).toEqual(listed)
    expect(await page.locator('#first-paint input').getAttribute('placeholder')).toContain('搜索客户、电话、拼音首字母、内容或记录人')
    expect(await liveRows(page).count()).toBe(0)
    await page.screenshot({ path: `${SCREENSHOTS}/first-screen.png` })

    // A row clicked before the app has loaded is opened when it has.
    const chosen = listed[2]!.id!
    const chosenName = (await pictured(page).nth(2).locator('.record-row__client').textContent())!
    await pictured(page).nth(2).click()
    release()
    await page.locator('#first-paint').waitFor({ state: 'detached' })
    expect(await placed(page, LIST_ROWS)).toEqual(listed)
    await page.getByTestId('record-detail').waitFor()
    expect(await page.getByTestId('record-detail').locator('h2').textContent()).toContain(chosenName)
    expect(await page.locator(`[data-testid="record-row"][data-record-id="${chosen}"]`).getAttribute('aria-selected')).toBe('true')
  })

  /** Resolves once the search index is persisted and nothing was written after it: a restart can search at once. */
  async function searchIndexPersisted(page: Page): Promise<void> {
    const persisted = () =>
      page.evaluate(async () => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open(localStorage.getItem('ecrm:last-cache')!)
          request.onsuccess = () => resolve(request.result)
          request.onerror = () => reject(request.error)
        })
        const read = <T,>(request: IDBRequest<T>) => new Promise<T>((resolve) => (request.onsuccess = () => resolve(request.result)))
        const tx = db.transaction(['searchIndex', 'searchChanges'])
        const [manifest, changes] = await Promise.all([read(tx.objectStore('searchIndex').get('manifest')), read(tx.objectStore('searchChanges').count())])
        db.close()
        return manifest !== undefined && changes === 0
      })
    const deadline = Date.now() + 20_000
    while (!(await persisted())) {
      if (Date.now() > deadline) throw new Error('the search index was not persisted within 20 s')
      await page.waitForTimeout(250)
    }
  }

  it('answers a search typed before the app has loaded, and the app’s search box goes on with it', async () => {
    const page = await signedInWithRows()
    // A client further down the list: its records are not simply the newest.
    const client = (await liveRows(page).nth(6).locator('.record-row__client').textContent())!.trim()
    const search = page.getByTestId('record-search').locator('input')
    await search.fill(client)
    await liveRows(page).locator('mark').first().waitFor()
    const found = await placed(page, LIST_ROWS)
    const total = await page.getByTestId('record-total').textContent()
    expect(found.length).toBeGreaterThan(0)
    await search.fill('')
    await searchIndexPersisted(page)

    const release = await restartOnFirstScreen(page)
    await page.locator('#first-paint input').fill(client)
    await pictured(page).locator('mark').first().waitFor()
    expect(await placed(page, '[data-first-paint-row]')).toEqual(found)
    expect(await pictured(page).first().locator('mark').first().textContent()).toBe(client)
    expect(await page.locator('#first-paint .first-paint__status').textContent()).toBe(total)
    expect(await liveRows(page).count()).toBe(0)
    await page.screenshot({ path: `${SCREENSHOTS}/first-screen-search.png` })

    release()
    await page.locator('#first-paint').waitFor({ state: 'detached' })
    expect(await search.inputValue()).toBe(client)
    expect(await search.evaluate((input) => input === document.activeElement)).toBe(true)
    expect(await placed(page, LIST_ROWS)).toEqual(found)
    expect(await liveRows(page).first().locator('mark').first().textContent()).toBe(client)
  })

  it('answers a pinyin query on the first screen too, marking client names by their pinyin', async () => {
    const page = await signedInWithRows()
    await searchIndexPersisted(page)
    const client = (await liveRows(page).nth(6).locator('.record-row__client').textContent())!.trim()
    const initials = pinyin(client, { pattern: 'first', toneType: 'none', separator: '' })

    // The worker loads pinyin-pro only for such a query: this is the chunk it loads on demand.
    const release = await restartOnFirstScreen(page)
    await page.locator('#first-paint input').fill(initials)
    await pictured(page).locator('.record-row__client mark').first().waitFor()
    expect(await liveRows(page).count()).toBe(0)
    const names = await pictured(page).locator('.record-row__client').allTextContents()
    expect(names.map((name) => name.trim())).toContain(client)
    release()
  })

  it('hands a search it cannot answer (no persisted index) to the app, which answers it once its index is built', async () => {
    const page = await signedInWithRows()
    await searchIndexPersisted(page)
    // As after a crash before the index was first persisted: no manifest, so nothing to read early.
    await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve) => {
        const request = indexedDB.open(localStorage.getItem('ecrm:last-cache')!)
        request.onsuccess = () => resolve(request.result)
      })
      await new Promise((resolve) => {
        const tx = db.transaction('searchIndex', 'readwrite')
        tx.objectStore('searchIndex').clear()
        tx.oncomplete = resolve
      })
      db.close()
    })
    const client = (await liveRows(page).nth(6).locator('.record-row__client').textContent())!.trim()

    const release = await restartOnFirstScreen(page)
    await page.locator('#first-paint input').fill(client)
    await page.waitForTimeout(500)
    expect(await pictured(page).locator('mark').count()).toBe(0)
    release()
    await page.locator('#first-paint').waitFor({ state: 'detached' })
    expect(await page.getByTestId('record-search').locator('input').inputValue()).toBe(client)
    await liveRows(page).locator('mark').first().waitFor()
    expect(await liveRows(page).first().locator('mark').first().textContent()).toBe(client)
  })

  it('keeps the rows where the list has them in a narrow window, where the filters take two lines', async () => {
    const page = await signedInWithRows((p) => p.setViewportSize({ width: 800, height: 600 }))
    const listed = await placed(page, LIST_ROWS)

    const release = await restartOnFirstScreen(page)
    expect(await placed(page, '[data-first-paint-row]')).toEqual(listed)
    release()
  })

  it('in a dark OS theme, draws rows in the dark colours the list has (no glaring dividers, readable previews)', async () => {
    const page = await signedInWithRows((p) => p.emulateMedia({ colorScheme: 'dark' }))
    const colours = (row: string, preview: string) =>
      page.evaluate(
        ([rowSelector, previewSelector]) => {
          const style = (selector: string) => getComputedStyle(document.querySelector(selector)!)
          return { divider: style(rowSelector!).borderBottomColor, preview: style(previewSelector!).color }
        },
        [row, preview],
      )
    const listed = await colours(LIST_ROWS, '.record-row__preview')
    expect(listed).toEqual({ divider: 'rgba(255, 255, 255, 0.09)', preview: 'rgba(255, 255, 255, 0.72)' })

    const release = await restartOnFirstScreen(page)
    expect(await colours('[data-first-paint-row]', '#first-paint .record-row__preview')).toEqual(listed)
    release()
  })

  it('pictures nothing of an account after it signed out: the next start is the sign-in screen', async () => {
    const page = await signedInWithRows()
    await page.getByTestId('sign-out').click()
    await page.getByTestId('sign-out-keep').click()
    await page.getByTestId('sign-in-demo').waitFor()

    const release = await holdAppCode(page)
    // The entry asks for the app chunk once it has pictured what there is, so by then it would be on screen.
    const appAskedFor = page.waitForRequest(/\/assets\/app-[^/]+\.js$/)
    await page.reload()
    await appAskedFor
    expect(await pictured(page).count()).toBe(0)
    release()
    await page.getByTestId('sign-in-demo').waitFor()
    expect(await page.locator('#first-paint').count()).toBe(0)
  })
})
