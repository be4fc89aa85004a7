import { describe, expect, it } from 'vitest'
import { builderConfigFor, platformsFromArgs, RELEASE_FUSES } from '../../../../scripts/builder-config'

describe('builderConfigFor', () => {
  it('leaves dev and test builds alone: no fuses, no update feed', () => {
    expect(builderConfigFor({})).toEqual({})
    expect(builderConfigFor({ RELEASE: '0', UPDATE_URL: '  ' })).toEqual({})
  })

  it('flips the fuses on release builds only', () => {
    expect(builderConfigFor({ RELEASE: '1' })).toEqual({ electronFuses: RELEASE_FUSES })
    expect(RELEASE_FUSES).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    })
  })

  it('bakes in a generic update feed when UPDATE_URL is given', () => {
    expect(builderConfigFor({ UPDATE_URL: 'https://updates.example.com/ecrm/' })).toEqual({
      publish: [{ provider: 'generic', url: 'https://updates.example.com/ecrm/' }],
    })
  })
})

describe('platformsFromArgs', () => {
  it('builds for the current OS without flags', () => {
    expect(platformsFromArgs([], 'linux')).toEqual({ linux: [] })
    expect(platformsFromArgs([], 'win32')).toEqual({ win: [] })
    expect(platformsFromArgs([], 'darwin')).toEqual({ mac: [] })
  })

  it('takes platform flags, each with optional target names', () => {
    expect(platformsFromArgs(['--linux', 'dir'], 'darwin')).toEqual({ linux: ['dir'] })
    expect(platformsFromArgs(['--win', '--mac', 'dmg', 'zip'], 'linux')).toEqual({ win: [], mac: ['dmg', 'zip'] })
  })

  it('refuses anything else', () => {
    expect(() => platformsFromArgs(['--publish'], 'linux')).toThrow(/unknown argument/)
    expect(() => platformsFromArgs(['nsis'], 'linux')).toThrow(/unknown argument/)
  })
})
