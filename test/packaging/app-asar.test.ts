import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { listPackage } from '@electron/asar'
import { FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses'
import { build } from 'electron-builder'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { builderConfigFor } from '../../scripts/builder-config'

const ROOT = resolve(import.meta.dirname, '../..')
const ELECTRON_VERSION: string = JSON.parse(await readFile(join(ROOT, 'node_modules/electron/package.json'), 'utf8')).version
const PACKAGE = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }

/** @electron/fuses finds the fuse wire after this marker in the Electron binary. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
/** Electron's own defaults, in wire order: runAsNode 1, cookieEncryption 0, nodeOptions 1, cliInspect 1, asarIntegrity 0, onlyAsar 0, v8Snapshot 0, fileProtocol 1. */
const DEFAULT_WIRE = '10110001'

/**
 * A stand-in for the Electron distribution: an executable named `electron` carrying a fuse wire,
 * so electron-builder packages and flips fuses without downloading anything.
 */
async function makeElectronStandIn(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true })
  const binary = Buffer.concat([
    Buffer.from('#!/bin/sh\nexit 0\n'),
    Buffer.from(FUSE_SENTINEL, 'ascii'),
    Buffer.from([1, DEFAULT_WIRE.length]),
    Buffer.from(DEFAULT_WIRE, 'ascii'),
  ])
  await writeFile(join(dir, 'electron'), binary)
  await chmod(join(dir, 'electron'), 0o755)
  await writeFile(join(dir, 'version'), ELECTRON_VERSION)
  await mkdir(join(dir, 'locales'))
  for (const locale of ['en-US', 'zh-CN', 'de', 'ja']) await writeFile(join(dir, 'locales', `${locale}.pak`), locale)
}

describe('the packaged app (electron-builder --linux dir, release configuration)', () => {
  let work: string
  let appDir: string
  let files: string[]

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'out/main/index.js'))) throw new Error('out/ is missing: run `npm run build` first (npm test does)')
    work = await mkdtemp(join(tmpdir(), 'ecrm-pack-'))
    const electronDist = join(work, 'electron-dist')
    await makeElectronStandIn(electronDist)
    const output = join(work, 'dist')
    await build({
      projectDir: ROOT,
      linux: ['dir'],
      publish: 'never',
      config: {
        ...builderConfigFor({ RELEASE: '1', UPDATE_URL: 'https://updates.example.com/ecrm/' }),
        electronDist,
        electronVersion: ELECTRON_VERSION,
        directories: { output },
      },
    })
    appDir = join(output, 'linux-unpacked')
    files = listPackage(join(appDir, 'resources/app.asar'), { isPack: false }).map((file) => file.replace(/\\/g, '/'))
  })

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true })
  })

  it('holds the built main, preload and renderer', () => {
    expect(files).toContain('/out/main/index.js')
    expect(files).toContain('/out/preload/index.cjs')
    expect(files).toContain('/out/renderer/index.html')
    expect(files.some((f) => /^\/out\/renderer\/assets\/.+\.js$/.test(f))).toBe(true)
    expect(files).toContain('/package.json')
  })

  it('holds every production dependency', () => {
    const dependencies = Object.keys(PACKAGE.dependencies)
    expect(dependencies).toEqual(expect.arrayContaining(['undici', 'json-bigint', 'zod', 'electron-log', 'electron-updater']))
    for (const name of dependencies) expect(files, name).toContain(`/node_modules/${name}/package.json`)
  })

  it('holds no devDependency', () => {
    for (const name of ['vue', 'vite', 'vitest', 'electron', 'typescript', 'electron-builder', 'electron-vite', 'dexie', 'pinia', 'playwright-core', 'eslint', '@doyensec/electronegativity']) {
      expect(files, name).not.toContain(`/node_modules/${name}/package.json`)
    }
  })

  it('holds no source maps, TypeScript sources, tests or sources outside out/', () => {
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([])
    expect(files.filter((f) => /\.(ts|mts|cts|tsx|vue)$/.test(f))).toEqual([])
    expect(files.filter((f) => /(\.test|\.spec)\.[cm]?js$/.test(f) || f.startsWith('/test/'))).toEqual([])
    expect(files.filter((f) => /^\/(electron|renderer|scripts|build|test)\//.test(f))).toEqual([])
  })

  it('flipped the release fuses on the Electron binary', async () => {
    const wire = await getCurrentFuseWire(join(appDir, 'ecrm-followups'))
    const state = (fuse: FuseV1Options) => String.fromCharCode(wire[fuse] as number)
    expect(wire.version).toBe(FuseVersion.V1)
    expect(state(FuseV1Options.RunAsNode)).toBe('0')
    expect(state(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe('0')
    expect(state(FuseV1Options.EnableNodeCliInspectArguments)).toBe('0')
    expect(state(FuseV1Options.OnlyLoadAppFromAsar)).toBe('1')
    expect(state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe('1')
    expect(state(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe('0')
  })

  it('keeps only the Chromium locales of the two app languages', async () => {
    expect((await readdir(join(appDir, 'locales'))).sort()).toEqual(['en-US.pak', 'zh-CN.pak'])
  })

  it('baked the update feed into app-update.yml', async () => {
    const yml = await readFile(join(appDir, 'resources/app-update.yml'), 'utf8')
    expect(yml).toMatch(/^provider: generic$/m)
    expect(yml).toMatch(/^url: https:\/\/updates\.example\.com\/ecrm\/?$/m)
  })
})
