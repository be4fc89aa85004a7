import { describe, expect, it } from 'vitest'
import { readUpdateUrl, shouldCheckForUpdates } from '../../../../electron/main/updates/policy'

const FEED = 'https://updates.example.com/ecrm/'

describe('shouldCheckForUpdates', () => {
  it('checks in an installed build that has a feed', () => {
    expect(shouldCheckForUpdates({ isPackaged: true, url: FEED, env: {} })).toBe(true)
  })

  it('never checks in dev runs or tests', () => {
    expect(shouldCheckForUpdates({ isPackaged: false, url: FEED, env: {} })).toBe(false)
    expect(shouldCheckForUpdates({ isPackaged: true, url: FEED, env: { CI: 'true' } })).toBe(false)
    expect(shouldCheckForUpdates({ isPackaged: true, url: FEED, env: { E2E_ELECTRON: '1' } })).toBe(false)
  })

  it('is off when no feed was configured, or when an admin turns it off', () => {
    expect(shouldCheckForUpdates({ isPackaged: true, url: undefined, env: {} })).toBe(false)
    expect(shouldCheckForUpdates({ isPackaged: true, url: '', env: {} })).toBe(false)
    expect(shouldCheckForUpdates({ isPackaged: true, url: FEED, env: { ECRM_DISABLE_UPDATES: '1' } })).toBe(false)
  })

  it('wants https, except for a feed on this machine', () => {
    expect(shouldCheckForUpdates({ isPackaged: true, url: 'http://updates.example.com/', env: {} })).toBe(false)
    expect(shouldCheckForUpdates({ isPackaged: true, url: 'http://127.0.0.1:8080/', env: {} })).toBe(true)
    expect(shouldCheckForUpdates({ isPackaged: true, url: 'http://localhost:8080/', env: {} })).toBe(true)
    expect(shouldCheckForUpdates({ isPackaged: true, url: 'file:///srv/updates', env: {} })).toBe(false)
    expect(shouldCheckForUpdates({ isPackaged: true, url: 'https://u:p@updates.example.com/', env: {} })).toBe(false)
    expect(shouldCheckForUpdates({ isPackaged: true, url: 'not a url', env: {} })).toBe(false)
  })
})

describe('readUpdateUrl', () => {
  it('reads the generic feed electron-builder wrote', () => {
    expect(readUpdateUrl(`provider: generic\nurl: ${FEED}\nupdaterCacheDirName: ecrm-followups-updater\n`)).toBe(FEED)
    expect(readUpdateUrl(`provider: generic\r\nurl: '${FEED}'\r\n`)).toBe(FEED)
  })

  it('has no feed without the file, without a url, or for another provider', () => {
    expect(readUpdateUrl(undefined)).toBeUndefined()
    expect(readUpdateUrl('provider: generic\n')).toBeUndefined()
    expect(readUpdateUrl('provider: github\nowner: x\nrepo: y\nurl: https://example.com/\n')).toBeUndefined()
  })
})
