/**
 * The demo server's data: what the API reads and writes, and what tests inspect or change behind
 * the API's back ("someone else created / deleted a record on the server").
 */
import type { FollowupRecord } from '../../shared/records'
import { AGENTS, agentByNo, recordTypeName, type Agent } from './directory'
import { encodeCursor } from './cursor'
import type { DemoData } from './generator'
import type { Opportunity } from './model'
import { parseId } from './ids'
import type { ListRequest } from './list-query'
import { RecordQueries } from './record-query'
import { NO_OPPORTUNITY } from './record-table'
import { detailRow, listRows, withIdStrings, type WireRow } from './rows'

/** Why a create was refused; the message is the vendor-style Chinese text the API answers with. */
export class RecordRejected extends Error {}

export interface NewRecordFields {
  cle_id: bigint
  opty_id?: bigint
  record_type: number
  record_content: string
}

/** A record "someone else" adds directly on the server. */
export interface DirectRecordInput {
  cle_id: string | bigint
  opty_id?: string | bigint
  /** Default 38 (慢速记录). */
  record_type?: number
  /** Default '其他同事添加的跟进记录'. */
  record_content?: string
  /** The author's 工号; default 8002, a colleague of the demo account. */
  agentNo?: string
}

export interface DemoClient {
  id: string
  name: string
  phone: string
  pinyin: string
  opportunities: { id: string; name: string; stage: string }[]
}

export interface ListPage {
  cursor: string
  total: number
  rows: WireRow[]
}

export class DemoStore {
  private readonly queries: RecordQueries
  private readonly clientIndex: Map<bigint, number>
  private readonly opportunityIndex: Map<bigint, number>

  constructor(private readonly data: DemoData) {
    this.queries = new RecordQueries(data)
    this.clientIndex = new Map(data.clients.map((client, index) => [client.id, index]))
    this.opportunityIndex = new Map(data.opportunities.map((opportunity, index) => [opportunity.id, index]))
  }

  /** Live records. */
  count(): number {
    return this.data.records.count
  }

  /** Every live record as the list endpoint returns it (newest first), ids as strings. */
  all(): FollowupRecord[] {
    const { total, page } = this.queries.run({
      filter: {},
      sort: 'create_time',
      descending: true,
      pageSize: Number.MAX_SAFE_INTEGER,
      after: undefined,
      offset: 0,
    })
    return total === 0 ? [] : withIdStrings(listRows(this.data, page, nowSeconds()))
  }

  /** One live record as a list row (with client and opportunity), ids as strings. */
  get(id: string): FollowupRecord | undefined {
    const slot = this.liveSlot(id)
    return slot === undefined ? undefined : withIdStrings(listRows(this.data, [slot], nowSeconds()))[0]
  }

  has(id: string): boolean {
    return this.liveSlot(id) !== undefined
  }

  /** Someone else deleted these on the server. Returns how many existed. */
  deleteDirect(ids: string[]): number {
    return this.remove(ids.map(parseId).filter((id): id is bigint => id !== undefined))
  }

  /** Someone else added a record on the server. Throws RecordRejected on an unknown client, opportunity or type. */
  createDirect(input: DirectRecordInput): FollowupRecord {
    const author = agentByNo(input.agentNo ?? '8002')
    if (!author) throw new RecordRejected(`坐席不存在：${input.agentNo}`)
    const cleId = parseId(input.cle_id)
    const optyId = input.opty_id === undefined ? undefined : parseId(input.opty_id)
    if (cleId === undefined || (input.opty_id !== undefined && optyId === undefined)) throw new RecordRejected('id格式错误')
    const id = this.create(
      {
        cle_id: cleId,
        ...(optyId === undefined ? {} : { opty_id: optyId }),
        record_type: input.record_type ?? 38,
        record_content: input.record_content ?? '其他同事添加的跟进记录',
      },
      author,
    )
    return this.get(String(id)) as FollowupRecord
  }

  clients(): DemoClient[] {
    return this.data.clients.map((client) => ({
      id: String(client.id),
      name: client.name,
      phone: client.phone,
      pinyin: client.pinyin,
      opportunities: client.opportunities.map((index) => {
        const opportunity = this.data.opportunities[index] as Opportunity
        return { id: String(opportunity.id), name: opportunity.name, stage: opportunity.stage.name }
      }),
    }))
  }

  /** Adds a record written by `author` now; returns its id. */
  create(fields: NewRecordFields, author: Agent): bigint {
    const clientIndex = this.clientIndex.get(fields.cle_id)
    const client = clientIndex === undefined ? undefined : this.data.clients[clientIndex]
    if (clientIndex === undefined || !client) throw new RecordRejected(`客户不存在：${fields.cle_id}`)
    let opportunityIndex = NO_OPPORTUNITY
    if (fields.opty_id !== undefined) {
      const index = this.opportunityIndex.get(fields.opty_id)
      if (index === undefined) throw new RecordRejected(`商机不存在：${fields.opty_id}`)
      if (!client.opportunities.includes(index)) throw new RecordRejected('商机不属于该客户')
      opportunityIndex = index
    }
    if (recordTypeName(fields.record_type) === undefined) throw new RecordRejected(`跟进记录类型不存在：${fields.record_type}`)
    const authorIndex = AGENTS.indexOf(author)
    if (authorIndex < 0) throw new RangeError(`not an agent of the directory: ${author.agentNo}`)
    const nowMs = Date.now()
    const createTime = Math.floor(nowMs / 1000)
    const id = this.data.recordIds.next(nowMs)
    this.data.records.append({
      id,
      client: clientIndex,
      opportunity: opportunityIndex,
      recordType: fields.record_type,
      content: fields.record_content,
      createTime,
      updateTime: createTime,
      author: authorIndex,
      updater: authorIndex,
    })
    client.lastContactTime = createTime
    client.lastContact = authorIndex
    const opportunity = this.data.opportunities[opportunityIndex]
    if (opportunity) {
      opportunity.lastContactTime = createTime
      opportunity.lastContact = authorIndex
    }
    this.queries.invalidate()
    return id
  }

  /** Removes the live records among `ids`, ignoring the others; returns how many were removed. */
  remove(ids: bigint[]): number {
    let removed = 0
    for (const id of ids) if (this.data.records.remove(id)) removed++
    if (removed > 0) this.queries.invalidate()
    return removed
  }

  /** The detail answer's row, or undefined for an unknown or deleted id. */
  detail(id: bigint): WireRow | undefined {
    const slot = this.data.records.slotOf(id)
    return slot >= 0 && this.data.records.isLive(slot) ? detailRow(this.data, slot) : undefined
  }

  list(request: ListRequest): ListPage {
    const { total, page } = this.queries.run(request)
    const last = page.at(-1)
    return {
      // After the last page: no rows and an empty cursor, so a client knows it has everything.
      cursor: last === undefined ? '' : encodeCursor({ value: this.queries.sortValue(last, request.sort), id: this.data.records.idAt(last) }),
      total,
      rows: listRows(this.data, page, nowSeconds()),
    }
  }

  private liveSlot(id: string): number | undefined {
    const parsed = parseId(id)
    const slot = parsed === undefined ? -1 : this.data.records.slotOf(parsed)
    return slot >= 0 && this.data.records.isLive(slot) ? slot : undefined
  }
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000)
}
