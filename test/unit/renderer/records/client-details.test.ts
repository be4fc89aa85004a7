import { describe, expect, it } from 'vitest'
import type { CachedClient } from '../../../../renderer/src/db/types'
import { clientFieldLines } from '../../../../renderer/src/records/client-fields'
import { matchClients, toSearchEntry } from '../../../../renderer/src/records/client-match'
import { loadPinyin } from '../../../../renderer/src/search/pinyin'

// Client names are read as pinyin: the app loads pinyin-pro before it reads any (search/pinyin.ts).
await loadPinyin()

const client = (id: string, name: string, phone: string, pinyin?: string): CachedClient => ({
  _id: id,
  id,
  cle_name: name,
  cle_phone: phone,
  ...(pinyin ? { cle_pinyin: pinyin } : {}),
  updated: 0,
})

describe('the client card', () => {
  it('lists standard fields, then tenant fields by their readable value, skipping empty ones', () => {
    const lines = clientFieldLines(
      {
        ...client('6471994196060471873', '张伟', '13812345678'),
        cle_grade_name: 'A级',
        cle_type_name: '',
        sale_charge_user_name: '8001 张三',
        input_7093156219764262913: '采购经理',
        textarea_7093156221449322497: '',
        select_7093156223370313729: 3,
        select_7093156223370313729_name: '互联网',
        radio_7093156225870118913: 0,
        radio_7093156225870118913_name: '',
        city_7093156233054961665: ['420000', '420100'],
        city_7093156233054961665_name: '湖北省/武汉市',
        number_7093156238928891905: 0,
        datetime_7093156229439471617: 1_750_000_000,
        attachment_7093156240857554945: [],
        email_7093156236932595713: 'zhangwei@163.com',
      },
      (unix) => `date(${unix})`,
    )
    expect(lines).toEqual([
      { key: 'cle_phone', label: 'fields.phone', value: '13812345678' },
      { key: 'cle_grade_name', label: 'fields.grade', value: 'A级' },
      { key: 'sale_charge_user_name', label: 'fields.owner', value: '8001 张三' },
      { key: 'input_7093156219764262913', label: 'kinds.input', value: '采购经理' },
      { key: 'select_7093156223370313729', label: 'kinds.select', value: '互联网' },
      { key: 'city_7093156233054961665', label: 'kinds.city', value: '湖北省/武汉市' },
      { key: 'datetime_7093156229439471617', label: 'kinds.datetime', value: 'date(1750000000)' },
      { key: 'email_7093156236932595713', label: 'kinds.email', value: 'zhangwei@163.com' },
    ])
  })
})

describe('the client picker', () => {
  const entries = [
    client('6471994196060471873', '张伟', '13812345678', 'zhangwei'),
    client('6471994196060471874', '上海恒达科技有限公司', '13900001111', 'shanghaihengdakejiyouxiangongsi'),
    client('6471994196060471875', '武汉光谷门店', '15012349876'),
    client('6471994196060471876', '李先生', '18600002222', 'lixiansheng'),
  ].map(toSearchEntry)
  const names = (query: string) => matchClients(entries, query).map((e) => e.name)

  it('finds clients by part of the name', () => {
    expect(names('恒达')).toEqual(['上海恒达科技有限公司'])
    expect(names('张')).toEqual(['张伟'])
  })

  it('finds clients by phone digits (3 or more)', () => {
    expect(names('1234')).toEqual(['张伟', '武汉光谷门店'])
    expect(names('139 0000')).toEqual(['上海恒达科技有限公司'])
    expect(names('12')).toEqual([])
  })

  it('finds clients by pinyin initials and full pinyin, computing pinyin the CRM did not store', () => {
    expect(names('zw')).toEqual(['张伟'])
    expect(names('ZhangW')).toEqual(['张伟'])
    expect(names('hdkj')).toEqual(['上海恒达科技有限公司'])
    expect(names('whgg')).toEqual(['武汉光谷门店'])
  })

  it('reads a name as the CRM spells it (沌口 is zhuankou)', () => {
    const store = toSearchEntry(client('1', '武汉沌口门店', '', 'wuhanzhuankoumendian'))
    expect(matchClients([store], 'whzk').map((e) => e.name)).toEqual(['武汉沌口门店'])
  })

  it('finds a client by its pasted 19-digit id', () => {
    expect(names('6471994196060471876')).toEqual(['李先生'])
  })

  it('ranks name matches before pinyin matches, and caps the list', () => {
    const more = [...entries, ...['Li 公司'].map((name, i) => toSearchEntry(client(`1${i}`, name, '')))]
    expect(matchClients(more, 'li').map((e) => e.name)).toEqual(['Li 公司', '李先生'])
    expect(matchClients(entries, '', 2)).toHaveLength(2)
  })
})
