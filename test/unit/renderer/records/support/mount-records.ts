/**
 * Mounting record components as the app does: a real Pinia cache store whose `db` is a fresh
 * fake-IndexedDB cache, vue-i18n with the record messages, and Naive UI's message and dialog
 * providers around the component.
 */
import { mount, type ComponentMountingOptions } from '@vue/test-utils'
import { NDialogProvider, NMessageProvider } from 'naive-ui'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { defineComponent, h, type Component } from 'vue'
import { createI18n, type I18n } from 'vue-i18n'
import type { AccountSummary } from '../../../../../electron/shared/ipc'
import type { CacheDb } from '../../../../../renderer/src/db/schema'
import { recordsMessages } from '../../../../../renderer/src/i18n/records'
import { useCacheStore } from '../../../../../renderer/src/stores/cache'
import type { RecordSearch } from '../../../../../renderer/src/composables/useRecordsEnv'

export const DEMO_ACCOUNT: AccountSummary = { baseUrl: 'http://127.0.0.1:8787/openapi/v1', enterpriseCode: 'demo', agentNo: '8001', demo: true }

export interface RecordsTestContext {
  pinia: Pinia
  cache: ReturnType<typeof useCacheStore>
  i18n: I18n
}

/** A Pinia with the cache store holding `db` (and optionally a search service), as when signed in. */
export function setUpCacheStore(db: CacheDb, search?: RecordSearch): RecordsTestContext {
  const pinia = createPinia()
  setActivePinia(pinia)
  const cache = useCacheStore()
  cache.db = db
  cache.account = DEMO_ACCOUNT
  // The store types `search` by the service it holds; tests hand it one of their own.
  ;(cache as unknown as { search: RecordSearch | null }).search = search ?? null
  const i18n = createI18n({ legacy: false, locale: 'zh-CN', fallbackLocale: 'en', messages: recordsMessages }) as unknown as I18n
  return { pinia, cache, i18n }
}

/** Mounts `component` inside the providers, attached to the document (Naive teleports dialogs to body). */
export function mountRecords<C extends Component>(
  component: C,
  context: RecordsTestContext,
  options: { props?: Record<string, unknown> } = {},
) {
  const Host = defineComponent({
    setup: () => () => h(NMessageProvider, () => h(NDialogProvider, () => h(component, options.props ?? {}))),
  })
  const mountOptions: ComponentMountingOptions<typeof Host> = {
    attachTo: document.body,
    global: { plugins: [context.pinia, context.i18n] },
  }
  return mount(Host, mountOptions)
}

/** Lets Dexie, live queries and Vue settle. */
export async function settle(ms = 30): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, ms / 3))
}
