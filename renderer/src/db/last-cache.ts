/**
 * Which cache this device opened last, for renderer/public/prewarm-cache.js: that script opens
 * it while the app's bundle is still loading and compiling, so IndexedDB is up by the time the
 * app opens the cache itself. Only the database name is kept, which is on disk anyway.
 */

/** Also spelled out in renderer/public/prewarm-cache.js, which runs before any module. */
export const LAST_CACHE_KEY = 'ecrm:last-cache'

export function rememberLastCache(name: string): void {
  try {
    localStorage.setItem(LAST_CACHE_KEY, name)
  } catch {
    // No storage (or full): the next start is only a little slower.
  }
}

export function forgetLastCache(name: string): void {
  try {
    if (localStorage.getItem(LAST_CACHE_KEY) === name) localStorage.removeItem(LAST_CACHE_KEY)
  } catch {
    // As above: nothing depends on it.
  }
}
