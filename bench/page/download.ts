/**
 * The first download. Timed for the goal: the renderer's path, list pages (fetched like the
 * engine's, one ahead) through createDexieSyncStore(db).applyPage into Dexie, the search
 * middleware and the index, against the baseline of the same records bulkPut raw. Reported
 * beside it: the whole app path, main's real sync engine calling this page's SyncStore over the
 * bridge, whose pace main's own share (demo server, API codec) sets.
 */
import Dexie from 'dexie'
import type { FollowupRecord } from '../../electron/shared/records'
import type { SignInRequest } from '../../electron/shared/ipc'
import type { SyncStatus } from '../../electron/shared/sync'
import { rememberLastCache } from '../../renderer/src/db/last-cache'
import { openCacheDb } from '../../renderer/src/db/schema'
import { createDexieSyncStore } from '../../renderer/src/db/sync-store'
import { callMain, onMainEvent } from '../../renderer/src/platform/bridge'
import { createSearchService, searchMiddleware } from '../../renderer/src/search'
import { hostSyncStore } from '../../renderer/src/sync/store-host'
import type { DownloadReport, RawBulkPutReport } from './api'
import { openCache, openedCache } from './cache'
import { longestTask, settle } from './long-tasks'

/** The engine's page size (electron/main/sync/pull.ts), so every path writes in the same batches. */
const PAGE = 500

export async function applyPages(dbName: string, total: number): Promise<DownloadReport> {
  const { db, search } = await openCache(dbName)
  // As the app's cache store does on opening an account's cache: the next start prewarms it.
  rememberLastCache(dbName)
  await search.ready
  const store = createDexieSyncStore(db)
  const pages = Math.ceil(total / PAGE)
  const fetchRows = (page: number): Promise<FollowupRecord[]> => fetch(`pages/${page}.json`).then((res) => res.json())
  const started = performance.now()
  let next = fetchRows(0)
  let fetched = 0
  let newestCreateTime = 0
  for (let page = 0; page < pages; page++) {
    const rows = await next
    if (page + 1 < pages) next = fetchRows(page + 1)
    fetched += rows.length
    for (const row of rows) newestCreateTime = Math.max(newestCreateTime, row.create_time)
    await store.applyPage(rows, { pull: { phase: 'full', cursor: String(page + 1), total, fetched, newestCreateTime } })
  }
  const ended = performance.now()
  return report(await db.records.count(), search.search('').total, started, ended)
}

export async function engineDownload(dbName: string, signIn: SignInRequest): Promise<DownloadReport> {
  await Dexie.delete(dbName)
  const db = await openCacheDb(dbName, { middlewares: [searchMiddleware] })
  const search = createSearchService(db)
  await search.ready
  const stopHosting = hostSyncStore(createDexieSyncStore(db), { onEvent: onMainEvent, reply: (reply) => callMain('storeReply', reply) })
  const status = watchSyncStatus()
  try {
    await callMain('signIn', { ...signIn, remember: false })
    const started = performance.now()
    await callMain('attachStore', { dbName })
    await status.until((s, seen) => seen.has('downloading') && s.download === undefined)
    const ended = performance.now()
    const downloaded = await report(await db.records.count(), search.search('').total, started, ended)
    // The rest of the engine's pass (record types, ghost sweep) must not overlap what comes next.
    await status.until((s) => s.activity === 'idle')
    return downloaded
  } finally {
    status.stop()
    stopHosting()
    search.close()
    db.close()
    await Dexie.delete(dbName)
  }
}

async function report(records: number, indexed: number, started: number, ended: number): Promise<DownloadReport> {
  if (indexed !== records) throw new Error(`search holds ${indexed} records, the cache ${records}`)
  await settle()
  const seconds = (ended - started) / 1000
  return { records, seconds: round(seconds), records_per_s: Math.round(records / seconds), longest_task_ms: longestTask(started, ended) }
}

export async function rawBulkPut(): Promise<RawBulkPutReport> {
  const { db, name } = openedCache()
  const targetName = `${name}:raw-bulkput`
  await Dexie.delete(targetName)
  const target = await openCacheDb(targetName)
  let after = ''
  let records = 0
  let writing = 0
  try {
    for (;;) {
      const rows = await db.records.where(':id').above(after).limit(PAGE).toArray()
      if (rows.length === 0) break
      const start = performance.now()
      await target.records.bulkPut(rows)
      writing += performance.now() - start
      records += rows.length
      after = rows.at(-1)!.id
    }
  } finally {
    target.close()
    await Dexie.delete(targetName)
  }
  return { records, records_per_s: Math.round(records / (writing / 1000)) }
}

function watchSyncStatus() {
  const seen = new Set<SyncStatus['activity']>()
  let latest: SyncStatus | undefined
  const waiting = new Set<() => void>()
  const stop = onMainEvent((event) => {
    if (event.type !== 'sync.status') return
    latest = event.status
    seen.add(event.status.activity)
    for (const check of [...waiting]) check()
  })
  return {
    stop,
    /** Resolves at the first status (current or coming) that passes; rejects when the engine reports an error. */
    until(passes: (status: SyncStatus, seen: ReadonlySet<SyncStatus['activity']>) => boolean): Promise<void> {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (latest?.lastError) reject(new Error(`sync failed: ${latest.lastError.kind}: ${latest.lastError.message}`))
          else if (latest && passes(latest, seen)) resolve()
          else return
          waiting.delete(check)
        }
        waiting.add(check)
        check()
      })
    },
  }
}

const round = (value: number) => Math.round(value * 100) / 100
