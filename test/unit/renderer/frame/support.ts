/**
 * Test support for the app frame: a fake main process behind `window.crm` (the DesktopBridge the
 * preload would expose), a fresh Pinia, the app's i18n reset to zh-CN, and mounting inside the
 * same Naive UI providers App.vue sets up.
 */
import { mount, type ComponentMountingOptions } from '@vue/test-utils'
import { NConfigProvider, NDialogProvider, NMessageProvider, NNotificationProvider } from 'naive-ui'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach } from 'vitest'
import { defineComponent, h, nextTick, type Component } from 'vue'
import type { AccountSummary, DesktopBridge, IpcFailure, MainApi, MainEvent, SessionInfo } from '../../../../electron/shared/ipc'
import type { SyncStatus } from '../../../../electron/shared/sync'
import { i18n, setLocale } from '../../../../renderer/src/i18n'
import { useCacheStore } from '../../../../renderer/src/stores/cache'
import { useFreshIndexedDb } from '../db/support'

export const DEMO: AccountSummary = { baseUrl: 'http://127.0.0.1:40123/openapi/v1', enterpriseCode: 'demo', agentNo: '8001', demo: true }
export const TENANT: AccountSummary = { baseUrl: 'https://e-crm.icsoc.net/openapi/v1', enterpriseCode: 'acme', agentNo: '1001', demo: false }
export const IDLE: SyncStatus = { online: 'unknown', activity: 'idle' }

export const signedIn = (account: AccountSummary): SessionInfo => ({ state: 'signed_in', account })

type Handlers = { [K in keyof MainApi]: (...args: Parameters<MainApi[K]>) => ReturnType<MainApi[K]> | Promise<ReturnType<MainApi[K]>> }

/** What main throws in a handler: it reaches the renderer as an IpcFailure with this kind. */
export class FakeFailure extends Error {
  constructor(readonly kind: string) {
    super(`failed: ${kind}`)
  }
}

export interface FakeMain {
  handlers: Handlers
  calls: { call: string; args: unknown[] }[]
  callsOf(call: keyof MainApi): unknown[][]
  emit(event: MainEvent): void
}

/** Stands in for main: every call is logged and answered by `handlers` (replaceable per test). */
export function installFakeMain(overrides: Partial<Handlers> = {}): FakeMain {
  const listeners = new Set<(event: MainEvent) => void>()
  const calls: FakeMain['calls'] = []
  const handlers: Handlers = {
    getSession: () => ({ state: 'signed_out' }),
    secretStorage: () => ({ available: true, weakProtection: false }),
    signIn: (request) => signedIn({ baseUrl: request.baseUrl, enterpriseCode: request.enterpriseCode, agentNo: request.agentNo, demo: false }),
    signInDemo: () => signedIn(DEMO),
    signOut: () => ({ state: 'signed_out', reason: 'user' }),
    recordTypes: () => [],
    fetchRecord: () => ({ notFound: true }),
    attachStore: () => ({ ...IDLE }),
    storeReply: () => undefined,
    syncNow: () => ({ ...IDLE }),
    changesQueued: () => undefined,
    networkHint: () => undefined,
    syncStatus: () => ({ ...IDLE }),
    ...overrides,
  } as Handlers

  const bridge = new Proxy({} as DesktopBridge, {
    get(_target, name: string) {
      if (name === 'onEvent') {
        return (listener: (event: MainEvent) => void) => {
          listeners.add(listener)
          return () => listeners.delete(listener)
        }
      }
      return async (...args: unknown[]) => {
        calls.push({ call: name, args })
        try {
          const handler = handlers[name as keyof MainApi] as (...a: unknown[]) => unknown
          return { ok: true, value: await handler(...args) }
        } catch (error) {
          const kind = error instanceof FakeFailure ? error.kind : 'internal'
          const failure: IpcFailure = { kind, message: error instanceof Error ? error.message : String(error), retryable: false }
          return { ok: false, error: failure }
        }
      }
    },
  })
  Object.defineProperty(window, 'crm', { value: bridge, configurable: true })
  return {
    handlers,
    calls,
    callsOf: (call) => calls.filter((c) => c.call === call).map((c) => c.args),
    emit: (event) => listeners.forEach((listener) => listener(event)),
  }
}

/** A fresh IndexedDB, Pinia, localStorage and zh-CN for every test of this file. */
export function useFrameTestEnvironment(): void {
  useFreshIndexedDb()
  beforeEach(() => {
    localStorage.clear()
    setLocale('zh-CN')
    setActivePinia(createPinia())
  })
  afterEach(async () => {
    // Dexie keeps live-query caches per database name while a database is open: close it.
    await useCacheStore().close()
    document.body.innerHTML = ''
    Reflect.deleteProperty(window, 'crm')
  })
}

/** Mounts a component inside the providers App.vue sets up; teleported dialogs land in document.body. */
export function mountInFrame<C extends Component>(component: C, options: ComponentMountingOptions<C> = {}) {
  const { props, ...rest } = options as { props?: Record<string, unknown> }
  const Host = defineComponent({
    setup: () => () =>
      h(NConfigProvider, null, () =>
        h(NNotificationProvider, null, () => h(NMessageProvider, null, () => h(NDialogProvider, null, () => h(component, props)))),
      ),
  })
  return mount(Host, { ...rest, attachTo: document.body, global: { plugins: [i18n] } })
}

/** Lets promises, Dexie live queries and Vue's render queue settle. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 0))
    await nextTick()
  }
}

/** Waits until `check` passes (live queries run on IndexedDB's own schedule). */
export async function eventually(check: () => unknown, timeoutMs = 3000): Promise<void> {
  const started = Date.now()
  for (;;) {
    try {
      await check()
      return
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error
      await settle(1)
    }
  }
}

export const bodyText = (): string => document.body.textContent ?? ''
