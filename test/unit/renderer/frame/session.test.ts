import Dexie from 'dexie'
import { describe, expect, it, vi } from 'vitest'
import { createLocalRecord } from '../../../../renderer/src/db/local-writes'
import type { CacheDb } from '../../../../renderer/src/db/schema'
import { accountDbName, useCacheStore } from '../../../../renderer/src/stores/cache'
import { useSessionStore } from '../../../../renderer/src/stores/session'
import { serverId } from '../db/support'
import { DEMO, eventually, FakeFailure, installFakeMain, settle, signedIn, TENANT, useFrameTestEnvironment } from './support'

useFrameTestEnvironment()

const TOKEN_URL = 'https://account.icsoc.net/oauth2/token'
const request = { ...TENANT, tokenUrl: TOKEN_URL, clientId: 'c', clientSecret: 's', password: 'pw' }

describe('the session store', () => {
  it('at start-up, reopens the cache of a session main kept and attaches main to it', async () => {
    const main = installFakeMain({ getSession: () => signedIn(TENANT) })
    const session = useSessionStore()
    await session.start()
    expect(session.started).toBe(true)
    expect(useCacheStore().db?.name).toBe(accountDbName(TENANT))
    expect(main.callsOf('attachStore')).toEqual([[{ dbName: accountDbName(TENANT) }]])
  })

  it('serves the open cache to the sync engine: a store.call is answered with storeReply', async () => {
    const main = installFakeMain()
    await useSessionStore().signInDemo()
    main.emit({ type: 'store.call', id: 7, method: 'pullState', args: [] })
    await eventually(() => expect(main.callsOf('storeReply')).toHaveLength(1))
    expect(main.callsOf('storeReply')[0]![0]).toMatchObject({ id: 7, result: { ok: true, value: { phase: 'full', cursor: '' } } })
  })

  it('gives the open cache its search service, and closes it with the cache', async () => {
    installFakeMain()
    const session = useSessionStore()
    await session.signInDemo()
    const search = useCacheStore().search
    expect(search).not.toBeNull()
    await search!.ready
    expect(search!.search('').total).toBe(0)
    await session.signOut({ deleteData: false })
    expect(useCacheStore().search).toBeNull()
  })

  it('names the demo cache without the port, so a restarted demo server finds the same cache', () => {
    expect(accountDbName({ ...DEMO, baseUrl: 'http://127.0.0.1:1111/openapi/v1' })).toBe(accountDbName({ ...DEMO, baseUrl: 'http://127.0.0.1:2222/openapi/v1' }))
    expect(accountDbName(TENANT)).not.toBe(accountDbName({ ...TENANT, agentNo: '1002' }))
  })

  it('keeps the cache open when the session expires, and attaches main again after signing in again', async () => {
    const main = installFakeMain()
    const session = useSessionStore()
    await session.signIn(request)
    const db = useCacheStore().db

    main.emit({ type: 'session', session: { state: 'signed_out', reason: 'expired' } })
    await settle()
    expect(session.expired).toBe(true)
    expect(session.account).toEqual(TENANT)
    expect(useCacheStore().db).toBe(db)
    expect(session.lastDraft).toMatchObject({ enterpriseCode: 'acme', clientSecret: 's' })
    expect(session.lastDraft).not.toHaveProperty('password')

    await session.signIn(request)
    expect(session.signedIn).toBe(true)
    expect(useCacheStore().db).toBe(db)
    expect(main.callsOf('attachStore')).toEqual([[{ dbName: accountDbName(TENANT) }], [{ dbName: accountDbName(TENANT) }]])
  })

  it('does not attach twice when its own sign-in event arrives after the answer', async () => {
    const main = installFakeMain()
    await useSessionStore().signInDemo()
    main.emit({ type: 'session', session: signedIn(DEMO) })
    await settle()
    expect(main.callsOf('attachStore')).toHaveLength(1)
  })

  it('closes the cache (keeping it) when main signs out for another reason than expiry', async () => {
    const main = installFakeMain()
    await useSessionStore().signInDemo()
    main.emit({ type: 'session', session: { state: 'signed_out', reason: 'user' } })
    await settle()
    expect(useCacheStore().db).toBeNull()
  })

  it('signs main out again when the cache cannot be served, so the user is not left half signed in', async () => {
    const main = installFakeMain({
      attachStore: () => {
        throw new FakeFailure('bad_request')
      },
    })
    const session = useSessionStore()
    await expect(session.signInDemo()).rejects.toMatchObject({ name: 'CacheOpenError' })
    expect(main.callsOf('signOut')).toHaveLength(1)
    expect(session.signedIn).toBe(false)
    expect(useCacheStore().db).toBeNull()
  })

  it('moves to another account: the previous cache is closed, the new one opened', async () => {
    installFakeMain()
    const session = useSessionStore()
    await session.signInDemo()
    const demoDb = useCacheStore().db!
    await session.signIn(request)
    expect(demoDb.isOpen()).toBe(false)
    expect(useCacheStore().db?.name).toBe(accountDbName(TENANT))
  })

  it("writes the user's changes on a connection of their own, on disk before write resolves, seen by readers of the cache", async () => {
    const main = installFakeMain()
    await useSessionStore().signInDemo()
    const cache = useCacheStore()
    await cache.search!.ready
    let writtenOn: CacheDb | undefined
    const created = await cache.write((db) => {
      writtenOn = db
      return createLocalRecord(db, { cle_id: serverId(1_000_001), record_type: 36, record_content: '用户的修改', cle_name: '客户 1' })
    })
    expect(writtenOn?.name).toBe(cache.db!.name)
    expect(writtenOn).not.toBe(cache.db)
    // The strict commit that follows each write (flushToDisk) has run.
    expect(await cache.db!.meta.get('flushed')).toMatchObject({ value: expect.any(Number) })
    expect(await cache.db!.records.get(created.id)).toMatchObject({ sync: 'pending' })
    expect(cache.search!.search('用户的修改').slice(0, 1)).toEqual([created.id])
    expect(main.callsOf('attachStore')).toHaveLength(1)
  })

  it('opens the writing connection again after a failed open, instead of failing every later write', async () => {
    installFakeMain()
    await useSessionStore().signInDemo()
    const cache = useCacheStore()
    const input = { cle_id: serverId(1_000_001), record_type: 36, record_content: '再试一次' }
    const refused = vi.spyOn(Dexie.prototype, 'open').mockRejectedValueOnce(new Dexie.OpenFailedError('disk unavailable'))
    await expect(cache.write((db) => createLocalRecord(db, input))).rejects.toThrow('disk unavailable')
    refused.mockRestore()

    const created = await cache.write((db) => createLocalRecord(db, input))
    expect(await cache.db!.records.get(created.id)).toMatchObject({ record_content: '再试一次' })
  })
})
