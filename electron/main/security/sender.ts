/** The origin the packaged renderer is served from (see the shell's app:// protocol). */
export const APP_ORIGIN = 'app://renderer'

/**
 * Only our own top-level page may call main. A frame inside it (there should be none), a page that
 * somehow navigated elsewhere, or a devtools extension is refused.
 */
export function isTrustedSenderUrl(frameUrl: string | undefined, devServerUrl?: string): boolean {
  if (!frameUrl) return false
  let origin: string
  try {
    const url = new URL(frameUrl)
    // URL gives "null" as the origin of non-special schemes such as app:, so compose it.
    origin = url.protocol === 'app:' ? `app://${url.host}` : url.origin
  } catch {
    return false
  }
  if (origin === APP_ORIGIN) return true
  return devServerUrl !== undefined && origin === new URL(devServerUrl).origin
}

/** The part of Electron's WebFrameMain that the check reads. */
export interface SenderFrame {
  url: string
  /** null for a top-level frame. */
  parent: unknown
}

/** An IPC message is trusted only from our page's top-level frame (a destroyed frame is null). */
export function isTrustedSenderFrame(frame: SenderFrame | null | undefined, devServerUrl?: string): boolean {
  return frame !== null && frame !== undefined && frame.parent === null && isTrustedSenderUrl(frame.url, devServerUrl)
}
