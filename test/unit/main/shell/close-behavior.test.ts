import { describe, expect, it } from 'vitest'
import { decideOnClose, trackSyncActivity, type SyncActivity } from '../../../../electron/main/window-state/close-behavior'

describe('decideOnClose', () => {
  it('quits cleanly by default, work pending or not', () => {
    expect(decideOnClose({ keepSyncingInBackground: false, syncHasPendingWork: true, quitRequested: false })).toBe('flush-and-quit')
    expect(decideOnClose({ keepSyncingInBackground: false, syncHasPendingWork: false, quitRequested: false })).toBe('flush-and-quit')
  })

  it('hides the window to finish sync only for a user who opted in, and only while there is work', () => {
    expect(decideOnClose({ keepSyncingInBackground: true, syncHasPendingWork: true, quitRequested: false })).toBe('hide-and-finish-sync')
    expect(decideOnClose({ keepSyncingInBackground: true, syncHasPendingWork: false, quitRequested: false })).toBe('flush-and-quit')
  })

  it('always quits on an explicit quit (menu, Cmd+Q, update install, shutdown)', () => {
    expect(decideOnClose({ keepSyncingInBackground: true, syncHasPendingWork: true, quitRequested: true })).toBe('flush-and-quit')
  })
})

describe('trackSyncActivity', () => {
  it('counts a pass under way as pending work, a wait for a retry or a sign-in as not', () => {
    let status: SyncActivity = { activity: 'replaying' }
    const sync = trackSyncActivity(() => status)
    expect(sync.hasPendingWork()).toBe(true)
    status = { activity: 'idle' }
    expect(sync.hasPendingWork()).toBe(false)
    status = { activity: 'pulling', paused: 'signed_out' }
    expect(sync.hasPendingWork()).toBe(false)
  })

  it('resolves whenIdle once the engine reports idle, and at once when it already is', async () => {
    let status: SyncActivity = { activity: 'downloading' }
    const sync = trackSyncActivity(() => status)
    let idle = false
    const waiting = sync.whenIdle().then(() => (idle = true))
    sync.statusChanged({ activity: 'replaying' })
    await Promise.resolve()
    expect(idle).toBe(false)
    status = { activity: 'idle' }
    sync.statusChanged(status)
    await waiting
    expect(idle).toBe(true)
    await expect(sync.whenIdle()).resolves.toBeUndefined()
    await expect(sync.flush()).resolves.toBeUndefined()
  })
})
