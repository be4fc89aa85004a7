import { describe, expect, it } from 'vitest'
import { decideOnClose, NO_BACKGROUND_SYNC } from '../../../../electron/main/window-state/close-behavior'

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

  it('has a neutral hook until the sync engine provides one', async () => {
    expect(NO_BACKGROUND_SYNC.hasPendingWork()).toBe(false)
    await expect(NO_BACKGROUND_SYNC.flush()).resolves.toBeUndefined()
    await expect(NO_BACKGROUND_SYNC.whenIdle()).resolves.toBeUndefined()
  })
})
