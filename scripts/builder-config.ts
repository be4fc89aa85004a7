import type { Configuration } from 'electron-builder'

/**
 * Electron fuses for release builds. Flipped by electron-builder (its `electronFuses` option,
 * applied right before signing) only when RELEASE=1: dev and test builds keep Electron's defaults
 * so that `--inspect`, ELECTRON_RUN_AS_NODE and an unpacked app folder still work there.
 */
export const RELEASE_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  onlyLoadAppFromAsar: true,
  enableEmbeddedAsarIntegrityValidation: true,
  // The renderer is served from app://, never file://.
  grantFileProtocolExtraPrivileges: false,
} satisfies NonNullable<Configuration['electronFuses']>

/**
 * What the environment adds to electron-builder.yml for one build:
 * - RELEASE=1: the fuses above.
 * - UPDATE_URL: a generic update feed. electron-builder then writes app-update.yml into the app
 *   (read by the shell's update policy) and latest*.yml next to the installers (to upload to that
 *   URL). Without it the build has no feed and the app never checks for updates.
 */
export function builderConfigFor(env: Record<string, string | undefined>): Configuration {
  const updateUrl = env['UPDATE_URL']?.trim()
  return {
    ...(env['RELEASE'] === '1' ? { electronFuses: RELEASE_FUSES } : {}),
    ...(updateUrl ? { publish: [{ provider: 'generic', url: updateUrl }] } : {}),
  }
}

const PLATFORM_FLAGS = ['--win', '--mac', '--linux'] as const
type PlatformFlag = (typeof PLATFORM_FLAGS)[number]

/**
 * `--linux`, `--win nsis`, `--mac dmg zip`...: the platforms to build and, after each, its target
 * names (none: the targets in electron-builder.yml). No flag at all: the current OS.
 */
export function platformsFromArgs(args: readonly string[], currentPlatform: string): { win?: string[]; mac?: string[]; linux?: string[] } {
  const chosen: Partial<Record<'win' | 'mac' | 'linux', string[]>> = {}
  let current: string[] | undefined
  for (const arg of args) {
    if ((PLATFORM_FLAGS as readonly string[]).includes(arg)) {
      current = chosen[(arg as PlatformFlag).slice(2) as 'win' | 'mac' | 'linux'] = []
    } else if (current && !arg.startsWith('-')) {
      current.push(arg)
    } else {
      throw new Error(`unknown argument ${arg}: use --win, --mac or --linux, each optionally followed by target names`)
    }
  }
  if (Object.keys(chosen).length > 0) return chosen
  return currentPlatform === 'win32' ? { win: [] } : currentPlatform === 'darwin' ? { mac: [] } : { linux: [] }
}
