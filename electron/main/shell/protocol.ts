import { join, normalize, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import { net, protocol } from 'electron'
import { RENDERER_CSP } from '../security/csp'

/**
 * Must run before the app is ready: app:// behaves like https (secure context, IndexedDB, fetch).
 * codeCache: V8 keeps the renderer bundle compiled between launches, as it would for https; a
 * custom scheme gets none without it, and compiling the bundle anew delays every cold start.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ])
}

/** Serves the built renderer from inside the app bundle, with the CSP as a header. */
export function serveRenderer(rendererDir: string): void {
  const root = normalize(rendererDir + sep)
  protocol.handle('app', async (request) => {
    const { host, pathname } = new URL(request.url)
    const file = normalize(join(root, decodeURIComponent(pathname === '/' ? '/index.html' : pathname)))
    if (host !== 'renderer' || !file.startsWith(root)) return new Response('Not found', { status: 404 })
    const response = await net.fetch(pathToFileURL(file).toString())
    const headers = new Headers(response.headers)
    headers.set('Content-Security-Policy', RENDERER_CSP)
    headers.set('X-Content-Type-Options', 'nosniff')
    return new Response(response.body, { status: response.status, headers })
  })
}
