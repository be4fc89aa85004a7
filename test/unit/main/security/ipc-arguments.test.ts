import { describe, expect, it } from 'vitest'
import { MAIN_CALLS, type MainCall } from '../../../../electron/shared/ipc'
import { createDispatcher, type MainHandlers } from '../../../../electron/main/ipc/dispatch'

const VALID_SIGN_IN = {
  baseUrl: 'https://e-crm.example.com/openapi/v1',
  tokenUrl: 'https://account.example.com/oauth2/token',
  clientId: 'client',
  clientSecret: 'secret',
  enterpriseCode: 'acme',
  agentNo: '8001',
  password: 'pw',
}

/** What a compromised or buggy renderer might send instead of no arguments at all. */
const NOT_NOTHING: unknown[][] = [[1], ['x'], [{}], [null]]

/**
 * Malformed arguments for every call of the contract. The mapped type makes a new call without an
 * entry a compile error; the test below fails at run time too.
 */
const MALFORMED: { [K in MainCall]: unknown[][] } = {
  getSession: NOT_NOTHING,
  signInDemo: NOT_NOTHING,
  secretStorage: NOT_NOTHING,
  signOut: NOT_NOTHING,
  recordTypes: NOT_NOTHING,
  syncNow: NOT_NOTHING,
  changesQueued: NOT_NOTHING,
  syncStatus: NOT_NOTHING,
  signIn: [
    [],
    [null],
    ['https://e-crm.example.com'],
    [{ ...VALID_SIGN_IN, baseUrl: 'file:///etc/passwd' }],
    [{ ...VALID_SIGN_IN, tokenUrl: 'javascript:alert(1)' }],
    [{ ...VALID_SIGN_IN, password: '' }],
    [{ ...VALID_SIGN_IN, password: 42 }],
    [{ ...VALID_SIGN_IN, enterpriseCode: 'a|b' }],
    [{ ...VALID_SIGN_IN, agentNo: '   ' }],
    [{ ...VALID_SIGN_IN, clientSecret: 'x'.repeat(10_000) }],
    [{ ...VALID_SIGN_IN, extra: true }],
    [{ ...VALID_SIGN_IN, __proto__: { polluted: true } }, 'extra'],
    [VALID_SIGN_IN, VALID_SIGN_IN],
  ],
  fetchRecord: [[], [null], [7], [2 ** 63], ['local:0b6c'], ['1; DROP'], ['-1'], ['1e5'], [''], ['1'.repeat(20)], ['123', 'extra'], [{ id: '123' }]],
  attachStore: [[], [{}], [{ dbName: '' }], [{ dbName: 42 }], [{ dbName: 'x'.repeat(1000) }], [{ dbName: 'db', extra: 1 }], ['db']],
  storeReply: [
    [],
    [{}],
    [{ id: -1, result: { ok: true, value: 1 } }],
    [{ id: 1.5, result: { ok: true, value: 1 } }],
    [{ id: 1, result: { ok: 'yes', value: 1 } }],
    [{ id: 1, result: { ok: false, error: 'boom' } }],
    [{ id: 1, result: { ok: false, error: { kind: 'x', message: 'y' } } }],
    [{ id: 1 }],
  ],
  networkHint: [[], ['true'], [1], [null], [true, false]],
}

/** A handler table whose every handler fails the test if a malformed call ever reaches it. */
const untouchable = Object.fromEntries(
  MAIN_CALLS.map((call) => [
    call,
    () => {
      throw new Error(`handler ${call} ran on malformed arguments`)
    },
  ]),
) as unknown as MainHandlers

describe('every IPC call refuses malformed arguments with bad_request', () => {
  const dispatch = createDispatcher(untouchable)

  it('has malformed inputs for every call in MAIN_CALLS', () => {
    const missing = MAIN_CALLS.filter((call) => !(MALFORMED[call]?.length > 0))
    expect(missing, 'add malformed inputs for these calls to MALFORMED').toEqual([])
  })

  for (const call of MAIN_CALLS) {
    const cases = MALFORMED[call] ?? []
    it.each(cases.map((args) => [JSON.stringify(args)?.slice(0, 80), args] as const))(`${call}(%s)`, async (_label, args) => {
      const result = await dispatch(call, args)
      expect(result).toMatchObject({ ok: false, error: { kind: 'bad_request', retryable: false } })
    })
  }

  it('lets well-formed arguments through to the handler (so the refusals above are about the arguments)', async () => {
    const result = await dispatch('signIn', [VALID_SIGN_IN])
    expect(result).toMatchObject({ ok: false, error: { kind: 'internal', message: 'handler signIn ran on malformed arguments' } })
  })

  it('refuses unknown and inherited call names', async () => {
    for (const call of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'evalInMain', '']) {
      await expect(dispatch(call, [])).resolves.toMatchObject({ ok: false, error: { kind: 'bad_request' } })
    }
  })
})
