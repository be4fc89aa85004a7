import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, BrowserWindow, session as electronSession, shell } from 'electron'
import { createMainCore } from '../core'
import { devRendererCsp, RENDERER_CSP } from '../security/csp'
import { APP_ORIGIN } from '../security/sender'
import { secureWebPreferences } from '../security/window-options'
import { registerIpc, sendEvent } from './ipc'
import { registerAppScheme, serveRenderer } from './protocol'

const here = fileURLToPath(new URL('.', import.meta.url))
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL']

/** The thin Electron shell: window, protocol, IPC registration. Every decision lives in plain modules. */
export function startShell(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  registerAppScheme()

  let window: BrowserWindow | undefined
  const core = createMainCore({ emit: (event) => sendEvent(window?.webContents, event) })

  app.on('second-instance', () => {
    if (!window) return
    if (window.isMinimized()) window.restore()
    window.focus()
  })

  app.whenReady().then(() => {
    serveRenderer(join(here, '../renderer'))
    const csp = devServerUrl ? devRendererCsp(devServerUrl) : RENDERER_CSP
    electronSession.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } })
    })
    electronSession.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
    registerIpc(core.dispatch, devServerUrl)

    window = new BrowserWindow({
      width: 1280,
      height: 800,
      show: false,
      title: 'E-CRM 跟进记录',
      webPreferences: secureWebPreferences(join(here, '../preload/index.cjs')),
    })
    window.once('ready-to-show', () => window?.show())
    window.webContents.on('will-navigate', (event) => event.preventDefault())
    window.webContents.setWindowOpenHandler(({ url }) => {
      if (/^https?:\/\//i.test(url)) void shell.openExternal(url)
      return { action: 'deny' }
    })
    window.on('closed', () => {
      window = undefined
    })
    void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`)
  })

  app.on('window-all-closed', () => app.quit())
  app.on('will-quit', () => {
    void core.dispose()
  })
}
