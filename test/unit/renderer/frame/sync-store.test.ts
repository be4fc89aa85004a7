import Dexie from 'dexie'
import { describe, expect, it } from 'vitest'
import { createLocalRecord } from '../../../../renderer/src/db/local-writes'
import { StorageFullError } from '../../../../renderer/src/db/storage-full'
import { createDexieSyncStore } from '../../../../renderer/src/db/sync-store'
import { useCacheStore } from '../../../../renderer/src/stores/cache'
import { useSessionStore } from '../../../../renderer/src/stores/session'
import { useSyncStore } from '../../../../renderer/src/stores/sync'
import { quotaError, serverId } from '../db/support'
import { eventually, installFakeMain, settle, useFrameTestEnvironment } from './support'

useFrameTestEnvironment()

const input = { cle_id: serverId(1_000_001), record_type: 36, record_content: '<p>拜访</p>' }

async function signedInWithCache() {
  const main = installFakeMain()
  await useSessionStore().signInDemo()
  const cache = useCacheStore()
  return { main, cache, db: cache.db!, sync: useSyncStore() }
}

describe('the sync store', () => {
  it('starts from main’s status and follows its sync.status events', async () => {
    installFakeMain({ syncStatus: () => ({ online: 'online', activity: 'idle', lastSuccessAt: 1 }) })
    const sync = useSyncStore()
    await eventually(() => expect(sync.status.online).toBe('online'))
  })

  it('never lets the answer to an older call overwrite a newer event', async () => {
    const main = installFakeMain()
    const sync = useSyncStore()
    await settle()
    let answer!: () => void
    const pending = sync.statusFrom(() => new Promise((resolve) => (answer = () => resolve({ online: 'unknown', activity: 'idle' }))))
    main.emit({ type: 'sync.status', status: { online: 'online', activity: 'downloading', download: { fetched: 5, total: 10, recordsPerSecond: 1 } } })
    answer()
    await pending
    expect(sync.status.activity).toBe('downloading')
  })

  it('lists the outbox live and counts what waits and what needs attention', async () => {
    const { db, sync } = await signedInWithCache()
    expect(sync.pendingCount).toBe(0)
    await createLocalRecord(db, input)
    await createLocalRecord(db, input)
    await eventually(() => expect(sync.pendingCount).toBe(2))
    await createDexieSyncStore(db).markAttention(sync.entries[0]!.seq, { reason: 'rejected', message: '内容不合规' })
    await eventually(() => expect(sync.attentionCount).toBe(1))
  })

  it('retries, edits and discards entries, telling main each time', async () => {
    const { db, sync, main } = await signedInWithCache()
    const record = await createLocalRecord(db, input)
    await eventually(() => expect(sync.entries).toHaveLength(1))
    const seq = sync.entries[0]!.seq
    await createDexieSyncStore(db).markAttention(seq, { reason: 'rejected', message: 'no' })

    await sync.retry(seq)
    expect((await db.outbox.get(seq))?.state).toBe('pending')
    await sync.editAndRetry(seq, { ...input, record_content: '<p>改过</p>' })
    expect((await db.outbox.get(seq))?.kind === 'create' && (await db.outbox.get(seq))).toMatchObject({ payload: { record_content: '<p>改过</p>' } })
    await sync.discard(seq)
    expect(await db.outbox.count()).toBe(0)
    expect(await db.records.get(record.id)).toBeUndefined()
    expect(main.callsOf('changesQueued')).toHaveLength(3)
  })

  it('adopts one of the candidates of an uncertain create', async () => {
    const { db, sync } = await signedInWithCache()
    const record = await createLocalRecord(db, input)
    await eventually(() => expect(sync.entries).toHaveLength(1))
    const seq = sync.entries[0]!.seq
    await createDexieSyncStore(db).markAttention(seq, { reason: 'ambiguous', message: '?', candidates: [serverId(5), serverId(6)] })
    await sync.adopt(seq, serverId(6))
    expect(await db.outbox.count()).toBe(0)
    expect(await db.records.get(serverId(6))).toMatchObject({ local_id: record.id })
  })

  it('asks main to sync now and takes the status it answers with', async () => {
    const { main, sync } = await signedInWithCache()
    main.handlers.syncNow = () => ({ online: 'online', activity: 'replaying' })
    await sync.syncNow()
    expect(main.callsOf('syncNow')).toHaveLength(1)
    expect(sync.status.activity).toBe('replaying')
  })

  it('reports a full disk for the frame to show, and changes nothing', async () => {
    const { cache } = await signedInWithCache()
    await expect(cache.write(() => Promise.reject(new StorageFullError(new Error('quota'))))).rejects.toBeInstanceOf(StorageFullError)
    expect(cache.storageFullAt).not.toBeNull()
  })

  it('reports a full disk met by the sync engine’s writes too', async () => {
    const disk = withFullDiskAddon()
    try {
      const { main, cache } = await signedInWithCache()
      disk.full = true
      main.emit({ type: 'store.call', id: 1, method: 'savePullState', args: [{ phase: 'full', cursor: '', total: 0, fetched: 0, newestCreateTime: 0 }] })
      await eventually(() => expect(main.callsOf('storeReply')).toHaveLength(1))
      expect(main.callsOf('storeReply')[0]![0]).toMatchObject({ id: 1, result: { ok: false, error: { kind: 'StorageFullError' } } })
      expect(cache.storageFullAt).not.toBeNull()
    } finally {
      disk.remove()
    }
  })
})

/** Every Dexie database opened from now on fails its writes as on a full disk while `full` is set. */
function withFullDiskAddon() {
  const disk = { full: false, remove: () => undefined as void }
  const addon = (db: Dexie) => {
    db.use({
      stack: 'dbcore',
      name: 'full-disk',
      create: (down) => ({
        ...down,
        table(name) {
          const inner = down.table(name)
          return { ...inner, mutate: (req) => (disk.full ? Promise.reject(quotaError()) : inner.mutate(req)) }
        },
      }),
    })
  }
  Dexie.addons.push(addon)
  disk.remove = () => {
    Dexie.addons.splice(Dexie.addons.indexOf(addon), 1)
  }
  return disk
}
