/**
 * The page's side of the early-search worker (worker.ts): started with the first screen, it
 * answers the first screen's search box before the app has loaded, and offers the search index it
 * read to the app's search service (search/early-snapshot.ts), which takes it instead of reading
 * it again.
 */
import { offerEarlySnapshot } from '../search/early-snapshot'
import type { LoadedSnapshot } from '../search/snapshot'
import { firstRowsLock, type EarlyAnswer, type FromWorker, type ToWorker } from './protocol'

/** Far longer than reading 100,000 records' index takes on a busy machine (~1 s). */
const TAKE_TIMEOUT_MS = 10_000

export interface EarlySearch {
  /**
   * Runs `read` (the first screen's rows) before the worker reads the index: its thread loads and
   * compiles meanwhile, and its reads then do not slow that read.
   */
  beforeIndexRead<T>(read: () => Promise<T>): Promise<T>
  /** The first `count` rows for `query`; undefined when a later search replaced it or it cannot be answered here. */
  search(query: string, count: number): Promise<EarlyAnswer | undefined>
  /** Ends the worker unless the app is taking its index. */
  stop(): void
}

export function startEarlySearch(name: string): EarlySearch {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name })
  let seq = 0
  let pending: { seq: number; resolve: (answer: EarlyAnswer | undefined) => void } | undefined
  let taking: ((snapshot: LoadedSnapshot | undefined) => void) | undefined
  let ended = false

  const send = (message: ToWorker) => worker.postMessage(message)
  const settle = (answer?: EarlyAnswer) => {
    pending?.resolve(answer)
    pending = undefined
  }
  const end = () => {
    if (ended) return
    ended = true
    worker.terminate()
    settle()
    taking?.(undefined)
    taking = undefined
  }

  worker.onmessage = (event: MessageEvent<FromWorker>) => {
    const message = event.data
    if (message.kind === 'answer') {
      if (message.seq === pending?.seq) settle(message.answer)
    } else {
      taking?.(message.snapshot)
      taking = undefined
      end()
    }
  }
  // A worker that cannot load (or fails) only means the app reads the index itself.
  worker.onerror = end
  worker.onmessageerror = end

  offerEarlySnapshot((cache) => {
    if (cache !== name || ended || taking) return Promise.resolve(undefined)
    return new Promise((resolve) => {
      taking = resolve
      send({ kind: 'take' })
      // The service waits for this: a worker that never answers must not keep search from starting.
      setTimeout(end, TAKE_TIMEOUT_MS)
    })
  })

  return {
    async beforeIndexRead(read) {
      // Asked for at once, before the worker can have started and asked for it (it then waits).
      return navigator.locks ? await navigator.locks.request(firstRowsLock(name), read) : read()
    },
    search(query, count) {
      settle()
      if (ended || taking) return Promise.resolve(undefined)
      return new Promise((resolve) => {
        pending = { seq: ++seq, resolve }
        send({ kind: 'search', seq, query, count })
      })
    },
    stop() {
      if (!taking && !ended) end()
    },
  }
}
