import { describe, expect, it, vi } from 'vitest'
import { queryTerms, splitByQuery, splitClientName } from '../../../../renderer/src/records/highlight'
import { loadPinyin } from '../../../../renderer/src/search/pinyin'

/** Parts as a compact string: matches in [brackets]. */
const show = (parts: { text: string; match: boolean }[]) => parts.map((p) => (p.match ? `[${p.text}]` : p.text)).join('')

describe('highlight splitting', () => {
  it('marks every occurrence of a CJK substring', () => {
    expect(show(splitByQuery('电话回访王经理，客户说回访时间改到下周', '回访'))).toBe('电话[回访]王经理，客户说[回访]时间改到下周')
  })

  it('is case-insensitive and keeps the original case', () => {
    expect(show(splitByQuery('发送了 CRM 报价，crm 演示', 'Crm'))).toBe('发送了 [CRM] 报价，[crm] 演示')
  })

  it('marks phone digits inside a number, also typed full-width', () => {
    expect(show(splitByQuery('13812345678', '1234'))).toBe('138[1234]5678')
    expect(show(splitByQuery('13812345678', '１２３４'))).toBe('138[1234]5678')
  })

  it('marks each word of a multi-word query, merging touching matches', () => {
    expect(show(splitByQuery('上海恒达科技有限公司', '恒达 科技'))).toBe('上海[恒达科技]有限公司')
    expect(queryTerms('  恒达   科技 恒达 ')).toEqual(['恒达', '科技'])
  })

  it('treats regular-expression characters in the query as text', () => {
    expect(show(splitByQuery('价格 (含税) 1.5 万', '(含税)'))).toBe('价格 [(含税)] 1.5 万')
    expect(show(splitByQuery('a.b', '.'))).toBe('a[.]b')
  })

  it('returns the text unmarked for an empty query or no match', () => {
    expect(splitByQuery('张伟', '')).toEqual([{ text: '张伟', match: false }])
    expect(splitByQuery('张伟', '李')).toEqual([{ text: '张伟', match: false }])
    expect(splitByQuery('', '李')).toEqual([])
  })

  it('reads a Latin query as pinyin in client names only once pinyin-pro has loaded', async () => {
    // Fresh modules: pinyin-pro not loaded yet, whatever ran before.
    vi.resetModules()
    const fresh = await import('../../../../renderer/src/records/highlight')
    const pinyin = await import('../../../../renderer/src/search/pinyin')
    expect(show(fresh.splitClientName('张伟', 'zw'))).toBe('张伟')
    expect(show(fresh.splitClientName('张伟 ABC', 'abc'))).toBe('张伟 [ABC]')
    await pinyin.loadPinyin()
    expect(show(fresh.splitClientName('张伟', 'zw'))).toBe('[张伟]')
  })

  it('reads a Latin query as pinyin in client names: initials and full', async () => {
    await loadPinyin()
    expect(show(splitClientName('张伟', 'zw'))).toBe('[张伟]')
    expect(show(splitClientName('上海恒达科技有限公司', 'hd'))).toBe('上海[恒达]科技有限公司')
    expect(show(splitClientName('上海恒达科技有限公司', 'HengDa'))).toBe('上海[恒达]科技有限公司')
    expect(show(splitClientName('武汉光谷门店', 'whgg'))).toBe('[武汉光谷]门店')
  })

  it('prefers a literal match in the name over pinyin', async () => {
    await loadPinyin()
    expect(show(splitClientName('ABC 科技', 'abc'))).toBe('[ABC] 科技')
    expect(show(splitClientName('张伟', 'xyz'))).toBe('张伟')
  })
})
