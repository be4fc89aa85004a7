/**
 * Which cache the signed-in account uses, kept from one start to the next: renderer/public/
 * prewarm-cache.js opens it while the app's bundle loads, and the first screen (src/first-paint)
 * pictures its newest rows. Forgotten when the cache is closed at sign-out, since the next start
 * then begins at sign-in. Only the database name is kept, which is on disk anyway.
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
