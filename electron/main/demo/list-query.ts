/**
 * The list endpoint's query string, read the way a lenient PHP-era vendor API does: empty
 * parameters count as absent (the document's URL template sends `cle_name=` when unset), a bad
 * page size falls back to the default, but a malformed date, cursor, sort or order is refused so
 * that client bugs show up instead of returning the wrong records.
 */
import { decodeCursor, type CursorKey } from './cursor'

const SORT_FIELDS = ['create_time', 'update_time', 'cle_name'] as const
export type SortField = (typeof SORT_FIELDS)[number]

export interface RecordFilter {
  /** Substring of the client name, case-insensitive. */
  cleName?: string
  /** Substring of the client id's decimal form. */
  cleId?: string
  /** Exact client phone. */
  clePhone?: string
  /** Unix seconds: records created at or after it. */
  createdFrom?: number
  /** Substring of the HTML-stripped content, case-insensitive. */
  content?: string
}

export interface ListRequest {
  filter: RecordFilter
  sort: SortField
  descending: boolean
  pageSize: number
  /** Keyset position of the previous page's last row; wins over `offset`. */
  after: CursorKey | undefined
  /** Rows to skip, from the 1-based `page` parameter of the document's URL template. */
  offset: number
}

const DEFAULT_PAGE_SIZE = 10
const MAX_PAGE_SIZE = 1000
const CHINA_OFFSET_SECONDS = 8 * 3600

export class QueryRejected extends Error {}

export function parseListRequest(params: URLSearchParams): ListRequest {
  const param = (name: string): string | undefined => {
    const value = params.get(name)?.trim()
    return value === undefined || value === '' ? undefined : value
  }
  const sort = param('sort') ?? 'create_time'
  if (!isSortField(sort)) throw new QueryRejected(`不支持的排序字段：${sort}`)
  const order = (param('order') ?? 'desc').toLowerCase()
  if (order !== 'asc' && order !== 'desc') throw new QueryRejected(`排序规则错误：${order}，只支持asc或desc`)
  const cursorText = param('cursor')
  const after = cursorText === undefined ? undefined : decodeCursor(cursorText)
  if (cursorText !== undefined && (!after || typeof after.value !== (sort === 'cle_name' ? 'string' : 'number'))) {
    throw new QueryRejected('cursor参数错误')
  }
  const pageSize = Math.min(MAX_PAGE_SIZE, positiveInteger(param('page_size')) ?? DEFAULT_PAGE_SIZE)
  const page = positiveInteger(param('page')) ?? 1
  return {
    filter: parseFilter(param),
    sort,
    descending: order === 'desc',
    pageSize,
    after,
    offset: (page - 1) * pageSize,
  }
}

function parseFilter(param: (name: string) => string | undefined): RecordFilter {
  const filter: RecordFilter = {}
  const cleName = param('cle_name')
  const cleId = param('cle_id')
  const clePhone = param('cle_phone')
  const createTime = param('create_time')
  const content = param('record_content_name')
  if (cleName !== undefined) filter.cleName = cleName
  if (cleId !== undefined) filter.cleId = cleId
  if (clePhone !== undefined) filter.clePhone = clePhone
  if (content !== undefined) filter.content = content
  if (createTime !== undefined) {
    const from = startOfChinaDay(createTime)
    if (from === undefined) throw new QueryRejected(`create_time格式错误：${createTime}，支持2019-01-01或者2019/01/01`)
    filter.createdFrom = from
  }
  return filter
}

function isSortField(value: string): value is SortField {
  return (SORT_FIELDS as readonly string[]).includes(value)
}

function positiveInteger(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,9}$/.test(text)) return undefined
  const value = Number(text)
  return value >= 1 ? value : undefined
}

/** 00:00 China time (UTC+8) of `2019-01-01` or `2019/01/01`, in unix seconds; undefined if malformed. */
function startOfChinaDay(text: string): number | undefined {
  const match = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})$/.exec(text)
  if (!match) return undefined
  const year = Number(match[1])
  const month = Number(match[3])
  const day = Number(match[4])
  const utcMidnight = Date.UTC(year, month - 1, day)
  const check = new Date(utcMidnight)
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined
  return utcMidnight / 1000 - CHINA_OFFSET_SECONDS
}
