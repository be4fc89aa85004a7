/** Reading request bodies and writing answers, including the damaged deliveries faults ask for. */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Reply } from './reply'

export type BodyResult = { ok: true; text: string } | { ok: false; tooLarge: true }

/** The whole body as UTF-8, or tooLarge as soon as it passes `limit` bytes (the rest is not buffered). */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        req.removeAllListeners('data')
        req.resume()
        resolve({ ok: false, tooLarge: true })
      } else chunks.push(chunk)
    })
    req.on('end', () => resolve({ ok: true, text: Buffer.concat(chunks).toString('utf8') }))
    req.on('error', reject)
  })
}

export interface Delivery {
  /** Stop half-way through the body and cut the connection (Content-Length still promises all of it). */
  truncate: boolean
  /** Trickle the body in chunks over this many ms. */
  slowBodyMs: number
  /** Aborted when the server closes, to stop trickling. */
  signal: AbortSignal
}

const SLOW_CHUNK_MS = 50
const MAX_SLOW_CHUNKS = 40

/** Resolves once `chunk` is handed to the socket, or the response is closed under it. */
function writeFlushed(res: ServerResponse, chunk: Buffer): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('close', done)
      resolve()
    }
    res.once('close', done)
    res.write(chunk, done)
  })
}

export async function deliver(res: ServerResponse, reply: Reply, how: Delivery): Promise<void> {
  const body = Buffer.from(reply.body, 'utf8')
  res.writeHead(reply.status, { ...reply.headers, 'content-length': String(body.length) })
  if (!how.truncate && how.slowBodyMs === 0) {
    res.end(body)
    return
  }
  const sent = how.truncate ? body.subarray(0, Math.max(1, Math.floor(body.length / 2))) : body
  const chunks = how.slowBodyMs > 0 ? Math.min(MAX_SLOW_CHUNKS, Math.max(2, Math.ceil(how.slowBodyMs / SLOW_CHUNK_MS))) : 1
  const chunkSize = Math.ceil(sent.length / chunks)
  for (let offset = 0; offset < sent.length && !res.destroyed; offset += chunkSize) {
    await writeFlushed(res, sent.subarray(offset, offset + chunkSize))
    if (how.slowBodyMs > 0) await sleep(how.slowBodyMs / chunks, undefined, { signal: how.signal })
  }
  // A truncated answer ends with the connection dropping, not with the promised bytes.
  if (how.truncate) res.destroy()
  else res.end()
}
