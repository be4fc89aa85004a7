/** An answer ready to send, and the vendor's envelope `{code, message, data}`. */
import { toJson } from './json'

export interface Reply {
  status: number
  headers: Record<string, string>
  body: string
}

export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: toJson(value) }
}

export function ok(data: unknown): Reply {
  return jsonReply(200, { code: 200, message: 'ok', data })
}

/** An envelope error. The vendor answers most of them with HTTP 200, so that is the default. */
export function fail(code: number, message: string, status = 200, headers: Record<string, string> = {}): Reply {
  return jsonReply(status, { code, message, data: null }, headers)
}
