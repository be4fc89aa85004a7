import { describe, expect, it } from 'vitest'
import { createBackoff } from '../../../../electron/main/sync/backoff'
import { chinaDate } from '../../../../electron/main/sync/dates'

describe('retry backoff', () => {
  it('doubles from the base to the cap, each delay jittered between half and all of its step', () => {
    const low = createBackoff({ baseMs: 1000, maxMs: 300_000, random: () => 0 })
    const high = createBackoff({ baseMs: 1000, maxMs: 300_000, random: () => 0.999999 })
    const lows = Array.from({ length: 12 }, () => low.next())
    const highs = Array.from({ length: 12 }, () => high.next())
    expect(lows.slice(0, 4)).toEqual([500, 1000, 2000, 4000])
    expect(highs.slice(0, 4)).toEqual([1000, 2000, 4000, 8000])
    expect(Math.max(...highs)).toBe(300_000)
    expect(lows.at(-1)).toBe(150_000)
  })

  it('starts again from the base once the server answers', () => {
    const backoff = createBackoff({ baseMs: 1000, maxMs: 300_000, random: () => 0.999999 })
    backoff.next()
    backoff.next()
    backoff.reset()
    expect(backoff.next()).toBe(1000)
  })

  it('waits at least as long as a Retry-After asks', () => {
    const backoff = createBackoff({ baseMs: 1000, maxMs: 300_000, random: () => 0 })
    expect(backoff.next(30_000)).toBe(30_000)
  })
})

describe('the create_time filter date', () => {
  it('is the calendar date in China (UTC+8)', () => {
    expect(chinaDate(Date.UTC(2026, 10, 25, 15, 59))).toBe('2026-11-25')
    expect(chinaDate(Date.UTC(2026, 10, 25, 16, 0))).toBe('2026-11-26')
  })
})
