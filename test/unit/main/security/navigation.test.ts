import { describe, expect, it } from 'vitest'
import { isSafeExternalUrl } from '../../../../electron/main/security/external-url'
import { decideNavigation } from '../../../../electron/main/security/navigation'

describe('isSafeExternalUrl', () => {
  it.each([
    'https://www.example.com/',
    'http://example.com/path?q=客户#top',
    'https://例子.公司/跟进',
    'https://example.com:8443/a',
  ])('allows the web link %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true)
  })

  it.each([
    ['file:///etc/passwd'],
    ['javascript:alert(1)'],
    ['JavaScript:alert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['vbscript:msgbox(1)'],
    ['mailto:boss@example.com'],
    ['smb://server/share'],
    ['ms-msdt:/id PCWDiagnostic'],
    ['search-ms:query=x'],
    ['ecrm://open'],
    ['app://renderer/index.html'],
    ['https://user:pass@example.com/'],
    ['https://user@example.com/'],
    ['https://example.com/\n'],
    ['https://exa\tmple.com/'],
    [' https://example.com/'],
    ['//example.com/'],
    ['example.com'],
    [''],
    ['https://' + 'a'.repeat(3000) + '.com/'],
    [undefined],
    [42],
  ])('refuses %j', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false)
  })
})

describe('decideNavigation', () => {
  it('never navigates in the app, and sends web links to the system browser', () => {
    expect(decideNavigation('https://example.com/')).toEqual({ allowInApp: false, openExternally: 'https://example.com/' })
  })

  it('drops everything else, our own pages included', () => {
    expect(decideNavigation('file:///C:/Windows/System32/calc.exe')).toEqual({ allowInApp: false })
    expect(decideNavigation('app://renderer/other.html')).toEqual({ allowInApp: false })
    expect(decideNavigation('javascript:void(0)')).toEqual({ allowInApp: false })
  })
})
