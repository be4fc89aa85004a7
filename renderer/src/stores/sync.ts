/**
 * The sync engine as the UI sees it: main's status (pushed as `sync.status` events) and the
 * outbox of the open cache (live), with the user's actions on outbox entries.
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { IdString } from '../../../electron/shared/records'
import type { OutboxEntry, SyncStatus } from '../../../electron/shared/sync'
import { useLiveQuery } from '../composables/useLiveQuery'
import { adoptCandidate, discardEntry, editAndRetryCreate, retryEntry, type LocalRecordInput } from '../db/local-writes'
import { callMain, onMainEvent } from '../platform/bridge'
import { useCacheStore } from './cache'

const NOT_STARTED: SyncStatus = { online: 'unknown', activity: 'idle' }

export const useSyncStore = defineStore('sync', () => {
  const cache = useCacheStore()
  const status = ref<SyncStatus>({ ...NOT_STARTED })
  /** Counts `sync.status` events, so an answer to an older request never overwrites a newer event. */
  let eventCount = 0

  onMainEvent((event) => {
    if (event.type !== 'sync.status') return
    eventCount += 1
    status.value = event.status
  })

  /** Takes the status a call to main answers with, unless an event already brought a newer one. */
  async function statusFrom(call: () => Promise<SyncStatus>): Promise<SyncStatus> {
    const before = eventCount
    const answer = await call()
    if (eventCount === before) status.value = answer
    return answer
  }

  const entries = useLiveQuery(
    () => cache.db,
    (db) => (db ? db.outbox.toArray() : []),
    [] as OutboxEntry[],
  )
  const pendingCount = computed(() => entries.value.length)
  const attentionCount = computed(() => entries.value.filter((entry) => entry.state === 'attention').length)

  /** Runs a local write on the outbox, then tells main there is something to send. */
  async function queued(work: Parameters<typeof cache.write>[0]): Promise<void> {
    await cache.write(work)
    cache.changesQueued()
  }

  const refreshStatus = () => statusFrom(() => callMain('syncStatus'))
  refreshStatus().catch(() => undefined)

  return {
    status,
    entries,
    pendingCount,
    attentionCount,
    statusFrom,
    refreshStatus,
    syncNow: () => statusFrom(() => callMain('syncNow')),
    retry: (seq: number) => queued((db) => retryEntry(db, seq)),
    discard: (seq: number) => queued((db) => discardEntry(db, seq)),
    editAndRetry: (seq: number, input: LocalRecordInput) => queued((db) => editAndRetryCreate(db, seq, input)),
    adopt: (seq: number, serverId: IdString) => queued((db) => adoptCandidate(db, seq, serverId)),
  }
})
