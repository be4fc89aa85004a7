import { z } from 'zod'
import type { CallArgs, CallResult, IpcFailure, IpcResult, MainCall } from '../../shared/ipc'
import { callArgSchemas } from './schemas'

/** The handler table: one function per MainApi call. The shell and the e2e harness both serve this. */
export type MainHandlers = {
  [K in MainCall]: (...args: CallArgs<K>) => Promise<CallResult<K>> | CallResult<K>
}

export type Dispatch = (call: string, args: unknown[]) => Promise<IpcResult<unknown>>

/**
 * Turns the handler table into the single entry point a transport calls: the call name is checked,
 * the arguments are validated, and every failure comes back as data (a bad argument gets an error,
 * never a crash of main).
 */
export function createDispatcher(handlers: MainHandlers): Dispatch {
  return async (call, args) => {
    if (!isMainCall(call)) {
      return failure({ kind: 'bad_request', message: `Unknown call "${String(call)}"`, retryable: false })
    }
    const parsed = callArgSchemas[call].safeParse(args)
    if (!parsed.success) {
      return failure({
        kind: 'bad_request',
        message: `Invalid arguments for ${call}: ${z.prettifyError(parsed.error)}`,
        retryable: false,
      })
    }
    try {
      const handler = handlers[call] as (...a: unknown[]) => unknown
      return { ok: true, value: await handler(...(parsed.data as unknown[])) }
    } catch (error) {
      return failure(toIpcFailure(error))
    }
  }
}

function isMainCall(call: unknown): call is MainCall {
  return typeof call === 'string' && Object.hasOwn(callArgSchemas, call)
}

function failure(error: IpcFailure): IpcResult<never> {
  return { ok: false, error }
}

/** Keeps what the renderer needs to explain a failure (kind, retryable, status, code) and nothing else. */
export function toIpcFailure(error: unknown): IpcFailure {
  if (error instanceof Error) {
    const e = error as Error & Partial<IpcFailure>
    return {
      kind: typeof e.kind === 'string' ? e.kind : 'internal',
      message: e.message,
      retryable: e.retryable === true,
      ...(typeof e.status === 'number' ? { status: e.status } : {}),
      ...(typeof e.code === 'number' ? { code: e.code } : {}),
    }
  }
  return { kind: 'internal', message: String(error), retryable: false }
}
