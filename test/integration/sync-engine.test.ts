import { afterEach, describe, expect, it } from 'vitest'
import { createLocalRecord } from '../../renderer/src/db/local-writes'
import { createWorld, type World } from './support/world'

let world: World | undefined
afterEach(async () => {
  await world?.close()
  world = undefined
})

describe('the sync engine', () => {
  it('runs one pass at a time however many triggers arrive', async () => {
    world = await createWorld({ records: 50 })
    await world.drain()
    const client = world.server.store.clients()[0]!
    for (let i = 0; i < 30; i++) {
      await createLocalRecord(world.db, { cle_id: client.id, record_type: 36, record_content: `并发触发 #E1-${i}` })
    }
    world.server.setFaults({ latencyMs: 5 })
    let inFlight = 0
    let maxInFlight = 0
    const createRecord = world.client.createRecord
    world.client.createRecord = async (input) => {
      maxInFlight = Math.max(maxInFlight, ++inFlight)
      try {
        return await createRecord(input)
      } finally {
        inFlight--
      }
    }
    const engine = world.engine
    await Promise.all([engine.start(), engine.syncNow(), engine.changesQueued(), engine.syncNow(), engine.changesQueued()])
    await engine.idle()
    expect(maxInFlight).toBe(1)
    expect(world.server.stats.createsCommitted).toBe(30)
  })

  it('goes offline when the CRM stops answering, probes lightly, and replays when it is back', async () => {
    world = await createWorld({ records: 50, engine: { baseBackoffMs: 20, maxBackoffMs: 200 } })
    await world.drain()
    world.setFaults({ resetBeforeRate: 1 })
    const client = world.server.store.clients()[0]!
    await createLocalRecord(world.db, { cle_id: client.id, record_type: 37, record_content: '地下车库里写的 #E2-0' })
    await world.engine.changesQueued()
    expect(world.engine.status().online).toBe('offline')
    expect(world.engine.status().nextRetryAt).toBeGreaterThan(Date.now() - 1000)
    const requestsWhileOffline = world.server.stats.requests
    await new Promise((resolve) => setTimeout(resolve, 300))
    // Probes are single light GETs, never the outbox's POSTs.
    expect(world.server.stats.createsCommitted).toBe(0)
    expect(world.server.stats.requests - requestsWhileOffline).toBeLessThan(20)

    world.setFaults({})
    const deadline = Date.now() + 10_000
    while (world.server.stats.createsCommitted === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    expect(world.server.stats.createsCommitted).toBe(1)
    await world.engine.idle()
    expect(world.engine.status().online).toBe('online')
    expect(await world.db.outbox.count()).toBe(0)
  })
})
