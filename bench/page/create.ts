/**
 * Local create → searchable: the user saves a follow-up, and the list (which re-runs its query
 * on the search service's onChange) must be able to show it. Measured from the call to
 * createLocalRecord until search returns the record.
 */
import { createLocalRecord } from '../../renderer/src/db/local-writes'
import type { SearchService } from '../../renderer/src/search'
import type { CreateReport } from './api'
import { openedCache } from './cache'
import { percentiles } from './stats'

export async function create(count: number): Promise<CreateReport> {
  const { db, search } = openedCache()
  const client = await db.clients.toCollection().first()
  if (!client) throw new Error('no client in the cache to write for')
  const searchable: number[] = []
  const committed: number[] = []
  for (let i = 0; i < count; i++) {
    const token = `基准新建${i}号${Math.random().toString(36).slice(2, 8)}`
    const start = performance.now()
    const record = await createLocalRecord(db, { cle_id: client.id, record_type: 39, record_content: `<p>新的跟进 <b>${token}</b></p>` })
    committed.push(performance.now() - start)
    await shownBy(search, token, record.id)
    searchable.push(performance.now() - start)
    // Users do not save twenty records a second: let each write settle like a real one.
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return { searchable: percentiles(searchable), committed: percentiles(committed) }
}

/**
 * Resolves once the new record can be shown. Today that is search finding it; the list
 * measurement belongs here too once the record screens can be mounted in this page: wait for the
 * list's row with this id after its onChange re-query and Vue's next render.
 */
async function shownBy(search: SearchService, token: string, id: string): Promise<void> {
  const found = () => search.search(token).slice(0, 1)[0] === id
  if (found()) return
  await new Promise<void>((resolve) => {
    const stop = search.onChange(() => {
      if (!found()) return
      stop()
      resolve()
    })
  })
}
