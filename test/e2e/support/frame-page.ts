/**
 * What the e2e specs do to the page: sign in to the demo, wait for the first download, read
 * and seed the cache through the page's own IndexedDB, and collect the page's errors.
 */
import type { Page } from 'playwright-core'
import { expect } from 'vitest'

export const SCREENSHOTS = 'test-results/screenshots'

/** Clicks "Try the demo" and waits until the first download is done and the status bar says so. */
export async function signInToDemo(page: Page): Promise<void> {
  await page.getByTestId('sign-in-demo').click()
  await page.getByTestId('status-bar').waitFor()
  await expect.poll(() => page.getByTestId('status-last-sync').textContent(), { timeout: 60_000 }).toMatch(/上次同步|Last synced/)
}

/**
 * Errors the page reported: uncaught exceptions and console errors (a CSP refusal is one), less
 * those `excused` accepts.
 */
export function collectPageErrors(page: Page, excused: (message: string) => boolean = () => false): string[] {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() !== 'error') return
    // The static server has no favicon; Chromium asks for one anyway.
    if (message.location().url.endsWith('/favicon.ico')) return
    // The built page repeats its CSP in a <meta> (for e2e); the shell sends frame-ancestors as a header.
    if (message.text().includes("'frame-ancestors' is ignored when delivered via a <meta> element")) return
    if (excused(message.text())) return
    errors.push(message.text())
  })
  return errors
}

/** How many records the account's cache holds, read straight from IndexedDB. */
export async function cachedRecordCount(page: Page): Promise<number> {
  return (await readCache(page, 'records', 'count')) as number
}

/** The record types the sync engine stored in the cache, in their order. */
export async function cachedRecordTypeNames(page: Page): Promise<string[]> {
  return ((await readCache(page, 'recordTypes', 'getAll')) as { dic_name: string }[]).map((type) => type.dic_name)
}

function readCache(page: Page, table: string, read: 'count' | 'getAll'): Promise<unknown> {
  return page.evaluate(
    async ({ table, read }) => {
      const name = (await indexedDB.databases()).find((db) => db.name?.startsWith('ecrm:'))?.name
      if (!name) throw new Error('No cache database')
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name)
        open.onsuccess = () => resolve(open.result)
        open.onerror = () => reject(open.error)
      })
      const result = await new Promise<unknown>((resolve) => {
        const request = db.transaction(table).objectStore(table)[read]()
        request.onsuccess = () => resolve(request.result)
      })
      db.close()
      return result
    },
    { table, read },
  )
}

/**
 * Puts changes in the outbox as the app and the engine would have left them: a create waiting
 * after network failures, a create the server refused, a create that two server records could
 * be, and a delete of a server record. The page must reload afterwards to see them (raw writes
 * bypass Dexie's change tracking). Returns the candidate server ids of the uncertain create.
 */
export function seedOutbox(page: Page, now: number): Promise<string[]> {
  return page.evaluate(async (now) => {
    const name = (await indexedDB.databases()).find((db) => db.name?.startsWith('ecrm:'))!.name!
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name)
      open.onsuccess = () => resolve(open.result)
      open.onerror = () => reject(open.error)
    })
    const done = (tx: IDBTransaction) => new Promise((resolve, reject) => ((tx.oncomplete = resolve), (tx.onerror = () => reject(tx.error))))
    const read = db.transaction('records')
    const rows = await new Promise<Record<string, unknown>[]>((resolve) => {
      const request = read.objectStore('records').index('create_time').getAll(null, 4)
      request.onsuccess = () => resolve(request.result as Record<string, unknown>[])
    })
    const [template, deleted, candidateA, candidateB] = rows as [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>, Record<string, unknown>]

    const tx = db.transaction(['records', 'outbox'], 'readwrite')
    const records = tx.objectStore('records')
    const outbox = tx.objectStore('outbox')
    const create = (id: string, text: string, entry: Record<string, unknown>) => {
      const payload = { cle_id: template.cle_id, record_type: template.record_type, record_content: `<p>${text}</p>` }
      records.put({
        _id: id,
        id,
        ...payload,
        record_type_name: template.record_type_name,
        record_content_name: text,
        cle_name: template.cle_name,
        create_time: Math.floor(now / 1000),
        sync: entry.state,
      })
      outbox.add({ kind: 'create', recordId: id, payload, queuedAt: now - 20 * 60_000, ...entry })
    }
    create('local:e2e-waiting', '客户对新报价有兴趣，下周二再次拜访。', {
      state: 'pending',
      attempts: 2,
      lastError: { kind: 'network', message: 'connect ECONNREFUSED', at: now - 60_000 },
    })
    create('local:e2e-refused', '电话沟通合同细节。', {
      state: 'attention',
      attempts: 1,
      attention: { reason: 'rejected', message: '跟进内容包含不允许的字符' },
    })
    create('local:e2e-uncertain', '上门演示产品，客户满意。', {
      state: 'attention',
      attempts: 1,
      attention: { reason: 'ambiguous', message: '?', candidates: [candidateA.id, candidateB.id] },
    })
    records.put({ ...deleted, deleted: 1 })
    outbox.add({ kind: 'delete', recordId: deleted.id, state: 'pending', attempts: 0, queuedAt: now - 5 * 60_000 })
    await done(tx)
    db.close()
    return [candidateA.id as string, candidateB.id as string]
  }, now)
}

/** Controls in an ARIA snapshot that have no accessible name (a button, field or choice read out as nothing). */
export function unnamedControls(ariaSnapshot: string): string[] {
  return ariaSnapshot.split('\n').filter((line) => /^\s*- (button|textbox|radio|checkbox|combobox|link)( \[[^\]]*\])*:?\s*$/.test(line))
}
