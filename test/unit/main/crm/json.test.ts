import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { isInt64String, parseJson, stringifyJson, toJsonInt64 } from '../../../../electron/main/crm/json'
import { SEED_DOCUMENT, jsonBlockTexts } from '../demo/seed-document'

const seed = readFileSync(SEED_DOCUMENT, 'utf8')

function block(containing: string): string {
  const found = jsonBlockTexts(seed).find((b) => b.includes(containing))
  if (!found) throw new Error(`no example containing ${containing}`)
  return found
}

interface Obj {
  [key: string]: unknown
}

const INT64_MAX = '9223372036854775807'
const INT64_MIN = '-9223372036854775808'

describe('parseJson', () => {
  const seedIds = [...new Set(seed.match(/(?<![\w])\d{19}(?!\d)/g) ?? [])]

  it('finds the 19-digit ids of the seed document', () => {
    // records, client, opportunity, the lossy create `_id`, the two delete ids
    expect(seedIds.length).toBeGreaterThanOrEqual(7)
    for (const id of ['6471994196059471873', '6471994225851613185', '6470844909275561985', '6471982131139821569', '6471994196059472000', '6454980244729479169', '6454980230145884161']) {
      expect(seedIds).toContain(id)
    }
  })

  it.each(seedIds)('round-trips seed id %s exactly, as number or string, in every id field', (id) => {
    const text = `{"_id":${id},"id":"${id}","cle_id":${id},"opty_id":"${id}","other":${id},"rows":[{"id":${id}}]}`
    const parsed = parseJson(text) as Obj
    expect(parsed).toEqual({ _id: id, id, cle_id: id, opty_id: id, other: id, rows: [{ id }] })
    const out = stringifyJson({ ids: [toJsonInt64(id)], cle_id: toJsonInt64(parsed.cle_id as string) })
    expect(out).toBe(`{"ids":[${id}],"cle_id":${id}}`)
    expect(parseJson(out)).toEqual({ ids: [id], cle_id: id })
  })

  it.each([INT64_MAX, INT64_MIN])('round-trips the int64 limit %s', (id) => {
    expect(parseJson(`{"_id":${id},"n":${id}}`)).toEqual({ _id: id, n: id })
    expect(stringifyJson({ ids: [toJsonInt64(id)] })).toBe(`{"ids":[${id}]}`)
  })

  it('parses the list example: ids exact at every depth, cle_id string as in the rows', () => {
    const answer = parseJson(block('"cursor"')) as { data: { rows: Obj[]; total: number; cursor: string } }
    const [first, second] = answer.data.rows
    expect(answer.data.total).toBe(2)
    expect(first).toMatchObject({
      _id: '6471994196059471873',
      id: '6471994196059471873',
      opty_id: '6471982131139821569',
      cle_id: '6470844909275561985',
      record_type: 36,
      create_time: 1543043660,
      update_department_name: '公司',
    })
    expect(second?._id).toBe('6471994225851613185')
    const client = first?.client as Obj
    expect(client._id).toBe('6470844909275561985')
    expect(client.id).toBe('6470844909275561985')
    // Tenant fields: int64s in the NAMES stay untouched; values keep their types.
    expect(client.input_6470108518023413761).toBe('默认值测试')
    expect(client.select_6470108723137462273).toBe(2)
    expect(client.select_6470108723137462273_name).toBe('222222222222222')
    expect(client.datasource_6470223215527706625).toEqual(['230101'])
    expect(client.update_department_name).toBe(0)
    expect(Object.keys(client)).toContain('textarea_6470108592325509121')
    const opportunity = first?.opportunity as Obj
    expect(opportunity).toMatchObject({ _id: '6471982131139821569', id: '6471982131139821569', cle_id: '6470844909275561985' })
  })

  it('parses the detail example: cle_id a number there, a string here', () => {
    const answer = parseJson(block('"cle_id": 6470844909275561985,\n"record_content"')) as { data: Obj }
    expect(answer.data).toMatchObject({ _id: '6471994196059471873', id: '6471994196059471873', cle_id: '6470844909275561985', opty_id: '6471982131139821569' })
  })

  it('parses the create answer: `id` exact; `_id` is the lossy literal, kept verbatim', () => {
    const answer = parseJson(block('"6471994196059471873",\n"_id"')) as { data: Obj }
    expect(answer.data).toEqual({ id: '6471994196059471873', _id: '6471994196059472000' })
    expect(answer.data.id).not.toBe(answer.data._id)
  })

  it('parses the record types example with small ids', () => {
    const answer = parseJson(block('"dic_name"')) as { data: Obj[] }
    expect(answer.data[0]).toEqual({ id: '36', dic_name: '系统自动' })
  })

  it('turns other integers beyond 2^53 into strings and leaves other numbers alone', () => {
    expect(parseJson('{"a":9007199254740993,"b":9007199254740991,"c":1543043660.1234567,"d":-12.5,"e":1e16,"f":1234567890123456}')).toEqual({
      a: '9007199254740993',
      b: 9007199254740991,
      c: 1543043660.1234567,
      d: -12.5,
      e: '10000000000000000',
      f: 1234567890123456,
    })
  })

  it('keeps id fields that are not numbers as they are', () => {
    expect(parseJson('{"id":null,"opty_id":"","cle_id":"abc"}')).toEqual({ id: null, opty_id: '', cle_id: 'abc' })
  })

  it('drops __proto__ keys and returns ordinary objects', () => {
    const parsed = parseJson('{"__proto__":{"polluted":true},"a":{"__proto__":{"x":1},"constructor":{"prototype":{"y":2}}}}') as Obj
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype)
    expect(Object.keys(parsed)).toEqual(['a'])
    expect((parsed as { polluted?: unknown }).polluted).toBeUndefined()
    expect(({} as { polluted?: unknown; y?: unknown }).polluted).toBeUndefined()
    expect(({} as { y?: unknown }).y).toBeUndefined()
    expect(Object.assign({}, parsed.a)).not.toHaveProperty('x')
  })

  it('leaves long digit runs inside strings, fractions and exponents alone', () => {
    const text =
      '{"record_content":"报价单号:6471994196059471873, \\"6470844909275561985\\"","rate":0.12345678901234567,' +
      '"big":-6470844909275561985,"exp":12345678901234567e2,"safe":1234567890123456,"list":[6470844909275561985]}'
    expect(parseJson(text)).toEqual({
      record_content: '报价单号:6471994196059471873, "6470844909275561985"',
      rate: Number('0.12345678901234567'),
      big: '-6470844909275561985',
      // An integer beyond 2^53 written with an exponent was never exact: a string like the others.
      exp: BigInt(Number('12345678901234567e2')).toString(),
      safe: 1234567890123456,
      list: ['6470844909275561985'],
    })
  })

  it('throws a real SyntaxError on invalid or truncated JSON', () => {
    expect(() => parseJson('{"code":200,"data":{"rows":[')).toThrow(SyntaxError)
    expect(() => parseJson('<html>')).toThrow(SyntaxError)
  })
})

describe('toJsonInt64 / stringifyJson', () => {
  it('accepts exactly the int64 range', () => {
    expect(isInt64String(INT64_MAX)).toBe(true)
    expect(isInt64String(INT64_MIN)).toBe(true)
    for (const bad of ['9223372036854775808', '-9223372036854775809', '12345678901234567890', '', '1.5', '1e3', ' 1', '0x10', '+1']) {
      expect(isInt64String(bad)).toBe(false)
      expect(() => toJsonInt64(bad)).toThrow(RangeError)
    }
    expect(() => toJsonInt64(Number('6454980244729479169') as unknown as string)).toThrow(RangeError)
  })

  it('writes the delete body of the document exactly', () => {
    const body = stringifyJson({ ids: ['6454980244729479169', '6454980230145884161'].map(toJsonInt64) })
    expect(body).toBe('{"ids":[6454980244729479169,6454980230145884161]}')
  })

  it('writes the create body with exact ids and escaped text', () => {
    const body = stringifyJson({
      cle_id: toJsonInt64('6470844909275561985'),
      opty_id: toJsonInt64('6471982131139821569'),
      record_type: 36,
      record_content: '<p>跟进 "记录"</p>',
    })
    expect(body).toBe('{"cle_id":6470844909275561985,"opty_id":6471982131139821569,"record_type":36,"record_content":"<p>跟进 \\"记录\\"</p>"}')
  })

  it('refuses JS numbers that have already lost precision', () => {
    expect(() => stringifyJson({ cle_id: Number('6470844909275561985') })).toThrow(RangeError)
    expect(stringifyJson({ n: Number.MAX_SAFE_INTEGER })).toBe('{"n":9007199254740991}')
  })
})
