/**
 * The wire form of records, clients and opportunities, field for field in the document's order
 * and with its JSON types: 64-bit ids are BigInts (written as bare JSON integers by the codec),
 * `id` is their string twin, `cle_id` is a string in list rows and an integer in detail,
 * `update_department_name` is 0 inside client and opportunity but a name on the record.
 */
import type { FollowupRecord } from '../../shared/records'
import { agentAt, agentDisplayName, recordTypeName, VCC_ID } from './directory'
import { stripHtml } from './content'
import type { DemoData } from './generator'
import type { Client, Opportunity } from './model'
import { appendTenantFields, appendTrailingTenantFields } from './tenant-fields'

export type WireRow = Record<string, unknown>

const DAY = 86400

function clientRow(client: Client, now: number): WireRow {
  const owner = agentAt(client.owner)
  const creator = agentAt(client.creator)
  const updater = agentAt(client.updater)
  const lastContact = agentAt(client.lastContact)
  const row: WireRow = {
    _id: client.id,
    cle_name: client.name,
    cle_phone: client.phone,
    cle_source: client.source.id,
    cle_source_name: client.source.name,
    cle_type: client.type.id,
    cle_type_name: client.type.name,
    cle_grade: client.grade.id,
    cle_grade_name: client.grade.name,
    sale_charge_user_id: owner.userId,
    service_charge_user_id: 0,
    is_win_order: client.isWinOrder ? 1 : 2,
    is_win_order_name: client.isWinOrder ? '是' : '否',
    last_assign_time: client.lastAssignTime,
    last_recycle_time: 0,
    transfer_public_reason_id: 0,
    create_type: 0,
    import_task_id: 0,
    create_user_id: creator.userId,
    create_time: client.createTime,
    update_user_id: updater.userId,
    update_time: client.updateTime,
    last_contact_user_id: lastContact.userId,
    last_contact_time: client.lastContactTime,
  }
  appendTenantFields(row, client.tenantSeed, client.name, client.pinyin, client.createTime)
  Object.assign(row, {
    original_id: 0,
    cle_pinyin: client.pinyin,
    sale_charge_user_name: agentDisplayName(owner),
    sale_charge_department_id: owner.department.id,
    sale_charge_department_name: owner.department.name,
    service_charge_user_name: '',
    service_charge_department_id: 0,
    service_charge_department_name: '',
    last_contact_user_name: agentDisplayName(lastContact),
    last_contact_department_id: lastContact.department.id,
    last_contact_department_name: lastContact.department.name,
    create_type_name: '手动创建',
    transfer_public_reason_name: '',
    opportunity_num: client.opportunities.length,
    import_task_name: '',
    im_third_id: '',
    create_role_id: creator.role.id,
    create_role_name: creator.role.name,
    switch_times: 0,
    vcc_id: VCC_ID,
    create_user_name: agentDisplayName(creator),
    create_department_id: creator.department.id,
    create_department_name: creator.department.name,
    update_user_name: agentDisplayName(updater),
    update_department_id: updater.department.id,
    update_department_name: 0,
  })
  appendTrailingTenantFields(row, client.tenantSeed)
  row.id = String(client.id)
  row.no_contact_days = Math.max(0, Math.floor((now - client.lastContactTime) / DAY))
  return row
}

function opportunityRow(opportunity: Opportunity, client: Client): WireRow {
  const owner = agentAt(opportunity.owner)
  const creator = agentAt(opportunity.creator)
  const updater = agentAt(opportunity.updater)
  const lastContact = agentAt(opportunity.lastContact)
  return {
    _id: opportunity.id,
    opty_name: opportunity.name,
    cle_id: client.id,
    opty_type: opportunity.type.id,
    opty_type_name: opportunity.type.name,
    opty_source: opportunity.source.id,
    opty_source_name: opportunity.source.name,
    opty_stage: opportunity.stage.id,
    lose_order_reason: 0,
    lose_order_remark: '',
    sale_charge_user_id: owner.userId,
    create_user_id: creator.userId,
    create_time: opportunity.createTime,
    update_user_id: updater.userId,
    update_time: opportunity.updateTime,
    last_contact_user_id: lastContact.userId,
    last_contact_time: opportunity.lastContactTime,
    cle_name: client.name,
    cle_phone: client.phone,
    opty_stage_name: opportunity.stage.name,
    lose_order_reason_name: '',
    sale_charge_user_name: agentDisplayName(owner),
    sale_charge_department_id: owner.department.id,
    sale_charge_department_name: owner.department.name,
    last_contact_user_name: agentDisplayName(lastContact),
    last_contact_department_id: lastContact.department.id,
    last_contact_department_name: lastContact.department.name,
    vcc_id: VCC_ID,
    create_user_name: agentDisplayName(creator),
    create_department_id: creator.department.id,
    create_department_name: creator.department.name,
    update_user_name: agentDisplayName(updater),
    update_department_id: updater.department.id,
    update_department_name: 0,
    id: String(opportunity.id),
  }
}

/** Embedded objects of a list row; shared between rows of the same client when serializing many. */
interface Embedded {
  client: WireRow
  opportunity: WireRow | undefined
}

function recordRow(data: DemoData, slot: number, embedded: Embedded | undefined): WireRow {
  const table = data.records
  const client = data.clients[table.client[slot] ?? -1] as Client
  const opportunityIndex = table.opportunityAt(slot)
  const opportunity = opportunityIndex === undefined ? undefined : data.opportunities[opportunityIndex]
  const author = agentAt(table.author[slot] ?? 0)
  const updater = agentAt(table.updater[slot] ?? 0)
  const recordType = table.recordType[slot] ?? 0
  const content = table.content[slot] ?? ''
  const id = table.idAt(slot)
  return {
    _id: id,
    ...(opportunity ? { opty_id: opportunity.id } : {}),
    record_type: recordType,
    cle_id: embedded ? String(client.id) : client.id,
    record_content: content,
    create_user_id: author.userId,
    create_time: table.createTime[slot] ?? 0,
    ...(embedded ? { client: embedded.client } : {}),
    ...(embedded?.opportunity ? { opportunity: embedded.opportunity } : {}),
    record_type_name: recordTypeName(recordType) ?? '',
    create_role_id: author.role.id,
    create_role_name: author.role.name,
    vcc_id: VCC_ID,
    create_user_name: agentDisplayName(author),
    create_department_id: author.department.id,
    create_department_name: author.department.name,
    update_user_name: agentDisplayName(updater),
    update_department_id: updater.department.id,
    update_department_name: updater.department.name,
    cle_name: client.name,
    update_time: table.updateTime[slot] ?? 0,
    update_user_id: updater.userId,
    record_content_name: stripHtml(content),
    id: String(id),
  }
}

/**
 * Builds list rows, serializing each client and opportunity once per call: a page of 1000 rows
 * of one key account carries the same client object 1000 times.
 */
export function listRows(data: DemoData, slots: Iterable<number>, now: number): WireRow[] {
  const clients = new Map<number, WireRow>()
  const opportunities = new Map<number, WireRow>()
  const rows: WireRow[] = []
  for (const slot of slots) {
    const clientIndex = data.records.client[slot] ?? -1
    const client = data.clients[clientIndex] as Client
    let clientWire = clients.get(clientIndex)
    if (!clientWire) clients.set(clientIndex, (clientWire = clientRow(client, now)))
    const opportunityIndex = data.records.opportunityAt(slot)
    let opportunityWire: WireRow | undefined
    if (opportunityIndex !== undefined) {
      opportunityWire = opportunities.get(opportunityIndex)
      if (!opportunityWire) {
        opportunityWire = opportunityRow(data.opportunities[opportunityIndex] as Opportunity, client)
        opportunities.set(opportunityIndex, opportunityWire)
      }
    }
    rows.push(recordRow(data, slot, { client: clientWire, opportunity: opportunityWire }))
  }
  return rows
}

/** The detail answer: no embedded objects, `cle_id` as an integer. */
export function detailRow(data: DemoData, slot: number): WireRow {
  return recordRow(data, slot, undefined)
}

/**
 * The app's view of wire rows: every BigInt id as its exact decimal string. Objects shared between
 * rows (the embedded client) stay shared, so converting a large set does not multiply them.
 */
export function withIdStrings(rows: WireRow[]): FollowupRecord[] {
  const converted = new Map<object, unknown>()
  const convert = (value: unknown): unknown => {
    if (typeof value === 'bigint') return String(value)
    if (value === null || typeof value !== 'object') return value
    let copy = converted.get(value)
    if (copy === undefined) {
      copy = Array.isArray(value)
        ? value.map(convert)
        : Object.fromEntries(Object.entries(value).map(([key, field]) => [key, convert(field)]))
      converted.set(value, copy)
    }
    return copy
  }
  return rows.map((row) => convert(row) as FollowupRecord)
}
