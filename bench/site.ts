/**
 * The bench page's origin: the built page, and the demo server's records as list pages
 * (`/pages/<n>.json`, ids as strings, client and opportunity embedded: what the sync engine hands
 * the renderer). Serving them ready-made takes the demo server and the API codec, which share
 * main's single thread, out of the measurement of the renderer's download path.
 */
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import type { FollowupRecord } from '../electron/shared/records'

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' }

export interface BenchSite {
  url: string
  close(): Promise<void>
}

export async function serveBenchSite(dir: string, rows: readonly FollowupRecord[], pageSize: number): Promise<BenchSite> {
  const root = normalize(dir + sep)
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://bench.invalid').pathname)
    const page = /^\/pages\/(\d+)\.json$/.exec(path)?.[1]
    if (page !== undefined) {
      const start = Number(page) * pageSize
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(rows.slice(start, start + pageSize)))
      return
    }
    const file = normalize(join(root, path === '/' ? 'index.html' : path))
    if (!file.startsWith(root)) {
      res.writeHead(404).end()
      return
    }
    readFile(file).then(
      (body) => res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
