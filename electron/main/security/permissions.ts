import { isTrustedSenderUrl } from './sender'

/**
 * The only web permission the app uses: writing plain text to the clipboard ("copy phone number",
 * "copy record"). Camera, microphone, geolocation, notifications, MIDI, HID, serial, USB, screen
 * capture, reading the clipboard... are refused.
 */
const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write'])

/**
 * Serves both setPermissionRequestHandler and setPermissionCheckHandler: a permission is granted
 * only if the app needs it and only to our own page.
 */
export function isPermissionGranted(permission: string, requestingUrl: string | undefined, devServerUrl?: string): boolean {
  return GRANTED_PERMISSIONS.has(permission) && isTrustedSenderUrl(requestingUrl, devServerUrl)
}
