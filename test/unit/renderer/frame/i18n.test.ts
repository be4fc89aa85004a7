import { describe, expect, it } from 'vitest'
import { appMessages } from '../../../../renderer/src/i18n/app'
import { i18n, setLocale } from '../../../../renderer/src/i18n'
import { useFrameTestEnvironment } from './support'

useFrameTestEnvironment()

/** Every leaf key path of a message tree. */
const keys = (tree: object, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([key, value]) => (typeof value === 'object' && value !== null ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`]))

describe('the frame’s messages', () => {
  it('exist in both languages with the same keys', () => {
    expect(keys(appMessages.en).sort()).toEqual(keys(appMessages['zh-CN']).sort())
  })

  it('are all compiled without error (no stray plural bars or braces)', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      setLocale(locale)
      for (const key of keys(appMessages[locale])) {
        const text = i18n.global.t(key, { n: 2, field: 'x', message: 'm', time: 't', id: '1', account: 'a', fetched: 1, total: 2, rate: 3 }, 2)
        expect(text, `${locale} ${key}`).not.toBe(key)
        expect(text, `${locale} ${key}`).not.toMatch(/[{}]/)
      }
    }
  })

  it('remembers the chosen language and tells the document', () => {
    setLocale('en')
    expect(localStorage.getItem('ecrm.locale')).toBe('en')
    expect(document.documentElement.lang).toBe('en')
    expect(i18n.global.t('app.name')).toBe('E-CRM Follow-ups')
    expect(document.title).toBe('E-CRM Follow-ups')
    setLocale('zh-CN')
    expect(document.documentElement.lang).toBe('zh-CN')
    expect(i18n.global.t('app.name')).toBe('E-CRM 跟进记录')
  })
})
