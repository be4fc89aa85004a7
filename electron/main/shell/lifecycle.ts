import { app, type BrowserWindow } from 'electron'
import type { LogFunctions } from '../logging/logger'
import { decideOnClose, FLUSH_TIMEOUT_MS, type BackgroundSync } from '../window-state/close-behavior'

export interface LifecycleOptions {
  sync: BackgroundSync
  /** Read at each close: the user may have toggled it in the menu since. */
  keepSyncingInBackground: () => boolean
  /** Runs as the window closes or hides (saving its bounds); quitting waits for it. */
  beforeClose: (window: BrowserWindow) => Promise<void>
  log: LogFunctions
}

/**
 * Closing and quitting. The close button quits (after the sync engine flushes) unless the user
 * opted in to finishing sync in the background: then the window hides, and the app quits once
 * sync is idle, unless the user brings the window back first.
 */
export function manageLifecycle(window: BrowserWindow, options: LifecycleOptions): { windowShown(): void } {
  const { log } = options
  let quitRequested = false
  let flushed = false
  // Bumped whenever the window comes back, so that an older "quit when idle" no longer applies.
  let backgroundRun = 0

  app.on('before-quit', (event) => {
    quitRequested = true
    if (flushed) return
    event.preventDefault()
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, FLUSH_TIMEOUT_MS).unref())
    const flushing = options.sync.flush().catch((error: unknown) => log.error('sync flush failed', error))
    const saving = window.isDestroyed() ? Promise.resolve() : options.beforeClose(window)
    void Promise.race([Promise.all([flushing, saving]), timeout]).finally(() => {
      flushed = true
      app.quit()
    })
  })

  window.on('close', (event) => {
    if (flushed) return
    event.preventDefault()
    const action = decideOnClose({
      keepSyncingInBackground: options.keepSyncingInBackground(),
      syncHasPendingWork: options.sync.hasPendingWork(),
      quitRequested,
    })
    if (action === 'flush-and-quit') {
      // before-quit flushes sync and saves the window state, then closes the window for real.
      app.quit()
      return
    }
    log.info('window hidden: sync finishes in the background')
    void options.beforeClose(window)
    window.hide()
    const run = ++backgroundRun
    void options.sync.whenIdle().then(() => {
      if (run === backgroundRun && !window.isVisible()) app.quit()
    })
  })

  return {
    windowShown() {
      backgroundRun++
    },
  }
}
