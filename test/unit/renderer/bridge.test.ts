import { afterEach, describe, expect, it } from 'vitest'
import type { DesktopBridge, MainEvent } from '../../../electron/shared/ipc'
import { callMain, MainCallError, onMainEvent } from '../../../renderer/src/platform/bridge'

function installBridge(partial: Partial<DesktopBridge>): void {
  Object.defineProperty(window, 'crm', { value: partial, configurable: true })
}

describe('the renderer side of the bridge', () => {
  afterEach(() => {
    Reflect.deleteProperty(window, 'crm')
  })

  it('returns the value of a successful call', async () => {
    installBridge({ recordTypes: async () => ({ ok: true, value: [{ id: 36, dic_name: '系统自动' }] }) })
    await expect(callMain('recordTypes')).resolves.toEqual([{ id: 36, dic_name: '系统自动' }])
  })

  it('rebuilds a failure from main as an error with its kind and retryability', async () => {
    installBridge({
      recordTypes: async () => ({
        ok: false,
        error: { kind: 'rate_limited', message: '请求过于频繁', retryable: true, status: 429 },
      }),
    })
    const error = await callMain('recordTypes').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MainCallError)
    expect(error).toMatchObject({ kind: 'rate_limited', retryable: true, status: 429, message: '请求过于频繁' })
  })

  it('passes events from main to listeners until they unsubscribe', () => {
    const listeners = new Set<(e: MainEvent) => void>()
    installBridge({
      onEvent: (listener) => {
        listeners.add(listener)
        return () => listeners.delete(listener)
      },
    })
    const seen: MainEvent[] = []
    const stop = onMainEvent((e) => seen.push(e))
    listeners.forEach((l) => l({ type: 'session', session: { state: 'signed_out' } }))
    stop()
    listeners.forEach((l) => l({ type: 'session', session: { state: 'signed_out', reason: 'user' } }))
    expect(seen).toEqual([{ type: 'session', session: { state: 'signed_out' } }])
  })
})
