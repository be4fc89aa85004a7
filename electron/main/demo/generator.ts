/**
 * Deterministic demo data: the same seed and anchor give the same clients, opportunities and
 * records, byte for byte. History spreads over the three years before the anchor, on working
 * hours in China, about 40 records per client with a few heavy key accounts.
 */
import { AGENTS, agentDisplayName, agentAt } from './directory'
import { QUICK_RECORD_TYPE, SLOW_RECORD_TYPE, SYSTEM_RECORD_TYPE, TEST_RECORD_TYPE, XSS_CONTENT, recordContent } from './content'
import {
  CLIENT_GRADES,
  CLIENT_SOURCES,
  CLIENT_TYPES,
  OPPORTUNITY_STAGES,
  OPPORTUNITY_TYPES,
  type Client,
  type Opportunity,
} from './model'
import { toPinyin } from './pinyin'
import { createPrng, type Prng } from './prng'
import { NO_OPPORTUNITY, RecordTable, type NewRecordRow } from './record-table'
import { SnowflakeIds } from './snowflake'
import {
  BRANDS,
  CITIES,
  COMPANY_SUFFIX,
  COURTESY_TITLES,
  GIVEN_NAME_CHARS,
  INDUSTRIES,
  MOBILE_PREFIXES,
  PRODUCTS,
  STORE_DISTRICTS,
  STORE_SUFFIX,
  SURNAMES,
} from './vocabulary'

export interface GeneratorOptions {
  records: number
  seed: number
  /** Unix seconds; the generated history ends at the last midnight in China at or before it. */
  anchorTime: number
}

export interface DemoData {
  clients: Client[]
  opportunities: Opportunity[]
  records: RecordTable
  /** Continues the records' id sequence for records created later. */
  recordIds: SnowflakeIds
}

/** Worker numbers inside the snowflake keep ids unique across entity kinds; 60 is the document's. */
const RECORD_WORKER = 60
const CLIENT_WORKER = 61
const OPPORTUNITY_WORKER = 62

const DAY = 86400
const HISTORY_DAYS = 3 * 365
const CHINA_OFFSET = 8 * 3600
const RECORDS_PER_CLIENT = 40
/** One record in this many carries the XSS payload, counted from the newest so it shows on page 1. */
const XSS_EVERY = 500
const XSS_OFFSET = 3

/** Agents 0..7 are the sales team; the boss (last) owns no clients. */
const SALES_AGENTS = AGENTS.length - 1

export function generateDemoData(options: GeneratorOptions): DemoData {
  const prng = createPrng(options.seed)
  const { anchorTime } = options
  const historyEnd = anchorTime - ((anchorTime + CHINA_OFFSET) % DAY)
  const historyStart = historyEnd - HISTORY_DAYS * DAY
  const recordTimesMs = workingTimesMs(prng, options.records, historyStart)
  const clients = makeClients(prng, Math.max(3, Math.round(options.records / RECORDS_PER_CLIENT)))
  const clientOfRecord = assignClients(prng, options.records, clients.length)
  dateClients(prng, clients, recordTimesMs, clientOfRecord, historyStart, historyEnd)
  const opportunities = makeOpportunities(prng, clients, historyEnd)
  const recordIds = new SnowflakeIds(RECORD_WORKER)
  const records = new RecordTable(options.records)
  for (let i = 0; i < options.records; i++) {
    const createdMs = recordTimesMs[i] ?? 0
    const clientIndex = clientOfRecord[i] ?? 0
    const client = clients[clientIndex] as Client
    records.append(makeRecord(prng, {
      id: recordIds.next(createdMs),
      createTime: Math.floor(createdMs / 1000),
      clientIndex,
      client,
      opportunities,
      historyEnd,
      xss: (options.records - 1 - i) % XSS_EVERY === XSS_OFFSET,
    }))
  }
  return { clients, opportunities, records, recordIds }
}

/** Sorted creation times in ms over HISTORY_DAYS from `start` (a midnight in China), weekdays 9:00–19:00 mostly. */
function workingTimesMs(prng: Prng, count: number, start: number): Float64Array {
  const times = new Float64Array(count)
  const days = HISTORY_DAYS
  for (let i = 0; i < count; i++) {
    let day = prng.int(days)
    if (isWeekend(start + day * DAY) && prng.chance(0.8)) day = prng.int(days)
    const seconds = start + day * DAY + (9 + prng.int(10)) * 3600 + prng.int(3600)
    times[i] = seconds * 1000 + prng.int(1000)
  }
  return times.sort()
}

/** Whether the instant falls on a Saturday or Sunday in China (1970-01-01 was a Thursday). */
function isWeekend(unixSeconds: number): boolean {
  const weekday = (Math.floor((unixSeconds + CHINA_OFFSET) / DAY) + 4) % 7
  return weekday === 0 || weekday === 6
}

function makeClients(prng: Prng, count: number): Client[] {
  const names = new Set<string>()
  const phones = new Set<string>()
  const clients: Client[] = []
  for (let i = 0; i < count; i++) {
    const name = unique(names, () => clientName(prng))
    const type = prng.pick(CLIENT_TYPES)
    const owner = prng.int(SALES_AGENTS)
    clients.push({
      id: 0n,
      name,
      phone: unique(phones, () => prng.pick(MOBILE_PREFIXES) + String(prng.int(1e8)).padStart(8, '0')),
      pinyin: toPinyin(name),
      source: prng.pick(CLIENT_SOURCES),
      type,
      grade: prng.pick(CLIENT_GRADES),
      owner,
      creator: prng.chance(0.7) ? owner : prng.int(SALES_AGENTS),
      updater: owner,
      lastContact: owner,
      createTime: 0,
      updateTime: 0,
      lastAssignTime: 0,
      lastContactTime: 0,
      isWinOrder: type.id === 3,
      tenantSeed: prng.int(2 ** 31),
      opportunities: [],
    })
  }
  return clients
}

/** Retries a few times for a value not yet taken; names may repeat in a very large set, as in life. */
function unique(taken: Set<string>, make: () => string): string {
  let value = make()
  for (let attempt = 0; taken.has(value) && attempt < 50; attempt++) value = make()
  taken.add(value)
  return value
}

/** People (张伟, 李先生), companies (上海恒达科技有限公司) and chain stores (武汉沌口门店). */
function clientName(prng: Prng): string {
  const kind = prng.next()
  if (kind < 0.45) {
    const given = prng.pick(GIVEN_NAME_CHARS) + (prng.chance(0.6) ? prng.pick(GIVEN_NAME_CHARS) : '')
    return prng.pick(SURNAMES) + given
  }
  if (kind < 0.55) return prng.pick(SURNAMES) + prng.pick(COURTESY_TITLES)
  if (kind < 0.9) return prng.pick(CITIES) + prng.pick(BRANDS) + prng.pick(INDUSTRIES) + COMPANY_SUFFIX
  const city = prng.pick(Object.keys(STORE_DISTRICTS))
  return city + prng.pick(STORE_DISTRICTS[city] ?? []) + STORE_SUFFIX
}

/** A skewed spread: a few key accounts get hundreds of records, most clients a handful. */
function assignClients(prng: Prng, records: number, clients: number): Int32Array {
  const assignment = new Int32Array(records)
  for (let i = 0; i < records; i++) assignment[i] = Math.floor(clients * prng.next() ** 1.6)
  return assignment
}

/** Clients exist before their first record; ids follow creation time like the vendor's. */
function dateClients(
  prng: Prng,
  clients: Client[],
  recordTimesMs: Float64Array,
  clientOfRecord: Int32Array,
  historyStart: number,
  historyEnd: number,
): void {
  const firstRecord = new Float64Array(clients.length).fill(Infinity)
  clientOfRecord.forEach((client, i) => {
    firstRecord[client] = Math.min(firstRecord[client] ?? Infinity, (recordTimesMs[i] ?? 0) / 1000)
  })
  clients.forEach((client, index) => {
    const first = firstRecord[index] ?? Infinity
    const latest = Number.isFinite(first) ? first : historyEnd
    client.createTime = Math.max(historyStart - 60 * DAY, Math.floor(latest) - prng.between(600, 60 * DAY))
    client.lastAssignTime = client.createTime
    client.lastContactTime = client.createTime
    client.updateTime = client.createTime + prng.int(Math.max(1, historyEnd - client.createTime))
  })
  const ids = new SnowflakeIds(CLIENT_WORKER)
  byCreateTime(clients).forEach((client) => {
    client.id = ids.next(client.createTime * 1000 + prng.int(1000))
  })
}

function makeOpportunities(prng: Prng, clients: Client[], historyEnd: number): Opportunity[] {
  const opportunities: Opportunity[] = []
  clients.forEach((client, clientIndex) => {
    if (!prng.chance(0.6)) return
    const count = prng.between(1, 3)
    for (let i = 0; i < count; i++) {
      const createTime = client.createTime + prng.int(Math.max(1, Math.floor((historyEnd - client.createTime) * 0.7)))
      client.opportunities.push(opportunities.length)
      opportunities.push({
        id: 0n,
        client: clientIndex,
        name: prng.pick(PRODUCTS) + prng.pick(['采购项目', '升级项目', '年度续费', '试点项目']),
        type: prng.pick(OPPORTUNITY_TYPES),
        source: prng.pick(CLIENT_SOURCES),
        stage: prng.pick(OPPORTUNITY_STAGES),
        owner: client.owner,
        creator: client.owner,
        updater: client.owner,
        lastContact: client.owner,
        createTime,
        updateTime: createTime,
        lastContactTime: createTime,
      })
    }
  })
  const ids = new SnowflakeIds(OPPORTUNITY_WORKER)
  byCreateTime(opportunities).forEach((opportunity) => {
    opportunity.id = ids.next(opportunity.createTime * 1000 + prng.int(1000))
  })
  return opportunities
}

function byCreateTime<T extends { createTime: number }>(items: T[]): T[] {
  return [...items].sort((a, b) => a.createTime - b.createTime)
}

interface RecordSeed {
  id: bigint
  createTime: number
  clientIndex: number
  client: Client
  opportunities: Opportunity[]
  historyEnd: number
  xss: boolean
}

function makeRecord(prng: Prng, seed: RecordSeed): NewRecordRow {
  const { client, createTime } = seed
  const opportunityIndex = pickOpportunity(prng, client, seed.opportunities, createTime)
  const opportunity = opportunityIndex === NO_OPPORTUNITY ? undefined : seed.opportunities[opportunityIndex]
  const author = prng.chance(0.75) ? client.owner : prng.int(SALES_AGENTS)
  const edited = prng.chance(0.1)
  const updateTime = edited ? Math.min(seed.historyEnd - 1, createTime + prng.between(60, 30 * DAY)) : createTime
  const recordType = seed.xss ? SLOW_RECORD_TYPE : pickRecordType(prng)
  const content = seed.xss
    ? XSS_CONTENT
    : recordContent(recordType, {
        prng,
        product: prng.pick(PRODUCTS),
        author: agentDisplayName(agentAt(author)),
        otherAgent: agentDisplayName(agentAt(prng.int(SALES_AGENTS))),
        opportunityName: opportunity?.name,
        stageName: opportunity?.stage.name,
      })
  client.lastContactTime = createTime
  client.lastContact = author
  if (opportunity) {
    opportunity.lastContactTime = createTime
    opportunity.lastContact = author
  }
  return {
    id: seed.id,
    client: seed.clientIndex,
    opportunity: opportunityIndex,
    recordType,
    content,
    createTime,
    updateTime,
    author,
    updater: edited && prng.chance(0.3) ? client.owner : author,
  }
}

/** Half the records of a client with opportunities are added on one that already existed. */
function pickOpportunity(prng: Prng, client: Client, opportunities: Opportunity[], createTime: number): number {
  if (client.opportunities.length === 0 || !prng.chance(0.5)) return NO_OPPORTUNITY
  const candidate = prng.pick(client.opportunities)
  return (opportunities[candidate]?.createTime ?? Infinity) <= createTime ? candidate : NO_OPPORTUNITY
}

function pickRecordType(prng: Prng): number {
  const roll = prng.next()
  if (roll < 0.08) return SYSTEM_RECORD_TYPE
  if (roll < 0.1) return TEST_RECORD_TYPE
  if (roll < 0.55) return SLOW_RECORD_TYPE
  return QUICK_RECORD_TYPE
}
