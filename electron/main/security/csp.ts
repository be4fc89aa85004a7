/**
 * The renderer's Content-Security-Policy. The renderer has no business on the network (main owns
 * every request to the CRM), so connect-src is 'none'; record HTML may carry <img> tags, but remote
 * loads are refused so that opening a record cannot ping a tracker.
 */
export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  // Vue and the component library set inline style attributes.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'none'",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** Dev mode loads from Vite's server, whose client needs its websocket and inline HMR updates. */
export function devRendererCsp(devServerUrl: string): string {
  const origin = new URL(devServerUrl).origin
  const ws = origin.replace(/^http/, 'ws')
  return RENDERER_CSP.replace("script-src 'self'", `script-src 'self' ${origin}`)
    .replace("connect-src 'none'", `connect-src ${origin} ${ws}`)
}
