/**
 * The demo's internal clients and opportunities. Few enough (one client per ~40 records) to be
 * plain objects; their wire form, with the tenant fields, is built only when a row is serialized.
 */
export interface Coded {
  id: number
  name: string
}

export interface Client {
  id: bigint
  name: string
  phone: string
  pinyin: string
  source: Coded
  type: Coded
  grade: Coded
  /** Indexes into AGENTS. */
  owner: number
  creator: number
  updater: number
  lastContact: number
  createTime: number
  updateTime: number
  lastAssignTime: number
  lastContactTime: number
  isWinOrder: boolean
  /** Seeds the tenant-defined fields, generated on serialization. */
  tenantSeed: number
  /** Indexes into the opportunity list. */
  opportunities: number[]
}

export interface Opportunity {
  id: bigint
  client: number
  name: string
  type: Coded
  source: Coded
  stage: Coded
  owner: number
  creator: number
  updater: number
  lastContact: number
  createTime: number
  updateTime: number
  lastContactTime: number
}

export const CLIENT_SOURCES: readonly Coded[] = [
  { id: 1, name: '官网注册' },
  { id: 2, name: '电话营销' },
  { id: 3, name: '展会' },
  { id: 4, name: '老客户介绍' },
]
export const CLIENT_TYPES: readonly Coded[] = [
  { id: 1, name: '潜在客户' },
  { id: 2, name: '意向客户' },
  { id: 3, name: '成交客户' },
]
export const CLIENT_GRADES: readonly Coded[] = [
  { id: 1, name: '普通客户' },
  { id: 2, name: '重要客户' },
  { id: 3, name: 'VIP客户' },
]
export const OPPORTUNITY_TYPES: readonly Coded[] = [
  { id: 1, name: '新客户商机' },
  { id: 2, name: '老客户增购' },
]
/** Stage ids continue from the document's 22 = 初步洽谈. */
export const OPPORTUNITY_STAGES: readonly Coded[] = [
  { id: 22, name: '初步洽谈' },
  { id: 23, name: '需求确认' },
  { id: 24, name: '方案报价' },
  { id: 25, name: '商务谈判' },
  { id: 26, name: '赢单' },
]
