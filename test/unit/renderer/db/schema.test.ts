import Dexie from 'dexie'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createLocalRecord, deleteLocalRecords } from '../../../../renderer/src/db/local-writes'
import { cacheDbName, openCacheDb } from '../../../../renderer/src/db/schema'
import { createDexieSyncStore } from '../../../../renderer/src/db/sync-store'
import { openTestDb, serverId, serverRow, track, useFreshIndexedDb } from './support'

useFreshIndexedDb()

const NOW = 1_760_000_000_000
const input = { cle_id: serverId(1_000_001), record_type: 36, record_content: '拜访' }
const account = { baseUrl: 'https://e-crm.icsoc.net/openapi/v1', enterpriseCode: '6001', agentNo: '8001' }

describe('one database per account', () => {
  it('names the same account the same, however its server address is written', () => {
    const name = cacheDbName(account)
    expect(name).toMatch(/^ecrm:/)
    expect(cacheDbName({ ...account, baseUrl: ' HTTPS://E-CRM.icsoc.net:443/openapi/v1/ ' })).toBe(name)
    expect(cacheDbName({ ...account, enterpriseCode: ' 6001 ' })).toBe(name)
  })

  it('names different accounts differently, even when parts could run together', () => {
    const names = [
      cacheDbName(account),
      cacheDbName({ ...account, agentNo: '8002' }),
      cacheDbName({ ...account, enterpriseCode: '6002' }),
      cacheDbName({ ...account, baseUrl: 'http://127.0.0.1:8787/openapi/v1' }),
      cacheDbName({ ...account, enterpriseCode: '60:01', agentNo: '8001' }),
      cacheDbName({ ...account, enterpriseCode: '60', agentNo: '01:8001' }),
    ]
    expect(new Set(names).size).toBe(names.length)
  })

  it('keeps two accounts on one laptop from seeing each other', async () => {
    const mine = await openTestDb(cacheDbName(account))
    const colleague = await openTestDb(cacheDbName({ ...account, agentNo: '8002' }))
    await createLocalRecord(mine, input, NOW)
    await createDexieSyncStore(mine).applyPage([serverRow(1)])

    expect(await mine.records.count()).toBe(2)
    expect(await colleague.records.count()).toBe(0)
    expect(await colleague.outbox.count()).toBe(0)
    expect(await colleague.clients.count()).toBe(0)
  })
})

describe('opening', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('asks the browser to keep the cache from eviction when it can', async () => {
    const persist = vi.fn(async () => true)
    vi.stubGlobal('navigator', { ...navigator, storage: { persist } })
    await openTestDb()
    expect(persist).toHaveBeenCalledOnce()
  })

  it('opens where the browser has no storage manager', async () => {
    vi.stubGlobal('navigator', undefined)
    await expect(openTestDb()).resolves.toBeDefined()
  })

  it('finds records, outbox and pull progress intact after a reload', async () => {
    const db = await openTestDb('ecrm:reload')
    const store = createDexieSyncStore(db)
    const mine = await createLocalRecord(db, input, NOW)
    const pull = { phase: 'full' as const, cursor: 'c1', total: 10, fetched: 1, newestCreateTime: 1_700_000_001 }
    await store.applyPage([serverRow(1)], { pull })
    await deleteLocalRecords(db, [serverId(1)], NOW)
    await store.markSending([1], NOW)
    const records = await db.records.toArray()
    const outbox = await store.outbox()
    db.close()

    const reopened = await openTestDb('ecrm:reload')
    const again = createDexieSyncStore(reopened)
    expect(await reopened.records.toArray()).toEqual(records)
    expect(await again.outbox()).toEqual(outbox)
    expect(outbox.map((e) => [e.kind, e.recordId, e.state])).toEqual([
      ['create', mine.id, 'sending'],
      ['delete', serverId(1), 'pending'],
    ])
    expect(await again.pullState()).toEqual(pull)
  })
})

describe('upgrading a cache written by an older version', () => {
  it('opens a v1 database with everything in place and create states mirrored onto records', async () => {
    // Version 1 exactly as it shipped: the schema on users' disks, frozen here on purpose.
    const v1 = track(new Dexie('ecrm:upgrade'))
    v1.version(1).stores({
      records: 'id, create_time, cle_id, local_id',
      outbox: '++seq, recordId',
      recordTypes: 'id',
      clients: 'id',
      opportunities: 'id, cle_id',
      meta: 'key',
    })
    const { client: _client, opportunity: _opportunity, ...server } = serverRow(1)
    const local = { ...server, id: 'local:a', _id: 'local:a', record_content: '离线写的' }
    const sent = { ...server, id: 'local:b', _id: 'local:b', record_content: '已发送' }
    const pull = { phase: 'incremental', cursor: '', total: 1, fetched: 1, newestCreateTime: 1_700_000_001 }
    await v1.table('records').bulkPut([server, local, sent])
    await v1.table('outbox').bulkAdd([
      { kind: 'create', recordId: 'local:a', payload: input, state: 'pending', attempts: 0, queuedAt: NOW },
      { kind: 'create', recordId: 'local:b', payload: input, state: 'sending', attempts: 1, queuedAt: NOW, sentAt: NOW },
    ])
    await v1.table('meta').put({ key: 'pull', value: pull })
    await v1.table('clients').put({ ...serverRow(1).client, updated: NOW })
    v1.close()

    const db = await openTestDb('ecrm:upgrade')
    const store = createDexieSyncStore(db)
    expect(db.verno).toBe(3)
    expect(await db.records.count()).toBe(3)
    expect(await db.clients.count()).toBe(1)
    expect(await store.pullState()).toEqual(pull)
    expect((await store.outbox()).map((e) => e.recordId)).toEqual(['local:a', 'local:b'])
    // The v2 change: the create's state is on its record, and findable by the new index.
    expect(await db.records.get('local:a')).toMatchObject({ sync: 'pending', record_content: '离线写的' })
    expect(await db.records.where('sync').equals('sending').primaryKeys()).toEqual(['local:b'])
    expect(await db.records.get(serverId(1))).not.toHaveProperty('sync')
    expect(await store.syncedCount()).toBe(1)
  })

  it('creates a fresh database at the latest version', async () => {
    const db = await openCacheDb('ecrm:fresh')
    track(db)
    expect(db.verno).toBe(3)
    expect(db.tables.map((t) => t.name).sort()).toEqual([
      'clients',
      'meta',
      'opportunities',
      'outbox',
      'recordTypes',
      'records',
      'searchChanges',
      'searchIndex',
    ])
  })
})
