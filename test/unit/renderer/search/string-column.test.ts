import { describe, expect, it } from 'vitest'
import { createSlicer } from '../../../../renderer/src/search/slicer'
import { joinedCount, joinStrings, locateStrings, StringColumn } from '../../../../renderer/src/search/string-column'

const VALUES = ['张三 报价', '', '6471994196060471873', 'crm 演示', '', '回访王经理，客户说回访时间改到下周']

describe('joined strings', () => {
  it('gives back every value, empty ones too, through any piece size', async () => {
    for (const perPiece of [1, 2, 4, 100]) {
      const joined = await joinStrings(VALUES, perPiece, createSlicer())
      expect(joined.pieces).toHaveLength(Math.ceil(VALUES.length / perPiece))
      expect(joinedCount(joined)).toBe(VALUES.length)
      const column = new StringColumn(joined)
      expect(VALUES.map((_, slot) => column.at(slot))).toEqual(VALUES)
    }
  })

  it('finds the same starts in stored pieces as joining wrote', async () => {
    const joined = await joinStrings(VALUES, 4, createSlicer())
    expect(locateStrings(joined.pieces)).toEqual(joined)
    const column = new StringColumn(locateStrings(joined.pieces))
    expect(VALUES.map((_, slot) => column.at(slot))).toEqual(VALUES)
  })

  it('takes values pushed after the joined ones, and has none beyond', async () => {
    const column = new StringColumn(await joinStrings(VALUES, 4, createSlicer()))
    column.push('新的跟进')
    expect(column.length).toBe(VALUES.length + 1)
    expect(column.at(VALUES.length)).toBe('新的跟进')
    expect(column.at(VALUES.length - 1)).toBe(VALUES.at(-1))
    expect(column.at(VALUES.length + 1)).toBeUndefined()
    expect(column.at(-1)).toBeUndefined()
  })

  it('starts empty without joined values', () => {
    const column = new StringColumn()
    expect(column.length).toBe(0)
    column.push('a')
    expect(column.at(0)).toBe('a')
  })
})
