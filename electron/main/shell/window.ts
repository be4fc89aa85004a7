import { BrowserWindow, screen } from 'electron'
import type { LogFunctions } from '../logging/logger'
import { createMainWindow, MIN_WINDOW_SIZE } from '../security/window-options'
import { fitBoundsToDisplays } from '../window-state/bounds'
import type { JsonStore } from '../window-state/json-store'
import type { WindowState } from '../window-state/window-state'

const DEFAULT_SIZE = { width: 1280, height: 800 } as const

/** The main window where the user left it (clamped to the displays there are now). */
export async function openMainWindow(options: {
  preload: string
  title: string
  url: string
  state: JsonStore<WindowState>
  log: LogFunctions
}): Promise<BrowserWindow> {
  const saved = await options.state.load()
  const primary = screen.getPrimaryDisplay()
  const others = screen.getAllDisplays().filter((display) => display.id !== primary.id)
  const bounds = fitBoundsToDisplays(saved?.bounds, [primary, ...others].map((d) => d.workArea), DEFAULT_SIZE, MIN_WINDOW_SIZE)

  const window = createMainWindow(BrowserWindow, { preload: options.preload, bounds, title: options.title })
  if (saved?.maximized) window.maximize()
  window.once('ready-to-show', () => window.show())
  window.webContents.on('render-process-gone', (_event, details) => options.log.error('renderer gone', details.reason, details.exitCode))
  void window.loadURL(options.url)
  return window
}

/** Remembers the window's normal (not maximized) bounds and whether it was maximized. */
export function saveWindowState(window: BrowserWindow, state: JsonStore<WindowState>, log: LogFunctions): Promise<void> {
  if (window.isDestroyed() || window.isMinimized()) return Promise.resolve()
  return state
    .save({ bounds: window.getNormalBounds(), maximized: window.isMaximized() })
    .catch((error: unknown) => log.warn('window state not saved', error))
}
