/**
 * A worker that reads the persisted search index while the page paints its first screen and
 * loads the app: on the other core, so the app's start is not slowed by it. Meanwhile it answers
 * what is typed into the first screen's search box; then it hands the index to the app's search
 * service (its typed arrays moved, not copied) and ends. Plain IndexedDB: no Dexie here.
 */
import { settled } from '../db/raw-idb'
import { readsAsPinyin, splitByQuery, splitClientName } from '../records/highlight'
import type { CachedRecord } from '../db/types'
import { rowsWithClients } from '../first-paint/first-rows'
import { loadPinyin } from '../search/pinyin'
import { SearchIndex } from '../search/search-index'
import type { LoadedSnapshot } from '../search/snapshot'
import { firstRowsLock, type EarlyAnswer, type FromWorker, type ToWorker } from './protocol'
import { readEarlyIndex } from './read-index'

/** What this file uses of a dedicated worker's global scope (the renderer's types are the DOM's). */
interface WorkerScope {
  /** The cache whose index to read (client.ts names the worker so). */
  name: string
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null
  postMessage(message: FromWorker, transfer: Transferable[]): void
  close(): void
}

const scope = self as unknown as WorkerScope

let db: IDBDatabase | undefined
let snapshot: LoadedSnapshot | undefined
/** Set only when the snapshot is the whole cache: no write in the change log after it. */
let index: SearchIndex | undefined
let latestSearch = 0

// The lock is granted once the page has read the first screen's rows (protocol.ts).
const opened = (navigator.locks ? navigator.locks.request(firstRowsLock(scope.name), () => undefined) : Promise.resolve())
  .then(() => open(scope.name))
  .catch(() => undefined)

scope.onmessage = (event) => {
  const message = event.data
  if (message.kind === 'search') {
    latestSearch = message.seq
    void opened.then(() => answer(message.seq, message.query, message.count))
  } else void opened.then(handOver)
}

function post(message: FromWorker, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer)
}

async function open(name: string): Promise<void> {
  const read = await readEarlyIndex({ factory: indexedDB, keyRange: IDBKeyRange }, name)
  db = read?.db
  snapshot = read?.snapshot
  if (read?.snapshot && read.upToDate) index = new SearchIndex(read.snapshot.index)
}

async function answer(seq: number, query: string, count: number): Promise<void> {
  if (seq !== latestSearch) return
  post({ kind: 'answer', seq, answer: await find(query, count).catch(() => undefined) })
}

async function find(query: string, count: number): Promise<EarlyAnswer | undefined> {
  if (!index || !db) return undefined
  // Only a Latin-letter query marks client names by pinyin: pinyin-pro stays unloaded otherwise.
  if (readsAsPinyin(query)) await loadPinyin()
  const result = index.search(query)
  const ids = result.slice(0, count)
  const tx = db.transaction(['records', 'clients'], 'readonly')
  const records = (await Promise.all(ids.map((id) => settled<CachedRecord | undefined>(tx.objectStore('records').get(id))))).filter(
    (record): record is CachedRecord => record !== undefined,
  )
  const rows = (await rowsWithClients(records, tx.objectStore('clients'))).map((row) => {
    const marks = {
      clientName: splitClientName(row.clientName, query),
      clientPhone: splitByQuery(row.clientPhone, query),
      preview: splitByQuery(row.preview, query),
      author: splitByQuery(row.author, query),
    }
    return { row, marks }
  })
  return { query, total: result.total, rows }
}

/** Gives the snapshot away, moving its typed arrays, and ends: the app's service owns it from now on. */
function handOver(): void {
  const taken = snapshot
  index = undefined
  snapshot = undefined
  db?.close()
  post({ kind: 'snapshot', snapshot: taken }, taken ? buffersOf(taken.index) : [])
  scope.close()
}

/** The buffers under every typed array in `value` (arrays of strings are skipped at their first element). */
function buffersOf(value: unknown, found = new Set<ArrayBuffer>()): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) found.add(value.buffer as ArrayBuffer)
  else if (Array.isArray(value)) {
    if (typeof value[0] === 'object') for (const item of value) buffersOf(item, found)
  } else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) buffersOf(item, found)
  return [...found]
}
