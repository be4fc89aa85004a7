/** Longer than any link a follow-up record plausibly holds; longer ones are more likely payloads. */
const MAX_EXTERNAL_URL_LENGTH = 2048

/**
 * Whether a link from record content may be handed to the system browser. Only plain web pages:
 * http(s) with a host and no credentials. Everything else (file:, javascript:, data:, mailto:,
 * custom schemes that launch other programs, smb: shares) is refused, because openExternal hands
 * the URL to the OS, which runs whatever handler is registered for the scheme.
 */
export function isSafeExternalUrl(raw: unknown): raw is string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_EXTERNAL_URL_LENGTH) return false
  // The URL parser silently drops tabs and newlines and trims spaces; a link carrying them is forged.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f]/.test(raw)) return false
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false
  if (url.username !== '' || url.password !== '') return false
  return url.hostname !== ''
}
