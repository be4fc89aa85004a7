import { onScopeDispose } from 'vue'
import { callMain } from '../platform/bridge'

/**
 * Passes the browser's online/offline events to main's sync engine. Only a hint: main believes
 * "online" once the CRM answers, but going back online is the moment to try at once.
 */
export function useNetworkHints(): void {
  const tell = () => {
    callMain('networkHint', navigator.onLine).catch(() => undefined)
  }
  window.addEventListener('online', tell)
  window.addEventListener('offline', tell)
  onScopeDispose(() => {
    window.removeEventListener('online', tell)
    window.removeEventListener('offline', tell)
  })
}
