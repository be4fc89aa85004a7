import { app, shell, type Session, type WebContents } from 'electron'
import type { LogFunctions } from '../logging/logger'
import { decideNavigation } from '../security/navigation'
import { isPermissionGranted } from '../security/permissions'

/** Hands a link to the system browser if, and only if, it passed the allow-list in decideNavigation. */
function openOutside(url: string, log: LogFunctions): void {
  const { openExternally } = decideNavigation(url)
  if (openExternally === undefined) {
    log.warn('navigation: refused a link that is not a plain web link')
    return
  }
  /* eng-disable OPEN_EXTERNAL_JS_CHECK: openExternally passed isSafeExternalUrl (http/https, a host, no credentials) @preserve */ void shell.openExternal(openExternally)
}

/** Every web contents, whoever creates it: no navigation away from the app, no new windows, no webviews. */
function lockNavigation(contents: WebContents, log: LogFunctions): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault()
    openOutside(url, log)
  })
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url, log)
    return { action: 'deny' }
  })
}

export function installGuards(session: Session, devServerUrl: string | undefined, log: LogFunctions): void {
  app.on('web-contents-created', (_event, contents) => lockNavigation(contents, log))
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = isPermissionGranted(permission, details.requestingUrl, devServerUrl)
    if (!granted) log.info(`permission: refused ${permission}`)
    callback(granted)
  })
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionGranted(permission, details.requestingUrl ?? requestingOrigin, devServerUrl),
  )
  session.setDevicePermissionHandler(() => false)
}
