/**
 * The e-CRM follow-up record API (跟进记录), as /work/shared/api describes it. One HTTP call per
 * method and no retries here: every failure is a CrmApiError whose `kind`/`retryable` tell the
 * caller (the sync engine) what to do, which matters most for creates, where no idempotency key
 * exists and only the caller can decide whether to re-send.
 */
import { request, type Dispatcher } from 'undici'
import type { FollowupRecord, ListQuery, NewRecordInput, RecordPage, RecordType } from '../../shared/records'
import { CrmApiError, transportError } from './errors'
import { isInt64String, parseJson, stringifyJson, toJsonInt64 } from './json'

export { CrmApiError } from './errors'
export type { CrmErrorKind, CrmApiErrorDetails } from './errors'

export const DEFAULT_TIMEOUT_MS = 20_000

// ---------------------------------------------------------------------------------------------
// Transport

export interface HttpAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
}

export interface HttpOptions {
  method: 'GET' | 'POST' | 'DELETE'
  headers: Record<string, string>
  body?: string
  timeoutMs: number
  dispatcher?: Dispatcher
  /** `METHOD /path`, for messages. */
  what: string
}

/**
 * Sends one request and reads the whole answer. The deadline covers connecting, the headers AND
 * the body, so a server that trickles its body still times out. The body is always read to the
 * end or destroyed, so no connection is left hanging.
 */
export async function sendHttp(url: URL, opts: HttpOptions): Promise<HttpAnswer> {
  const deadline = new AbortController()
  const timer = setTimeout(() => deadline.abort(new Error('deadline')), opts.timeoutMs)
  const timedOut = () => new CrmApiError('timeout', `${opts.what}: no complete answer within ${opts.timeoutMs} ms`)
  try {
    let res: Dispatcher.ResponseData
    try {
      res = await request(url, {
        method: opts.method,
        headers: opts.headers,
        body: opts.body ?? null,
        signal: deadline.signal,
        ...(opts.dispatcher ? { dispatcher: opts.dispatcher } : {}),
      })
    } catch (err) {
      throw deadline.signal.aborted ? timedOut() : transportError(err, opts.what)
    }
    try {
      const text = await res.body.text()
      return { status: res.statusCode, headers: res.headers, text }
    } catch (err) {
      if (deadline.signal.aborted) throw timedOut()
      // The server answered, then the connection broke mid-body: a truncated answer, not an
      // unreachable server (it did process the request).
      const reason = err instanceof Error ? err.message : String(err)
      throw new CrmApiError('bad_response', `${opts.what}: the answer (HTTP ${res.statusCode}) was cut off (${reason})`, {
        retryable: true,
        status: res.statusCode,
        cause: err,
      })
    }
  } finally {
    clearTimeout(timer)
  }
}

/** Retry-After is either delta-seconds or an HTTP-date. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const raw = (Array.isArray(value) ? value[0] : value)?.trim()
  if (!raw) return undefined
  if (/^\d+$/.test(raw)) return Number(raw) * 1000
  const at = Date.parse(raw)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

// ---------------------------------------------------------------------------------------------
// The envelope {code, message, data}

interface Envelope {
  code: number
  message: string
  data: unknown
}

type ParsedBody = { ok: true; envelope: Envelope } | { ok: false; problem: 'not_json' | 'syntax' | 'shape'; detail: string }

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function parseBody(answer: HttpAnswer): ParsedBody {
  const text = answer.text.trimStart()
  // Proxies, gateways and captive portals answer with HTML or plain text, even with status 200.
  if (!text.startsWith('{') && !text.startsWith('[')) {
    const type = String(answer.headers['content-type'] ?? 'no content-type')
    return { ok: false, problem: 'not_json', detail: text === '' ? `an empty body (${type})` : `a non-JSON body (${type})` }
  }
  let value: unknown
  try {
    value = parseJson(text)
  } catch (err) {
    return { ok: false, problem: 'syntax', detail: err instanceof Error ? err.message : 'invalid JSON' }
  }
  if (!isPlainObject(value) || typeof value.code !== 'number') {
    return { ok: false, problem: 'shape', detail: 'JSON without the {code, message, data} envelope' }
  }
  const message = typeof value.message === 'string' ? value.message : ''
  return { ok: true, envelope: { code: value.code, message, data: value.data } }
}

/** Envelope codes that mean the token was refused, in the plain and the 5-digit (40101) styles. */
function isAuthCode(code: number): boolean {
  return code === 401 || code === 403 || /^40[13]\d\d$/.test(String(code))
}

/**
 * Turns an HTTP answer into the envelope's `data`, or throws the matching CrmApiError.
 * `token` is only used to scrub it from any server text we quote.
 */
function readEnvelope(answer: HttpAnswer, what: string, token: string): unknown {
  const { status } = answer
  const body = parseBody(answer)
  const scrub = (text: string) => (token ? text.split(token).join('[token]') : text)
  const said = body.ok && body.envelope.message ? `: ${scrub(body.envelope.message)}` : ''
  const code = body.ok ? body.envelope.code : undefined
  const base = { status, ...(code === undefined ? {} : { code }) }

  if (status === 401 || status === 403) throw new CrmApiError('auth', `${what}: HTTP ${status}${said}`, base)
  if (status === 429 || status >= 500) {
    // Retry-After comes with 429, and sometimes with 503.
    const retryAfterMs = parseRetryAfter(answer.headers['retry-after'])
    const details = { ...base, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) }
    if (status === 429) throw new CrmApiError('rate_limited', `${what}: rate limited (HTTP 429)${said}`, details)
    throw new CrmApiError('server', `${what}: server error HTTP ${status}${said}`, details)
  }
  if (status === 408) throw new CrmApiError('timeout', `${what}: HTTP 408${said}`, base)

  if (!body.ok) {
    switch (body.problem) {
      case 'not_json':
        // A 2xx/3xx page is a portal or proxy in the way: transient. A 4xx page (wrong base URL,
        // say) will not go away by retrying.
        if (status < 400) throw new CrmApiError('server', `${what}: HTTP ${status} with ${body.detail}`, base)
        throw new CrmApiError('rejected', `${what}: HTTP ${status} with ${body.detail}`, base)
      case 'syntax':
        // Unparseable JSON is nearly always a body cut short in transit: worth another try.
        throw new CrmApiError('bad_response', `${what}: HTTP ${status}, ${body.detail}`, { ...base, retryable: true })
      case 'shape':
        throw new CrmApiError('bad_response', `${what}: HTTP ${status}, ${body.detail}`, base)
    }
  }

  const { envelope } = body
  if (envelope.code !== 200 || status < 200 || status > 299) {
    throw new CrmApiError(envelopeErrorKind(envelope.code), `${what}: refused with code ${envelope.code}${said || ' and no message'}`, {
      ...base,
      ...(status === 404 || envelope.code === 404 ? { notFound: true } : {}),
    })
  }
  return envelope.data
}

/**
 * The vendor reports most errors as HTTP 200 with an envelope code. Codes shaped like HTTP
 * statuses mean the same: 401/403 a refused token, 429 slow down, 5xx a transient failure
 * ({"code":500,"message":"系统繁忙，请稍后再试"}, "system busy, try later"). Anything else is a
 * refusal of this request that retrying will not change.
 */
function envelopeErrorKind(code: number): 'auth' | 'rate_limited' | 'server' | 'rejected' {
  if (isAuthCode(code)) return 'auth'
  if (code === 429) return 'rate_limited'
  if (code >= 500 && code <= 599) return 'server'
  return 'rejected'
}

// ---------------------------------------------------------------------------------------------
// Normalizing answers at the edge

function badShape(what: string, detail: string): CrmApiError {
  return new CrmApiError('bad_response', `${what}: unexpected data, ${detail}`)
}

function asNumber(value: unknown, fallback: number): number {
  if (typeof value === 'number') return value
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value)
  return fallback
}

/**
 * One record from a list row or a detail answer. Ids are already strings (the codec did that,
 * including `cle_id`, a string in list rows and a number in detail). A row without an id is a
 * bad answer; other odd fields get neutral values so one strange row cannot block a download.
 */
function toRecord(raw: unknown, what: string): FollowupRecord {
  if (!isPlainObject(raw)) throw badShape(what, 'a record that is not an object')
  const id = typeof raw.id === 'string' && raw.id !== '' ? raw.id : typeof raw._id === 'string' ? raw._id : ''
  if (!isInt64String(id)) throw badShape(what, 'a record without a valid id')
  const record: FollowupRecord = {
    ...raw,
    _id: typeof raw._id === 'string' ? raw._id : id,
    id,
    cle_id: typeof raw.cle_id === 'string' ? raw.cle_id : '',
    record_type: asNumber(raw.record_type, 0),
    record_content: typeof raw.record_content === 'string' ? raw.record_content : '',
    create_time: asNumber(raw.create_time, 0),
  }
  // "No opportunity" may come as a missing field, null, 0 or "".
  if (typeof raw.opty_id !== 'string' || raw.opty_id === '' || raw.opty_id === '0') delete record.opty_id
  // PHP-style backends send an empty object as []; drop anything that is not a real object.
  if (!isPlainObject(raw.client)) delete record.client
  if (!isPlainObject(raw.opportunity)) delete record.opportunity
  return record
}

function toRecordType(raw: unknown, what: string): RecordType {
  if (!isPlainObject(raw)) throw badShape(what, 'a record type that is not an object')
  // The codec turned `id` into a string like every id; these are small ints, so back to number.
  const id = asNumber(raw.id, Number.NaN)
  if (!Number.isSafeInteger(id)) throw badShape(what, 'a record type without an integer id')
  return { id, dic_name: typeof raw.dic_name === 'string' ? raw.dic_name : String(raw.dic_name ?? '') }
}

function toPage(data: unknown, what: string): RecordPage {
  // An exhausted listing may come back as null or [] instead of an object.
  if (data === null || data === undefined || (Array.isArray(data) && data.length === 0)) {
    return { cursor: '', total: 0, rows: [] }
  }
  if (!isPlainObject(data)) throw badShape(what, 'a list answer that is not an object')
  const rows = data.rows ?? []
  if (!Array.isArray(rows)) throw badShape(what, '`rows` is not an array')
  const cursor = typeof data.cursor === 'string' || typeof data.cursor === 'number' ? String(data.cursor) : ''
  // A missing total reads as 0; the caller keeps the last total it saw.
  return { cursor, total: asNumber(data.total, 0), rows: rows.map((row) => toRecord(row, what)) }
}

/** A detail answer with no record in it means the record does not exist (any more). */
function isEmptyData(data: unknown): boolean {
  if (data === null || data === undefined || data === '') return true
  if (Array.isArray(data)) return data.length === 0
  return isPlainObject(data) && Object.keys(data).length === 0
}

// ---------------------------------------------------------------------------------------------
// The client

export interface CrmClientOptions {
  /** e.g. https://e-crm.icsoc.net/openapi/v1 */
  baseUrl: string
  getAccessToken: () => string | Promise<string>
  /** Whole-call deadline (connect, headers and body). Default 20 s. */
  timeoutMs?: number
  dispatcher?: Dispatcher
}

type Query = Record<string, string | number | undefined>

export function createCrmClient(opts: CrmClientOptions) {
  const base = opts.baseUrl.replace(/\/+$/, '')
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS

  function urlFor(path: string, query: Query = {}): URL {
    const url = new URL(base + path)
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') url.searchParams.set(name, String(value))
    }
    return url
  }

  async function call(method: HttpOptions['method'], path: string, extra: { query?: Query; body?: unknown } = {}): Promise<unknown> {
    const what = `${method} ${path}`
    const token = await opts.getAccessToken()
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      'access-token': token,
      accept: 'application/json',
    }
    let body: string | undefined
    if (extra.body !== undefined) {
      body = stringifyJson(extra.body)
      headers['content-type'] = 'application/json'
    }
    const answer = await sendHttp(urlFor(path, extra.query), {
      method,
      headers,
      timeoutMs,
      what,
      ...(body === undefined ? {} : { body }),
      ...(opts.dispatcher ? { dispatcher: opts.dispatcher } : {}),
    })
    return readEnvelope(answer, what, token)
  }

  function requireId(id: string, field: string): string {
    if (typeof id !== 'string' || !isInt64String(id)) throw new RangeError(`${field} is not a 64-bit integer id`)
    return id
  }

  return {
    /** GET /followupRecord/recordTypes */
    async recordTypes(): Promise<RecordType[]> {
      const what = 'GET /followupRecord/recordTypes'
      const data = await call('GET', '/followupRecord/recordTypes')
      if (!Array.isArray(data)) throw badShape(what, 'record types are not an array')
      return data.map((item) => toRecordType(item, what))
    },

    /** GET /followupRecord/followupRecords — one page; omit `cursor` for the first one. */
    async listRecords(q: ListQuery = {}): Promise<RecordPage> {
      const data = await call('GET', '/followupRecord/followupRecords', {
        query: {
          cursor: q.cursor,
          page_size: q.page_size,
          sort: q.sort,
          order: q.order,
          cle_name: q.cle_name,
          cle_id: q.cle_id,
          cle_phone: q.cle_phone,
          create_time: q.create_time,
          record_content_name: q.record_content_name,
        },
      })
      return toPage(data, 'GET /followupRecord/followupRecords')
    },

    /** GET /followupRecord/{id}. A record that does not exist rejects with `notFound: true`. */
    async getRecord(id: string): Promise<FollowupRecord> {
      const path = `/followupRecord/${requireId(id, 'record id')}`
      const data = await call('GET', path)
      if (isEmptyData(data)) {
        throw new CrmApiError('rejected', `GET ${path}: no such record`, { status: 200, code: 200, notFound: true })
      }
      return toRecord(data, `GET ${path}`)
    },

    /**
     * POST /followupRecord. Returns the exact string `id`, never the answer's `_id`, which the
     * vendor sends as a rounded JSON number. Never retried here: a lost answer may mean a created record.
     */
    async createRecord(input: NewRecordInput): Promise<{ id: string }> {
      if (!Number.isSafeInteger(input.record_type)) throw new RangeError('record_type is not an integer')
      const body: Record<string, unknown> = {
        cle_id: toJsonInt64(input.cle_id),
        record_type: input.record_type,
        record_content: input.record_content,
      }
      if (input.opty_id !== undefined && input.opty_id !== '') body.opty_id = toJsonInt64(input.opty_id)
      const data = await call('POST', '/followupRecord', { body })
      const id = isPlainObject(data) ? data.id : undefined
      if (typeof id !== 'string' || !isInt64String(id)) {
        throw badShape('POST /followupRecord', 'the answer has no record id (the record may have been created)')
      }
      return { id }
    },

    /** DELETE /followupRecord with a JSON body {"ids": [...]}. An empty list sends nothing. */
    async deleteRecords(ids: string[]): Promise<void> {
      if (ids.length === 0) return
      await call('DELETE', '/followupRecord', { body: { ids: ids.map(toJsonInt64) } })
    },
  }
}

export type CrmClient = ReturnType<typeof createCrmClient>
