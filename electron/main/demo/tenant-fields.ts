/**
 * The demo tenant's custom client fields (联系人管理-系统字段管理). The vendor names them
 * `<kind>_<field id>` with a `_name` twin for coded values, and every tenant has its own ids, so
 * the app must treat them as opaque. Values derive from a per-client seed when a row is serialized,
 * which keeps the stored client small.
 */
import { createPrng, type Prng } from './prng'
import { JOB_TITLES } from './vocabulary'

type FieldValues = Record<string, unknown>

interface Option {
  id: number
  name: string
}

const INDUSTRY_OPTIONS: readonly Option[] = [
  { id: 1, name: '制造业' },
  { id: 2, name: '零售' },
  { id: 3, name: '互联网' },
  { id: 4, name: '教育' },
  { id: 5, name: '医疗' },
]
const SIZE_OPTIONS: readonly Option[] = [
  { id: 1, name: '50人以下' },
  { id: 2, name: '50-200人' },
  { id: 3, name: '200人以上' },
]
const INTEREST_OPTIONS: readonly Option[] = [
  { id: 1, name: '硬件' },
  { id: 2, name: '软件' },
  { id: 3, name: '售后服务' },
]
const STORES: readonly { code: string; name: string }[] = [
  { code: '230101', name: '武汉沌口门店' },
  { code: '230102', name: '武汉光谷门店' },
  { code: '210301', name: '上海徐汇门店' },
]
const MAIL_DOMAINS = ['163.com', 'qq.com', 'example.cn']
const CITIES: readonly { codes: string[]; name: string }[] = [
  { codes: ['420000', '420100'], name: '湖北省/武汉市' },
  { codes: ['310000', '310100'], name: '上海市/上海市' },
  { codes: ['440000', '440300'], name: '广东省/深圳市' },
  { codes: ['330000', '330100'], name: '浙江省/杭州市' },
]
const CHANNELS: readonly { codes: string[]; name: string }[] = [
  { codes: ['1', '11'], name: '线上/官网' },
  { codes: ['2', '21'], name: '线下/展会' },
]

/** A coded value with its `_name` twin; `0` and `''` when unset, as the vendor writes them. */
function setCoded(row: FieldValues, key: string, prng: Prng, options: readonly Option[], fillRate: number): void {
  const option = prng.chance(fillRate) ? prng.pick(options) : undefined
  row[key] = option?.id ?? 0
  row[`${key}_name`] = option?.name ?? ''
}

/** A multi-value field: an array of codes with a joined `_name`; `[]` and `''` when unset. */
function setMulti(row: FieldValues, key: string, value: { codes: readonly (string | number)[]; name: string } | undefined): void {
  row[key] = value ? [...value.codes] : []
  row[`${key}_name`] = value?.name ?? ''
}

/**
 * Appends the fields the document shows between `last_contact_time` and `original_id` to `row`
 * (appending keeps the document's key order without copying the row).
 */
export function appendTenantFields(row: FieldValues, seed: number, cleName: string, pinyin: string, createTime: number): void {
  const prng = createPrng(seed)
  const store = prng.chance(0.3) ? prng.pick(STORES) : undefined
  setMulti(row, 'datasource_7093156213468614657', store && { codes: [store.code], name: store.name })
  setMulti(row, 'datasource_7093156217541283841', undefined)
  row.input_7093156219764262913 = prng.chance(0.7) ? prng.pick(JOB_TITLES) : ''
  row.textarea_7093156221449322497 = prng.chance(0.3) ? `${cleName}，老客户介绍，关注售后响应速度。` : ''
  setCoded(row, 'select_7093156223370313729', prng, INDUSTRY_OPTIONS, 0.8)
  setCoded(row, 'radio_7093156225870118913', prng, SIZE_OPTIONS, 0.7)
  const interests = INTEREST_OPTIONS.filter(() => prng.chance(0.3))
  setMulti(row, 'checkbox_7093156227564617729', {
    codes: interests.map((option) => option.id),
    name: interests.map((option) => option.name).join(','),
  })
  row.datetime_7093156229439471617 = prng.chance(0.4) ? createTime + prng.between(1, 400) * 86400 : 0
  setMulti(row, 'cascade_7093156231280771073', prng.chance(0.3) ? prng.pick(CHANNELS) : undefined)
  setMulti(row, 'city_7093156233054961665', prng.chance(0.6) ? prng.pick(CITIES) : undefined)
  row.telephone_7093156235068227585 = prng.chance(0.4) ? `027-8${prng.between(1000000, 9999999)}` : ''
  row.email_7093156236932595713 = prng.chance(0.5) ? `${pinyin || 'contact'}@${prng.pick(MAIL_DOMAINS)}` : ''
  row.number_7093156238928891905 = prng.chance(0.5) ? prng.between(5, 2000) : 0
  row.attachment_7093156240857554945 = []
}

/** The document has one more tenant select after `update_department_name`; appended there for fidelity. */
export function appendTrailingTenantFields(row: FieldValues, seed: number): void {
  setCoded(row, 'select_7093161432881225729', createPrng(seed ^ 0x5bd1e995), INDUSTRY_OPTIONS.slice(0, 3), 0.5)
}
