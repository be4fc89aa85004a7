/**
 * The five follow-up record endpoints, under the API base. Validation errors are envelope errors
 * with HTTP 200 and a Chinese message naming the problem, as the vendor answers them; only missing
 * or bad tokens and unknown routes change the HTTP status.
 */
import type { IncomingHttpHeaders } from 'node:http'
import { RECORD_TYPES, type Agent } from './directory'
import { parseId } from './ids'
import { fromJson } from './json'
import { parseListRequest, QueryRejected } from './list-query'
import { fail, ok, type Reply } from './reply'
import type { DemoStats } from './stats'
import { RecordRejected, type DemoStore } from './store'
import type { TokenRegistry } from './tokens'

export const API_BASE = '/openapi/v1'

const RECORD_PATH = '/followupRecord'
const TYPES_PATH = '/followupRecord/recordTypes'
const LIST_PATH = '/followupRecord/followupRecords'

export interface ApiContext {
  store: DemoStore
  stats: DemoStats
  tokens: TokenRegistry
}

export interface ApiRequest {
  method: string
  /** Relative to API_BASE, e.g. '/followupRecord/recordTypes'. */
  path: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  body: string
}

const UNAUTHORIZED_MESSAGES = {
  missing: '缺少access token',
  invalid: 'access token无效',
  expired: 'access token已过期',
} as const

/** The seed's example sends `Authorization: Bearer`, another vendor version `access-token`; either works. */
function authenticate(headers: IncomingHttpHeaders, tokens: TokenRegistry): Agent | Reply {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '')?.[1]
  const plain = headers['access-token']
  const candidates = [bearer, Array.isArray(plain) ? plain[0] : plain].filter((token): token is string => !!token)
  const checks = candidates.map((token) => tokens.check(token))
  const passed = checks.find((check) => check.ok)
  if (passed?.ok) return passed.agent
  const first = checks[0]
  const reason = first && !first.ok ? first.reason : 'missing'
  return fail(401, UNAUTHORIZED_MESSAGES[reason], 401, {
    'www-authenticate': reason === 'missing' ? 'Bearer' : `Bearer error="invalid_token", error_description="${reason}"`,
  })
}

export function handleApi(request: ApiRequest, ctx: ApiContext): Reply {
  const agent = authenticate(request.headers, ctx.tokens)
  if (isReply(agent)) return agent
  const { method, path } = request
  if (path === TYPES_PATH) return method === 'GET' ? ok(RECORD_TYPES) : notAllowed('GET')
  if (path === LIST_PATH) return method === 'GET' ? listRecords(request.query, ctx) : notAllowed('GET')
  if (path === RECORD_PATH) {
    if (method === 'POST') return createRecord(request.body, agent, ctx)
    if (method === 'DELETE') return deleteRecords(request.body, ctx)
    return notAllowed('POST, DELETE')
  }
  const detail = /^\/followupRecord\/([^/]+)$/.exec(path)
  if (detail?.[1] !== undefined) return method === 'GET' ? recordDetail(detail[1], ctx) : notAllowed('GET')
  return fail(404, `接口不存在：${path}`, 404)
}

function notAllowed(allow: string): Reply {
  return fail(405, '请求方式不支持', 405, { allow })
}

function listRecords(query: URLSearchParams, ctx: ApiContext): Reply {
  try {
    return ok(ctx.store.list(parseListRequest(query)))
  } catch (error) {
    if (error instanceof QueryRejected) return fail(400, error.message)
    throw error
  }
}

function recordDetail(idText: string, ctx: ApiContext): Reply {
  const id = parseId(idText)
  const row = id === undefined ? undefined : ctx.store.detail(id)
  return row ? ok(row) : fail(404, '跟进记录不存在')
}

/** The body as a JSON object, or the envelope error to answer with. */
function jsonObject(body: string): Record<string, unknown> | Reply {
  let value: unknown
  try {
    value = fromJson(body)
  } catch {
    return fail(400, '请求体不是合法的JSON')
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail(400, '请求体必须是JSON对象')
  return value as Record<string, unknown>
}

function isReply(value: unknown): value is Reply {
  return typeof value === 'object' && value !== null && 'status' in value && 'body' in value && 'headers' in value
}

/** Unset the PHP way: tools send null, '' or 0 for "no opportunity". */
function isUnset(value: unknown): boolean {
  return value === undefined || value === null || value === '' || value === 0 || value === '0'
}

function createRecord(body: string, agent: Agent, ctx: ApiContext): Reply {
  const input = jsonObject(body)
  if (isReply(input)) return input
  if (isUnset(input.cle_id)) return fail(400, 'cle_id不能为空')
  const cleId = parseId(input.cle_id)
  if (cleId === undefined) return fail(400, 'cle_id格式错误')
  const optyId = isUnset(input.opty_id) ? undefined : parseId(input.opty_id)
  if (!isUnset(input.opty_id) && optyId === undefined) return fail(400, 'opty_id格式错误')
  if (isUnset(input.record_type)) return fail(400, 'record_type不能为空')
  const recordType = typeof input.record_type === 'string' && /^\d+$/.test(input.record_type) ? Number(input.record_type) : input.record_type
  if (typeof recordType !== 'number' || !Number.isInteger(recordType)) return fail(400, 'record_type格式错误')
  if (input.record_content === undefined || input.record_content === null || input.record_content === '') {
    return fail(400, 'record_content不能为空')
  }
  if (typeof input.record_content !== 'string') return fail(400, 'record_content必须是字符串')
  try {
    const id = ctx.store.create(
      { cle_id: cleId, ...(optyId === undefined ? {} : { opty_id: optyId }), record_type: recordType, record_content: input.record_content },
      agent,
    )
    ctx.stats.createsCommitted++
    // `_id` as a JS number on purpose: the vendor's own answer has already lost precision there.
    return ok({ id: String(id), _id: Number(id) })
  } catch (error) {
    if (error instanceof RecordRejected) return fail(400, error.message)
    throw error
  }
}

/** Ids that do not exist are ignored: a retried delete succeeds, as the document's `data: []` suggests. */
function deleteRecords(body: string, ctx: ApiContext): Reply {
  const input = jsonObject(body)
  if (isReply(input)) return input
  if (!Array.isArray(input.ids) || input.ids.length === 0) return fail(400, 'ids不能为空')
  const ids = input.ids.map(parseId)
  if (ids.some((id) => id === undefined)) return fail(400, 'ids格式错误')
  ctx.stats.deletesCommitted += ctx.store.remove(ids as bigint[])
  return ok([])
}
