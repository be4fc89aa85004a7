import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { app } from 'electron'
import type { LogFunctions } from '../logging/logger'
import { readUpdateUrl, shouldCheckForUpdates } from '../updates/policy'

/**
 * Starts electron-updater if, and only if, the policy says so. The feed comes from the
 * app-update.yml electron-builder baked in; electron-updater is loaded only then, so dev runs and
 * tests never touch it. Updates download in the background and install when the app quits.
 */
export async function startUpdateChecks(log: LogFunctions): Promise<void> {
  const yml = await readFile(join(process.resourcesPath, 'app-update.yml'), 'utf8').catch(() => undefined)
  const url = readUpdateUrl(yml)
  if (!shouldCheckForUpdates({ isPackaged: app.isPackaged, url, env: process.env })) {
    log.info('updates: off', url ? '(disabled here)' : '(no feed configured)')
    return
  }
  // electron-updater defines autoUpdater as a lazy getter, which an ES import cannot see.
  const { autoUpdater } = createRequire(import.meta.url)('electron-updater') as typeof import('electron-updater')
  autoUpdater.logger = log
  autoUpdater.autoDownload = true
  autoUpdater.autoInstallOnAppQuit = true
  autoUpdater.on('error', (error) => log.warn('updates: check failed', error))
  log.info('updates: checking', url)
  await autoUpdater.checkForUpdates().catch((error: unknown) => log.warn('updates: check failed', error))
}
