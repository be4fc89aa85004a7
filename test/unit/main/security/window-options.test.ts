import { describe, expect, it } from 'vitest'
import { createMainWindow, MIN_WINDOW_SIZE, type MainWindowOptions } from '../../../../electron/main/security/window-options'

/** Stands in for Electron's BrowserWindow and keeps what it was given. */
class RecordingWindow {
  static last: MainWindowOptions | undefined
  constructor(readonly options: MainWindowOptions) {
    RecordingWindow.last = options
  }
}

describe('createMainWindow', () => {
  const bounds = { x: 10, y: 20, width: 1200, height: 700 }
  const window = createMainWindow(RecordingWindow, { preload: '/app/out/preload/index.cjs', bounds, title: 'E-CRM' })
  const prefs = window.options.webPreferences

  it('constructs the window it was given, once', () => {
    expect(window).toBeInstanceOf(RecordingWindow)
    expect(RecordingWindow.last).toBe(window.options)
  })

  it('isolates and sandboxes the renderer, with no Node.js anywhere', () => {
    expect(prefs.contextIsolation).toBe(true)
    expect(prefs.sandbox).toBe(true)
    expect(prefs.nodeIntegration).toBe(false)
    expect(prefs.nodeIntegrationInWorker).toBe(false)
    expect(prefs.nodeIntegrationInSubFrames).toBe(false)
  })

  it('keeps web security on and the risky features off', () => {
    expect(prefs.webSecurity).toBe(true)
    expect(prefs.allowRunningInsecureContent).toBe(false)
    expect(prefs.webviewTag).toBe(false)
    expect(prefs.experimentalFeatures).toBe(false)
    expect(prefs.navigateOnDragDrop).toBe(false)
    expect(prefs.disableBlinkFeatures).toContain('Auxclick')
    expect(prefs.safeDialogs).toBe(true)
    expect(prefs).not.toHaveProperty('enableBlinkFeatures')
    expect(prefs).not.toHaveProperty('additionalArguments')
  })

  it('sets exactly the known web preferences (a new flag must be added here on purpose)', () => {
    expect(Object.keys(prefs).sort()).toEqual(
      [
        'allowRunningInsecureContent', 'contextIsolation', 'disableBlinkFeatures', 'experimentalFeatures',
        'navigateOnDragDrop', 'nodeIntegration', 'nodeIntegrationInSubFrames', 'nodeIntegrationInWorker',
        'preload', 'safeDialogs', 'sandbox', 'spellcheck', 'webSecurity', 'webviewTag',
      ].sort(),
    )
  })

  it('uses the preload, bounds and title it was given and stays hidden until ready', () => {
    expect(prefs.preload).toBe('/app/out/preload/index.cjs')
    expect(window.options).toMatchObject({ ...bounds, title: 'E-CRM', show: false })
    expect(window.options.minWidth).toBe(MIN_WINDOW_SIZE.width)
    expect(window.options.minHeight).toBe(MIN_WINDOW_SIZE.height)
  })
})
