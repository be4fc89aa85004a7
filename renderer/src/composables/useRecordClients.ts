/**
 * The client picker's search over the cached client directory. The directory (a few thousand
 * clients) is read and reduced to search entries once per cache, and read again only when it has
 * grown or changed size (the first download is still filing clients).
 */
import { shallowRef, type Ref } from 'vue'
import type { CacheDb } from '../db/schema'
import { CLIENT_ID, matchClients, toSearchEntry, type ClientChoice, type ClientSearchEntry } from '../records/client-match'
import { loadPinyin } from '../search/pinyin'

interface Directory {
  count: number
  entries: ClientSearchEntry[]
}

const directories = new WeakMap<CacheDb, Promise<Directory>>()

async function readDirectory(db: CacheDb): Promise<Directory> {
  const cached = await directories.get(db)
  const count = await db.clients.count()
  if (cached && cached.count === count) return cached
  const loading = Promise.all([db.clients.toArray(), loadPinyin()]).then(([clients]) => ({
    count: clients.length,
    entries: clients.map(toSearchEntry).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
  }))
  directories.set(db, loading)
  return loading
}

export interface ClientSearchHit extends ClientChoice {
  /** Only the pasted id is known: the client is not in this computer's directory. */
  unknown?: true
}

export function useRecordClients(db: Readonly<Ref<CacheDb>>) {
  const hits = shallowRef<ClientSearchHit[]>([])
  let latest = 0

  /** Matches for what was typed; a 19-digit id not in the directory is still offered as itself. */
  async function find(query: string): Promise<void> {
    const asked = ++latest
    const { entries } = await readDirectory(db.value)
    if (asked !== latest) return
    const found: ClientSearchHit[] = matchClients(entries, query).map(({ id, name, phone }) => ({ id, name, phone }))
    const id = query.trim()
    if (CLIENT_ID.test(id) && !found.some((hit) => hit.id === id)) found.unshift({ id, name: '', phone: '', unknown: true })
    hits.value = found
  }

  return { hits, find }
}
