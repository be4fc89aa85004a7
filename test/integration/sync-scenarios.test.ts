import { afterEach, describe, expect, it } from 'vitest'
import type { DemoClient } from '../../electron/main/demo/server'
import { sweepGhosts } from '../../electron/main/sync/pull'
import type { FollowupRecord } from '../../electron/shared/records'
import { createLocalRecord, deleteLocalRecords } from '../../renderer/src/db/local-writes'
import { createWorld, scenarioLine, type World } from './support/world'

/** Every fault the demo server has, adding up to 20% of requests. */
const TWENTY_PERCENT_FAULTS = {
  serverErrorRate: 0.04,
  rateLimitRate: 0.02,
  retryAfterSec: 1,
  envelopeErrorRate: 0.03,
  resetBeforeRate: 0.03,
  resetAfterCommitRate: 0.05,
  truncateRate: 0.03,
  seed: 20,
}

const TYPES = [36, 37, 38, 39]

let world: World | undefined
afterEach(async () => {
  await world?.close()
  world = undefined
})

/** Creates one follow-up offline for each tag, the tag written into its content. */
async function createOffline(w: World, clients: DemoClient[], tags: string[], withOpportunities = true) {
  const records = []
  for (const [i, tag] of tags.entries()) {
    const client = clients[i % clients.length]!
    const opportunity = withOpportunities && i % 3 === 0 ? client.opportunities[0] : undefined
    records.push(
      await createLocalRecord(w.db, {
        cle_id: client.id,
        ...(opportunity ? { opty_id: opportunity.id } : {}),
        record_type: TYPES[i % TYPES.length]!,
        record_content: `<p>电话回访，客户关注报价 <b>${tag}</b></p>`,
      }),
    )
  }
  return records
}

/** How many server records carry each tag. */
function tagCounts(rows: FollowupRecord[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const row of rows) {
    const tag = /#[A-Z0-9]+-\d+/.exec(row.record_content)?.[0]
    if (tag) counts.set(tag, (counts.get(tag) ?? 0) + 1)
  }
  return counts
}

function lostAndDuplicated(rows: FollowupRecord[], expected: string[]) {
  const counts = tagCounts(rows)
  return {
    lost: expected.filter((tag) => !counts.has(tag)).length,
    duplicated: expected.reduce((sum, tag) => sum + Math.max(0, (counts.get(tag) ?? 0) - 1), 0),
  }
}

async function until(condition: () => boolean | Promise<boolean>, what: string, limitMs = 120_000): Promise<void> {
  const deadline = Date.now() + limitMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

async function expectCacheEqualsServer(w: World): Promise<void> {
  const server = w.server.store.all().map((r) => r.id).sort()
  const cache = (await w.visibleIds()).sort()
  expect(cache.length).toBe(server.length)
  expect(cache).toEqual(server)
}

describe('sync scenarios (real engine, real demo server over HTTP, the Dexie cache)', () => {
  it('offline work lands exactly once through 20% faults, two app kills and cache reloads', async () => {
    world = await createWorld({ records: 2500 })
    await world.drain()
    const clients = world.server.store.clients().slice(0, 50)
    expect(clients).toHaveLength(50)
    expect(clients.filter((c) => c.opportunities.length > 0).length).toBeGreaterThan(10)

    const tags = Array.from({ length: 500 }, (_, i) => `#S1-${i}`)
    const created = await createOffline(world, clients, tags)
    const synced = (await world.db.records.toArray()).filter((r) => r.sync === undefined && r.local_id === undefined)
    const deletedOnServer = synced.slice(0, 100).map((r) => r.id)
    await deleteLocalRecords(world.db, deletedOnServer)
    const cancelled = created.filter((_, i) => i % 10 === 3).map((r) => r.id)
    await deleteLocalRecords(world.db, cancelled)
    const cancelledTags = new Set(tags.filter((_, i) => i % 10 === 3))
    const expected = tags.filter((tag) => !cancelledTags.has(tag))
    expect(await world.store.outbox()).toHaveLength(450 + 100)

    world.setFaults(TWENTY_PERCENT_FAULTS)
    const draining = world.drain()
    await until(() => world!.stats().sent >= 120, 'the first 120 requests')
    await world.restart()
    await until(() => world!.stats().sent >= 300, '300 requests')
    await world.restart()
    await draining
    await world.drain()

    world.setFaults({})
    await world.restart({ sweepIntervalMs: 0 })
    await world.drain()

    const rows = world.server.store.all()
    const { lost, duplicated } = lostAndDuplicated(rows, expected)
    console.log(scenarioLine('offline-replay-with-faults', 650, world.stats(), lost, duplicated))
    expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 })
    expect([...tagCounts(rows).keys()].filter((tag) => cancelledTags.has(tag))).toEqual([])
    expect(deletedOnServer.filter((id) => world!.server.store.has(id))).toEqual([])
    expect(world.server.stats).toBeDefined()
    expect(await world.db.outbox.count()).toBe(0)
    await expectCacheEqualsServer(world)
  })

  it('a create the server rejects waits for the user, and the 20 queued behind it still land', async () => {
    world = await createWorld({ records: 200 })
    await world.drain()
    const [owner, other] = world.server.store.clients().filter((c) => c.opportunities.length > 0)
    const rejected = await createLocalRecord(world.db, {
      cle_id: owner!.id,
      opty_id: other!.opportunities[0]!.id,
      record_type: 36,
      record_content: '商机不属于这个客户 #S2-0',
    })
    const tags = Array.from({ length: 20 }, (_, i) => `#S2-${i + 1}`)
    await createOffline(world, world.server.store.clients().slice(0, 5), tags)

    await world.drain()

    const entries = await world.db.outbox.toArray()
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ recordId: rejected.id, state: 'attention', attention: { reason: 'rejected' } })
    expect(entries[0]!.attention!.message).toMatch(/商机/)
    expect((await world.db.records.get(rejected.id))?.sync).toBe('attention')
    const { lost, duplicated } = lostAndDuplicated(world.server.store.all(), tags)
    console.log(scenarioLine('rejected-create', 21, world.stats(), lost, duplicated))
    expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 })
    expect(tagCounts(world.server.store.all()).has('#S2-0')).toBe(false)
  })

  it('a token expiring mid-replay is refreshed; a refused refresh pauses sync until the user signs in again', async () => {
    world = await createWorld({ records: 100 })
    await world.drain()
    const clients = world.server.store.clients().slice(0, 10)
    const first = Array.from({ length: 60 }, (_, i) => `#S3-${i}`)
    await createOffline(world, clients, first)
    world.server.setFaults({ latencyMs: 2 })
    const draining = world.drain()
    await until(() => world!.stats().sent >= 20, '20 creates')
    world.server.expireTokens()
    await draining
    expect(world.signedOut).toBe(false)
    expect(lostAndDuplicated(world.server.store.all(), first)).toEqual({ lost: 0, duplicated: 0 })

    const second = Array.from({ length: 40 }, (_, i) => `#S3-${100 + i}`)
    await createOffline(world, clients, second)
    const sentBefore = world.stats().sent
    const pausing = world.drain()
    await until(() => world!.stats().sent >= sentBefore + 10, '10 more creates')
    world.server.revokeRefreshTokens()
    world.server.expireTokens()
    await pausing
    expect(world.engine.status().paused).toBe('signed_out')
    expect(world.signedOut).toBe(true)
    const waiting = await world.store.outbox()
    expect(waiting.length).toBeGreaterThan(0)

    await world.signInAgain()
    await world.engine.resume()
    await world.drain()
    const expected = [...first, ...second]
    const { lost, duplicated } = lostAndDuplicated(world.server.store.all(), expected)
    console.log(scenarioLine('token-expiry', expected.length, world.stats(), lost, duplicated))
    expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 })
    expect(await world.db.outbox.count()).toBe(0)
  })

  it('a full download of 20,000 records survives faults and two interruptions without fetching a page twice', async () => {
    world = await createWorld({ records: 20_000, engine: { downloadPageSize: 500 } })
    world.setFaults({ serverErrorRate: 0.03, resetBeforeRate: 0.02, truncateRate: 0.03, rateLimitRate: 0.02, retryAfterSec: 1, seed: 4 })
    const draining = world.drain()
    await until(() => world!.stats().pulled >= 6000, '6,000 records downloaded')
    await world.restart()
    await until(() => world!.stats().pulled >= 14_000, '14,000 records downloaded')
    await world.restart()
    await draining
    await world.drain()
    world.setFaults({})

    // The download's own count is committed with each page: a page stored twice would push it past the total.
    const { fetched, phase } = await world.store.pullState()
    const stored = await world.db.records.count()
    console.log(scenarioLine('full-download-resumed', 20_000, world.stats(), 20_000 - stored, fetched - 20_000))
    expect(stored).toBe(20_000)
    expect(fetched).toBe(20_000)
    expect(phase).toBe('incremental')
    await expectCacheEqualsServer(world)
  })

  it('records deleted on the server by someone else leave the cache; records with pending changes stay', async () => {
    world = await createWorld({ records: 300 })
    await world.drain()
    const synced = (await world.db.records.toArray()).filter((r) => r.sync === undefined)
    const ghosts = synced.slice(0, 10).map((r) => r.id)
    const pendingDelete = synced[10]!.id
    await deleteLocalRecords(world.db, [pendingDelete])
    const [pendingCreate] = await createOffline(world, world.server.store.clients().slice(0, 1), ['#S5-0'])
    world.server.store.deleteDirect([...ghosts, pendingDelete])

    const stats = { ...world.stats(), ghostsRemoved: 0 }
    await sweepGhosts({ store: world.store, api: world.client, now: Date.now, stats })

    const cached = new Set((await world.db.records.toArray()).map((r) => r.id))
    expect(ghosts.filter((id) => cached.has(id))).toEqual([])
    expect(cached.has(pendingDelete)).toBe(true)
    expect(cached.has(pendingCreate!.id)).toBe(true)
    expect(stats.ghostsRemoved).toBe(10)

    await world.drain()
    const { lost, duplicated } = lostAndDuplicated(world.server.store.all(), ['#S5-0'])
    console.log(scenarioLine('ghost-sweep', 12, world.stats(), lost, duplicated))
    expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 })
    expect(await world.db.outbox.count()).toBe(0)
    await expectCacheEqualsServer(world)
  })
})
