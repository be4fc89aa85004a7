import { describe, expect, it } from 'vitest'
import { isPermissionGranted } from '../../../../electron/main/security/permissions'
import { APP_ORIGIN, isTrustedSenderFrame, isTrustedSenderUrl } from '../../../../electron/main/security/sender'

describe('isTrustedSenderUrl', () => {
  it('trusts our packaged page', () => {
    expect(isTrustedSenderUrl(`${APP_ORIGIN}/index.html`)).toBe(true)
    expect(isTrustedSenderUrl('app://renderer/index.html#/records')).toBe(true)
  })

  it.each([
    ['file:///app/out/renderer/index.html'],
    ['https://evil.example/'],
    ['http://localhost:5173/'],
    ['app://other/index.html'],
    ['app://renderer.evil/index.html'],
    ['devtools://devtools/bundled/inspector.html'],
    ['chrome-extension://abc/page.html'],
    ['about:blank'],
    ['data:text/html,hi'],
    ['not a url'],
    [''],
    [undefined],
  ])('refuses %j', (url) => {
    expect(isTrustedSenderUrl(url)).toBe(false)
  })

  it('trusts the dev server only when running from it, and only its exact origin', () => {
    expect(isTrustedSenderUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true)
    expect(isTrustedSenderUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false)
    expect(isTrustedSenderUrl('http://127.0.0.1:5173/', 'http://localhost:5173')).toBe(false)
  })
})

describe('isTrustedSenderFrame', () => {
  const top = { url: 'app://renderer/index.html', parent: null }

  it('trusts our top-level frame', () => {
    expect(isTrustedSenderFrame(top)).toBe(true)
  })

  it('refuses a subframe, even one of ours', () => {
    expect(isTrustedSenderFrame({ url: 'app://renderer/index.html', parent: top })).toBe(false)
  })

  it('refuses a destroyed frame and a foreign top-level frame', () => {
    expect(isTrustedSenderFrame(null)).toBe(false)
    expect(isTrustedSenderFrame(undefined)).toBe(false)
    expect(isTrustedSenderFrame({ url: 'https://evil.example/', parent: null })).toBe(false)
  })
})

describe('isPermissionGranted', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'display-capture', 'midiSysex', 'hid', 'serial', 'usb', 'openExternal', 'fullscreen', 'unknown'])(
    'refuses %s even to our page',
    (permission) => {
      expect(isPermissionGranted(permission, 'app://renderer/index.html')).toBe(false)
    },
  )

  it('grants clipboard writes to our page only', () => {
    expect(isPermissionGranted('clipboard-sanitized-write', 'app://renderer/index.html')).toBe(true)
    expect(isPermissionGranted('clipboard-sanitized-write', 'https://evil.example/')).toBe(false)
    expect(isPermissionGranted('clipboard-sanitized-write', undefined)).toBe(false)
  })
})
