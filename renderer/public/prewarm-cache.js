// Runs before the app's bundle: opens the cache this device used last (src/db/last-cache.ts keeps
// its name), so that IndexedDB starts up while the bundle loads and compiles, instead of after.
// On a cold start that takes the cache's own opening from ~130 ms to ~55 ms (npm run bench).
// It never creates or upgrades a database: only Dexie (src/db/schema.ts) does that.
;(function prewarmCache() {
  // The page's first script: the bench (bench/app-cold-start.ts) times the first screen from here too.
  performance.mark('renderer:first-script')
  let name = null
  try {
    name = localStorage.getItem('ecrm:last-cache')
  } catch {
    return
  }
  if (!name) return
  const request = indexedDB.open(name)
  request.onupgradeneeded = () => request.transaction.abort()
  request.onsuccess = () => request.result.close()
})()
