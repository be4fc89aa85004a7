import { writeFile } from 'node:fs/promises'
import { release } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, BrowserWindow, dialog, net, powerMonitor, session as electronSession, shell } from 'electron'
import { createMainCore, type MainCore } from '../core'
import { buildDiagnosticsReport, type SyncCounts } from '../diagnostics/report'
import { createLogger } from '../logging/logger'
import { createSecretVault } from '../secrets/vault'
import { devRendererCsp, RENDERER_CSP } from '../security/csp'
import { APP_ORIGIN } from '../security/sender'
import { trackSyncActivity } from '../window-state/close-behavior'
import { createPreferencesStore, createWindowStateStore, DEFAULT_PREFERENCES } from '../window-state/window-state'
import { installGuards } from './guards'
import { registerIpc, sendEvent } from './ipc'
import { manageLifecycle } from './lifecycle'
import { installMenu } from './menu'
import { pickMenuLanguage, type MenuCommand } from './menu-template'
import { registerAppScheme, serveRenderer } from './protocol'
import { safeStorageCrypto } from './safe-storage'
import { startUpdateChecks } from './updater'
import { saveWindowState, openMainWindow } from './window'

const here = fileURLToPath(new URL('.', import.meta.url))
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL']
const WINDOW_TITLE = 'E-CRM 跟进记录'

/** The thin Electron shell: window, protocol, IPC, menu, lifecycle. Every decision lives in plain modules. */
export function startShell(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  registerAppScheme()

  const userData = app.getPath('userData')
  const logger = createLogger({
    file: join(userData, 'logs', 'main.log'),
    level: process.env['ECRM_LOG_LEVEL'] === 'debug' || !app.isPackaged ? 'debug' : 'info',
    console: !app.isPackaged,
  })
  logger.catchErrors()
  const log = logger.scope('shell')
  log.info(`starting ${app.getName()} ${app.getVersion()} (electron ${process.versions.electron}, ${process.platform} ${release()})`)

  let window: BrowserWindow | undefined
  // Created once the app is ready: the vault's safeStorage works only from then on.
  let core: MainCore | undefined
  const backgroundSync = trackSyncActivity(() => core?.sync.status() ?? { activity: 'idle' })
  const windowState = createWindowStateStore(userData)
  const preferencesStore = createPreferencesStore(userData)
  let preferences = DEFAULT_PREFERENCES
  let lifecycle: { windowShown(): void } | undefined

  function showWindow(): void {
    if (!window) return
    if (window.isMinimized()) window.restore()
    window.show()
    window.focus()
    lifecycle?.windowShown()
  }
  app.on('second-instance', showWindow)
  app.on('activate', showWindow)

  const commands: Record<MenuCommand, () => void> = {
    'toggle-background-sync': () => {
      preferences = { ...preferences, keepSyncingInBackground: !preferences.keepSyncingInBackground }
      void preferencesStore.save(preferences).catch((error: unknown) => log.warn('preferences not saved', error))
      refreshMenu()
    },
    'export-diagnostics': () => void exportDiagnostics(),
    'open-logs-folder': () => void shell.openPath(dirname(logger.file)),
  }

  function refreshMenu(): void {
    installMenu(
      {
        language: pickMenuLanguage(app.getPreferredSystemLanguages()),
        platform: process.platform,
        appName: app.getName(),
        isDev: !app.isPackaged,
        keepSyncingInBackground: preferences.keepSyncingInBackground,
      },
      commands,
    )
  }

  async function exportDiagnostics(): Promise<void> {
    const report = await buildDiagnosticsReport({
      app: { name: app.getName(), version: app.getVersion(), packaged: app.isPackaged, versions: { ...process.versions } },
      os: { platform: process.platform, release: release(), arch: process.arch, locale: app.getLocale() },
      syncCounts: (): SyncCounts => {
        if (!core) return {}
        const status = core.sync.status()
        return {
          activity: status.activity,
          online: status.online,
          paused: status.paused ?? 'no',
          downloadFetched: status.download?.fetched ?? 0,
          downloadTotal: status.download?.total ?? 0,
          retryScheduled: status.nextRetryAt === undefined ? 0 : 1,
        }
      },
      logLines: (count) => logger.lastLines(count),
      redactText: (text) => logger.redactText(text),
      now: new Date(),
    })
    const options = { defaultPath: join(app.getPath('desktop'), report.fileName), filters: [{ name: 'Text', extensions: ['txt'] }] }
    const { canceled, filePath } = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options)
    if (canceled || !filePath) return
    await writeFile(filePath, report.text, 'utf8')
    log.info('diagnostics exported')
  }

  app.whenReady().then(async () => {
    const vault = createSecretVault({ dir: userData, crypto: safeStorageCrypto() })
    const vaultStatus = await vault.status()
    log.info(`secret store: ${vaultStatus.backend}${vaultStatus.weakProtection ? ' (weak: no OS keyring)' : ''}`)
    core = createMainCore({
      vault,
      log: logger,
      emit: (event) => {
        if (event.type === 'sync.status') backgroundSync.statusChanged(event.status)
        sendEvent(window?.webContents, event)
      },
    })

    // A laptop opened at the office: the OS's word is a hint, the engine believes only the API.
    powerMonitor.on('resume', () => core?.sync.networkHint(net.isOnline()))
    powerMonitor.on('unlock-screen', () => core?.sync.networkHint(net.isOnline()))

    serveRenderer(join(here, '../renderer'))
    const csp = devServerUrl ? devRendererCsp(devServerUrl) : RENDERER_CSP
    electronSession.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } })
    })
    installGuards(electronSession.defaultSession, devServerUrl, log)
    registerIpc(core.dispatch, devServerUrl, log)

    preferences = (await preferencesStore.load()) ?? DEFAULT_PREFERENCES
    app.setAboutPanelOptions({ applicationName: app.getName(), applicationVersion: app.getVersion() })
    refreshMenu()

    window = await openMainWindow({
      preload: join(here, '../preload/index.cjs'),
      title: WINDOW_TITLE,
      url: devServerUrl ?? `${APP_ORIGIN}/index.html`,
      state: windowState,
      log,
    })
    lifecycle = manageLifecycle(window, {
      sync: backgroundSync,
      keepSyncingInBackground: () => preferences.keepSyncingInBackground,
      beforeClose: (closing) => saveWindowState(closing, windowState, log),
      log,
    })
    window.on('closed', () => {
      window = undefined
    })
    void startUpdateChecks(logger.scope('updates'))
  })

  app.on('window-all-closed', () => app.quit())
  app.on('will-quit', () => {
    void core?.dispose()
  })
}
