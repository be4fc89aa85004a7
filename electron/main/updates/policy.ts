export interface UpdateCheckContext {
  /** app.isPackaged: dev runs (electron-vite dev/preview, e2e against out/) never update. */
  isPackaged: boolean
  /** The feed baked in at build time (UPDATE_URL), if any. */
  url: string | undefined
  env: Record<string, string | undefined>
}

/** Loopback feeds are allowed over plain http, for trying an update server on one's own machine. */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * Whether the shell may start electron-updater: only in an installed build that was given a feed,
 * only over https (the feed's latest.yml carries the checksums, so it must not be forgeable on the
 * way), and never under CI, e2e or when the user's admin turned it off.
 */
export function shouldCheckForUpdates({ isPackaged, url, env }: UpdateCheckContext): boolean {
  if (!isPackaged || !url) return false
  if (env['ECRM_DISABLE_UPDATES'] === '1' || env['E2E_ELECTRON'] === '1' || env['CI']) return false
  let feed: URL
  try {
    feed = new URL(url)
  } catch {
    return false
  }
  if (feed.username || feed.password) return false
  return feed.protocol === 'https:' || (feed.protocol === 'http:' && LOOPBACK_HOSTS.has(feed.hostname))
}

/**
 * The feed URL from the app-update.yml that electron-builder writes into the resources folder when
 * a build is given UPDATE_URL (scripts/dist.ts). A flat `key: value` file; only the generic
 * provider is ours.
 */
export function readUpdateUrl(appUpdateYml: string | undefined): string | undefined {
  if (!appUpdateYml) return undefined
  const fields = new Map<string, string>()
  for (const line of appUpdateYml.split(/\r?\n/)) {
    const match = /^([A-Za-z]+):\s*(.*?)\s*$/.exec(line)
    if (match?.[1] && match[2] !== undefined) fields.set(match[1], match[2].replace(/^(['"])(.*)\1$/, '$2'))
  }
  return fields.get('provider') === 'generic' ? fields.get('url') || undefined : undefined
}
