/**
 * A persisted index read before the app started (src/early-search reads it in a worker while the
 * app's bundle loads), handed to the search service of the same cache so that it need not read
 * and decode it again. Taken once: whoever offered it gives it up with it.
 */
import type { LoadedSnapshot } from './snapshot'

/** Resolves the snapshot read for cache `name`, or undefined if it has none (or another cache's). */
export type EarlySnapshotSource = (name: string) => Promise<LoadedSnapshot | undefined>

let offered: EarlySnapshotSource | undefined

export function offerEarlySnapshot(source: EarlySnapshotSource): void {
  offered = source
}

/** The snapshot read early for cache `name`, if one was offered; it is no longer offered after. */
export function takeEarlySnapshot(name: string): Promise<LoadedSnapshot | undefined> {
  const source = offered
  offered = undefined
  return source ? source(name).catch(() => undefined) : Promise.resolve(undefined)
}
