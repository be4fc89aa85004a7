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
function coded(key: string, prng: Prng, options: readonly Option[], fillRate: number): FieldValues {
  const option = prng.chance(fillRate) ? prng.pick(options) : undefined
  return { [key]: option?.id ?? 0, [`${key}_name`]: option?.name ?? '' }
}

/** A multi-value field: an array of codes with a joined `_name`. */
function multi(key: string, codes: readonly (string | number)[], name: string): FieldValues {
  return { [key]: codes, [`${key}_name`]: name }
}

const EMPTY_MULTI = (key: string): FieldValues => multi(key, [], '')

/** The fields the document shows between `last_contact_time` and `original_id`. */
export function tenantFields(seed: number, cleName: string, pinyin: string, createTime: number): FieldValues {
  const prng = createPrng(seed)
  const store = prng.chance(0.3) ? prng.pick(STORES) : undefined
  const city = prng.chance(0.6) ? prng.pick(CITIES) : undefined
  const channel = prng.chance(0.3) ? prng.pick(CHANNELS) : undefined
  const interests = INTEREST_OPTIONS.filter(() => prng.chance(0.3))
  const hasLandline = prng.chance(0.4)
  return {
    ...multi('datasource_7093156213468614657', store ? [store.code] : [], store?.name ?? ''),
    ...EMPTY_MULTI('datasource_7093156217541283841'),
    input_7093156219764262913: prng.chance(0.7) ? prng.pick(JOB_TITLES) : '',
    textarea_7093156221449322497: prng.chance(0.3) ? `${cleName}，老客户介绍，关注售后响应速度。` : '',
    ...coded('select_7093156223370313729', prng, INDUSTRY_OPTIONS, 0.8),
    ...coded('radio_7093156225870118913', prng, SIZE_OPTIONS, 0.7),
    ...multi(
      'checkbox_7093156227564617729',
      interests.map((option) => option.id),
      interests.map((option) => option.name).join(','),
    ),
    datetime_7093156229439471617: prng.chance(0.4) ? createTime + prng.between(1, 400) * 86400 : 0,
    ...(channel ? multi('cascade_7093156231280771073', channel.codes, channel.name) : EMPTY_MULTI('cascade_7093156231280771073')),
    ...(city ? multi('city_7093156233054961665', city.codes, city.name) : EMPTY_MULTI('city_7093156233054961665')),
    telephone_7093156235068227585: hasLandline ? `027-8${prng.between(1000000, 9999999)}` : '',
    email_7093156236932595713: prng.chance(0.5) ? `${pinyin.replace(/[^a-z0-9]/g, '') || 'contact'}@${prng.pick(['163.com', 'qq.com', 'example.cn'])}` : '',
    number_7093156238928891905: prng.chance(0.5) ? prng.between(5, 2000) : 0,
    attachment_7093156240857554945: [],
  }
}

/** The document has one more tenant select after `update_department_name`; kept there for fidelity. */
export function trailingTenantFields(seed: number): FieldValues {
  return coded('select_7093161432881225729', createPrng(seed ^ 0x5bd1e995), INDUSTRY_OPTIONS.slice(0, 3), 0.5)
}
