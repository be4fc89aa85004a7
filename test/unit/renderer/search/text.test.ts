import { beforeAll, describe, expect, it } from 'vitest'
import { loadPinyin, namePinyin } from '../../../../renderer/src/search/pinyin'
import { normalizeText, queryTerms, recordText } from '../../../../renderer/src/search/text'

describe('normalized text', () => {
  it('folds case, full-width letters and digits, and control characters', () => {
    expect(normalizeText('ＣＲＭ　１３８ Apple')).toBe('crm 138 apple')
    expect(normalizeText('a\u0000b\u0001c')).toBe('a b c')
  })

  it('splits a query on any whitespace into AND terms, dropping terms another term contains', () => {
    expect(queryTerms('  张三\u3000报价  ')).toEqual(['张三', '报价'])
    expect(queryTerms('张 张三 三')).toEqual(['张三'])
    expect(queryTerms('CRM crm')).toEqual(['crm'])
    expect(queryTerms(' \t ')).toEqual([])
  })

  it('takes a record content without its HTML when the server sent no text form', () => {
    const text = recordText({ record_content: '<p>发送<b>报价</b>&amp;合同</p>', create_user_name: '8001 张伟' })
    expect(text).toBe('发送报价&合同\n8001 张伟')
    expect(recordText({ record_content: '<p>x</p>', record_content_name: '服务器的文本' })).toBe('服务器的文本\n')
  })
})

describe('pinyin of client names', () => {
  beforeAll(loadPinyin)

  it('reads a name without stored pinyin, a leading surname as a surname', () => {
    expect(namePinyin('张三')).toEqual([{ full: 'zhangsan', initials: 'zs' }])
    expect(namePinyin('吕女士')).toEqual([{ full: 'lvnvshi', initials: 'lns' }])
    expect(namePinyin('成都Apple店')[0]).toEqual({ full: 'chengduappledian', initials: 'cdappled' })
  })

  it('keeps the surname reading of a polyphonic surname too', () => {
    expect(namePinyin('曾伟')).toEqual([
      { full: 'cengwei', initials: 'cw' },
      { full: 'zengwei', initials: 'zw' },
    ])
  })

  it("trusts the CRM's stored pinyin and takes initials from the readings that spell it", () => {
    // pinyin-pro alone reads 沌 as dun; the CRM knows the place is Zhuankou.
    expect(namePinyin('武汉沌口门店', 'wuhanzhuankoumendian')).toEqual([{ full: 'wuhanzhuankoumendian', initials: 'whzkmd' }])
    expect(namePinyin('单雄', 'ShanXiong')).toEqual([{ full: 'shanxiong', initials: 'sx' }])
    expect(namePinyin('张三（北京）', 'zhangsanbeijing')).toEqual([{ full: 'zhangsanbeijing', initials: 'zsbj' }])
  })

  it('falls back to its own initials when the stored pinyin spells something else', () => {
    expect(namePinyin('张三', 'lisi')).toEqual([{ full: 'lisi', initials: 'zs' }])
  })
})
