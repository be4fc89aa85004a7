/**
 * The follow-up record (跟进记录) as the app holds it: every 64-bit id is an exact decimal string.
 * Shared by main and renderer; plain types only, no runtime imports.
 */

/** A 64-bit id written in decimal. Never a JS number: those lose precision past 2^53. */
export type IdString = string

export interface RecordType {
  id: number
  dic_name: string
}

/** The client (客户) embedded in list rows. Tenant-defined fields (`input_<id>`, `select_<id>_name`, ...) vary. */
export interface ClientInfo {
  _id: IdString
  id: IdString
  cle_name: string
  cle_phone?: string
  cle_pinyin?: string
  cle_grade?: number
  cle_grade_name?: string
  cle_type_name?: string
  cle_source_name?: string
  sale_charge_user_name?: string
  [field: string]: unknown
}

/** The opportunity (商机) embedded in list rows. */
export interface OpportunityInfo {
  _id: IdString
  id: IdString
  opty_name: string
  opty_stage_name?: string
  cle_id: IdString
  [field: string]: unknown
}

export interface FollowupRecord {
  _id: IdString
  id: IdString
  cle_id: IdString
  opty_id?: IdString
  record_type: number
  record_type_name?: string
  /** Original content: HTML written by other users. Sanitize before display. */
  record_content: string
  record_content_name?: string
  cle_name?: string
  /** Unix seconds. */
  create_time: number
  update_time?: number
  create_user_id?: number
  create_user_name?: string
  create_role_id?: number
  create_role_name?: string
  create_department_id?: number
  create_department_name?: string
  update_user_id?: number
  update_user_name?: string
  update_department_id?: number
  update_department_name?: string | number
  vcc_id?: number
  /** Present in list rows only. */
  client?: ClientInfo
  /** Present in list rows of records added on an opportunity. */
  opportunity?: OpportunityInfo
  [field: string]: unknown
}

export interface RecordPage {
  cursor: string
  total: number
  rows: FollowupRecord[]
}

export interface ListQuery {
  cursor?: string
  page_size?: number
  sort?: string
  order?: 'asc' | 'desc'
  cle_name?: string
  cle_id?: string
  cle_phone?: string
  create_time?: string
  record_content_name?: string
}

export interface NewRecordInput {
  cle_id: IdString
  opty_id?: IdString
  record_type: number
  record_content: string
}
