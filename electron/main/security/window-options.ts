import type { Rect } from '../window-state/bounds'

/** The BrowserWindow web preferences: every security-relevant flag spelled out, none left to defaults. */
export interface SecureWebPreferences {
  preload: string
  contextIsolation: true
  sandbox: true
  nodeIntegration: false
  nodeIntegrationInWorker: false
  nodeIntegrationInSubFrames: false
  webSecurity: true
  allowRunningInsecureContent: false
  webviewTag: false
  experimentalFeatures: false
  navigateOnDragDrop: false
  /** Middle-click would otherwise open links in a new window (denied anyway by the open handler). */
  disableBlinkFeatures: 'Auxclick'
  /** A page cannot trap the user in a loop of alert() dialogs. */
  safeDialogs: true
  spellcheck: false
}

export interface MainWindowOptions extends Rect {
  minWidth: number
  minHeight: number
  show: false
  title: string
  backgroundColor: string
  webPreferences: SecureWebPreferences
}

/** Electron's BrowserWindow, or a stand-in that records the options in tests. */
export type WindowConstructor<W> = new (options: MainWindowOptions) => W

export const MIN_WINDOW_SIZE = { width: 800, height: 560 } as const

/**
 * Creates the one app window. The constructor is passed in so that this stays plain code whose
 * test sees exactly the options the app uses, and so that the options are an object literal at
 * the `new BrowserWindow(...)` call, where static checks (electronegativity) can read every flag.
 */
export function createMainWindow<W>(BrowserWindow: WindowConstructor<W>, options: { preload: string; bounds: Rect; title: string }): W {
  return new BrowserWindow({
    ...options.bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    // Shown on ready-to-show, so the user never sees an empty frame.
    show: false,
    title: options.title,
    backgroundColor: '#ffffff',
    webPreferences: {
      /* eng-disable PRELOAD_JS_CHECK: the preload exposes exactly the IPC contract through contextBridge, no channel passthrough @preserve */ preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      spellcheck: false,
    },
  })
}
