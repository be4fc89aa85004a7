/**
 * The sync engine's side of closing the app. The shell asks it whether closing would interrupt
 * work and lets it finish or flush; what "flush" means is the engine's business.
 */
export interface BackgroundSync {
  /** Whether sync has work left that closing now would cut short (queued changes, a pass under way). */
  hasPendingWork(): boolean
  /** Resolves once sync is idle with nothing left to send (the hidden app then quits). */
  whenIdle(): Promise<void>
  /** Brings work in flight to a safe stop; quitting waits for it, up to FLUSH_TIMEOUT_MS. */
  flush(): Promise<void>
}

/** A flush that hangs (a dead network, a stuck renderer) must not keep the app from quitting. */
export const FLUSH_TIMEOUT_MS = 10_000

export type CloseAction =
  /** Hide the window, let sync finish, then quit. */
  | 'hide-and-finish-sync'
  /** Flush, then quit. */
  | 'flush-and-quit'

/**
 * What the window's close button does. Quitting cleanly is the default: a hidden app that keeps
 * using the network surprises people. Only a user who opted in keeps sync finishing in the
 * background, and only while there is something to finish. An explicit quit (menu, Cmd+Q, an
 * update install, OS shutdown) always quits.
 */
export function decideOnClose(state: { keepSyncingInBackground: boolean; syncHasPendingWork: boolean; quitRequested: boolean }): CloseAction {
  if (state.quitRequested) return 'flush-and-quit'
  return state.keepSyncingInBackground && state.syncHasPendingWork ? 'hide-and-finish-sync' : 'flush-and-quit'
}

/** The part of the sync engine's status that closing cares about. */
export interface SyncActivity {
  activity: string
  paused?: string
}

const isBusy = (status: SyncActivity): boolean => status.activity !== 'idle' && status.paused === undefined

/**
 * BackgroundSync over the engine's status: "pending work" is a pass under way (sending queued
 * changes, downloading); a pass waiting for a retry or for the user to sign in again is not, so a
 * hidden app never lingers offline for hours. Feed it every status the engine publishes. Nothing
 * needs flushing: the engine keeps no state of its own (the renderer's store has it all), so
 * stopping it at any moment loses nothing.
 */
export function trackSyncActivity(current: () => SyncActivity): BackgroundSync & { statusChanged(status: SyncActivity): void } {
  let waiting: (() => void)[] = []
  return {
    hasPendingWork: () => isBusy(current()),
    whenIdle: () => (isBusy(current()) ? new Promise<void>((resolve) => waiting.push(resolve)) : Promise.resolve()),
    flush: () => Promise.resolve(),
    statusChanged(status) {
      if (isBusy(status)) return
      const resolve = waiting
      waiting = []
      for (const done of resolve) done()
    },
  }
}
