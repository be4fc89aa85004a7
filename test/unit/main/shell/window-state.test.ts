import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fitBoundsToDisplays, type Rect } from '../../../../electron/main/window-state/bounds'
import { createPreferencesStore, createWindowStateStore } from '../../../../electron/main/window-state/window-state'

const DEFAULT = { width: 1280, height: 800 }
const MIN = { width: 800, height: 560 }
const LAPTOP: Rect = { x: 0, y: 0, width: 1440, height: 860 }
const MONITOR_RIGHT: Rect = { x: 1440, y: -200, width: 2560, height: 1400 }

describe('fitBoundsToDisplays', () => {
  it('centers the default size on the primary display when nothing is saved', () => {
    expect(fitBoundsToDisplays(undefined, [LAPTOP], DEFAULT, MIN)).toEqual({ x: 80, y: 30, width: 1280, height: 800 })
  })

  it('keeps saved bounds that fit', () => {
    const saved = { x: 100, y: 50, width: 1000, height: 700 }
    expect(fitBoundsToDisplays(saved, [LAPTOP], DEFAULT, MIN)).toEqual(saved)
  })

  it('keeps a window on a secondary display, at negative coordinates too', () => {
    const saved = { x: 1600, y: -150, width: 1800, height: 1000 }
    expect(fitBoundsToDisplays(saved, [LAPTOP, MONITOR_RIGHT], DEFAULT, MIN)).toEqual(saved)
  })

  it('falls back to the primary display when the saved display is gone (monitor unplugged)', () => {
    const saved = { x: 1600, y: -150, width: 1800, height: 1000 }
    expect(fitBoundsToDisplays(saved, [LAPTOP], DEFAULT, MIN)).toEqual({ x: 80, y: 30, width: 1280, height: 800 })
  })

  it('pulls a window hanging off an edge back inside, keeping its size', () => {
    expect(fitBoundsToDisplays({ x: 1000, y: 400, width: 1000, height: 700 }, [LAPTOP], DEFAULT, MIN)).toEqual({ x: 440, y: 160, width: 1000, height: 700 })
    expect(fitBoundsToDisplays({ x: -300, y: -20, width: 1000, height: 700 }, [LAPTOP], DEFAULT, MIN)).toEqual({ x: 0, y: 0, width: 1000, height: 700 })
  })

  it('shrinks a window bigger than the display it is on (resolution lowered) and grows one below the minimum', () => {
    expect(fitBoundsToDisplays({ x: 0, y: 0, width: 2560, height: 1400 }, [LAPTOP], DEFAULT, MIN)).toEqual(LAPTOP)
    expect(fitBoundsToDisplays({ x: 10, y: 10, width: 300, height: 200 }, [LAPTOP], DEFAULT, MIN)).toEqual({ x: 10, y: 10, width: 800, height: 560 })
  })

  it('picks the display showing most of a window that straddles two', () => {
    const saved = { x: 1200, y: 100, width: 1200, height: 700 }
    expect(fitBoundsToDisplays(saved, [LAPTOP, MONITOR_RIGHT], DEFAULT, MIN)).toEqual({ x: 1440, y: 100, width: 1200, height: 700 })
  })

  it('treats a sliver on screen as lost, and nonsense as nothing saved', () => {
    expect(fitBoundsToDisplays({ x: 1400, y: 820, width: 1000, height: 700 }, [LAPTOP], DEFAULT, MIN)).toEqual({ x: 80, y: 30, width: 1280, height: 800 })
    expect(fitBoundsToDisplays({ x: Number.NaN, y: 0, width: 1000, height: 700 }, [LAPTOP], DEFAULT, MIN)).toEqual({ x: 80, y: 30, width: 1280, height: 800 })
  })

  it('fits the default into a small primary display, and copes with no display at all', () => {
    const small = { x: 0, y: 0, width: 1024, height: 600 }
    expect(fitBoundsToDisplays(undefined, [small], DEFAULT, MIN)).toEqual(small)
    expect(fitBoundsToDisplays(undefined, [], DEFAULT, MIN)).toEqual({ x: 0, y: 0, ...DEFAULT })
  })
})

describe('window state and preference files', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ecrm-state-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('round-trips the window state as JSON in userData', async () => {
    const store = createWindowStateStore(dir)
    expect(await store.load()).toBeUndefined()
    const state = { bounds: { x: -1200, y: 40, width: 1100, height: 720 }, maximized: true }
    await store.save(state)
    expect(JSON.parse(await readFile(join(dir, 'window-state.json'), 'utf8'))).toEqual(state)
    expect(await createWindowStateStore(dir).load()).toEqual(state)
  })

  it('ignores a damaged or foreign file instead of failing the start', async () => {
    const store = createWindowStateStore(dir)
    for (const text of ['{', '[]', '{"bounds":{"x":0,"y":0,"width":-5,"height":10},"maximized":false}', '{"bounds":null}']) {
      await writeFile(join(dir, 'window-state.json'), text)
      expect(await store.load()).toBeUndefined()
    }
  })

  it('keeps preferences, with background sync off unless chosen', async () => {
    const store = createPreferencesStore(dir)
    await writeFile(join(dir, 'preferences.json'), '{}')
    expect(await store.load()).toEqual({ keepSyncingInBackground: false })
    await store.save({ keepSyncingInBackground: true })
    expect(await store.load()).toEqual({ keepSyncingInBackground: true })
  })
})
