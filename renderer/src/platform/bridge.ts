import type { CallArgs, CallResult, IpcFailure, MainCall, MainEvent } from '../../../electron/shared/ipc'

/** A failure reported by main, rebuilt as an Error the renderer can throw and catch. */
export class MainCallError extends Error {
  readonly kind: string
  readonly retryable: boolean
  readonly status?: number
  readonly code?: number

  constructor(call: MainCall, failure: IpcFailure) {
    super(failure.message)
    this.name = `MainCallError(${call})`
    this.kind = failure.kind
    this.retryable = failure.retryable
    this.status = failure.status
    this.code = failure.code
  }
}

/** Calls main through the preload's bridge and unwraps the result, throwing MainCallError on failure. */
export async function callMain<K extends MainCall>(call: K, ...args: CallArgs<K>): Promise<CallResult<K>> {
  const method = window.crm[call] as (...a: CallArgs<K>) => ReturnType<(typeof window.crm)[K]>
  const result = await method(...args)
  if (!result.ok) throw new MainCallError(call, result.error)
  return result.value as CallResult<K>
}

export function onMainEvent(listener: (event: MainEvent) => void): () => void {
  return window.crm.onEvent(listener)
}
