/**
 * Local create → shown: the user saves a follow-up, and the record must be in the list and
 * findable by search. The list is the app's own data path (useRecordList, in a Vue effect scope
 * without components): its search result re-runs on the search service's onChange, and its
 * window of rows is read from the cache by a Dexie live query. The write goes as the cache
 * store's `write` does it: createLocalRecord on a relaxed connection, then flushToDisk on the
 * strict one. Measured from the call to createLocalRecord, with the names the new-follow-up form
 * passes, until the list's first rows hold the new record and a search for its text returns it;
 * and until the flush is done (when the app's Save resolves).
 */
import { effectScope, ref, shallowRef, watch } from 'vue'
import { useRecordList } from '../../renderer/src/composables/useRecordList'
import type { RecordFilters, RecordOrder } from '../../renderer/src/composables/useRecordsEnv'
import { createLocalRecord } from '../../renderer/src/db/local-writes'
import { flushToDisk, openCacheDb } from '../../renderer/src/db/schema'
import { searchMiddleware } from '../../renderer/src/search'
import type { CreateReport } from './api'
import { openedCache } from './cache'
import { percentiles } from './stats'

/** A record the list has not shown by then never will: fail the run instead of hanging it. */
const LIST_TIMEOUT_MS = 5000

export async function create(count: number): Promise<CreateReport> {
  const { name, db, search } = openedCache()
  const writer = await openCacheDb(name, { middlewares: [searchMiddleware], durability: 'relaxed' })
  const client = await db.clients.toCollection().first()
  if (!client) throw new Error('no client in the cache to write for')
  const scope = effectScope()
  const list = scope.run(() =>
    useRecordList({ db: shallowRef(db), search: shallowRef(search), query: ref(''), filters: ref<RecordFilters>({}), order: ref<RecordOrder>('newest') }),
  )!
  // Among the first rows, not necessarily first: creates within one second share create_time,
  // and the list orders those by id.
  const inList = (id: string): Promise<void> => {
    if (list.loadedIndexOf(id) >= 0) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const stop = watch(list.loadedWindow, () => {
        if (list.loadedIndexOf(id) < 0) return
        clearTimeout(timeout)
        stop()
        resolve()
      }, { flush: 'sync' })
      const timeout = setTimeout(() => {
        stop()
        reject(new Error(`the list did not show ${id} within ${LIST_TIMEOUT_MS} ms`))
      }, LIST_TIMEOUT_MS)
    })
  }
  // The list on screen before the user saves: its first window read.
  await until(() => list.loadedWindow.value?.ids !== undefined)
  const found = (token: string, id: string) => search.search(token).slice(0, 1)[0] === id

  const committed: number[] = []
  const searchable: number[] = []
  const shown: number[] = []
  const flushed: number[] = []
  try {
    for (let i = 0; i < count; i++) {
      const token = `基准新建${i}号${Math.random().toString(36).slice(2, 8)}`
      const start = performance.now()
      const record = await createLocalRecord(writer, {
        cle_id: client.id,
        cle_name: client.cle_name,
        record_type: 39,
        record_type_name: '电话',
        create_user_name: '8001 张三',
        record_content: `<p>新的跟进 <b>${token}</b></p>`,
      })
      committed.push(performance.now() - start)
      if (!found(token, record.id)) throw new Error(`search does not find ${record.id} once its create committed`)
      searchable.push(performance.now() - start)
      await inList(record.id)
      shown.push(performance.now() - start)
      await flushToDisk(db)
      flushed.push(performance.now() - start)
      // Users do not save twenty records a second: let each write settle like a real one.
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  } finally {
    scope.stop()
    writer.close()
  }
  return { shown: percentiles(shown), searchable: percentiles(searchable), committed: percentiles(committed), flushed: percentiles(flushed) }
}

function until(condition: () => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = performance.now() + LIST_TIMEOUT_MS
    const check = () => {
      if (condition()) resolve()
      else if (performance.now() > deadline) reject(new Error(`the list did not load within ${LIST_TIMEOUT_MS} ms`))
      else setTimeout(check, 10)
    }
    check()
  })
}
