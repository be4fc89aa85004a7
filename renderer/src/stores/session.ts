/**
 * Who is signed in, as main says, and the steps around it: after sign-in the account's cache is
 * opened and attached to main's sync engine; at sign-out it is closed (kept or deleted, as the
 * user chose). An expired session keeps the cache and its outbox open until the user signs in again.
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { AccountSummary, SessionInfo, SignInRequest } from '../../../electron/shared/ipc'
import { callMain, onMainEvent } from '../platform/bridge'
import { useCacheStore } from './cache'
import { usePreferencesStore } from './preferences'
import { useSyncStore } from './sync'

/** The sign-in form's fields but the password, kept in memory only, to sign in again after expiry. */
export type SignInDraft = Omit<SignInRequest, 'password'>

/** The account's cache could not be opened (or served to main) after signing in. */
export class CacheOpenError extends Error {
  override readonly name = 'CacheOpenError'
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause })
  }
}

const sameAccount = (a: AccountSummary, b: AccountSummary) =>
  a.baseUrl === b.baseUrl && a.enterpriseCode === b.enterpriseCode && a.agentNo === b.agentNo && a.demo === b.demo

export const useSessionStore = defineStore('session', () => {
  const cache = useCacheStore()
  const sync = useSyncStore()
  const preferences = usePreferencesStore()

  const session = ref<SessionInfo>({ state: 'signed_out' })
  /** False until start-up learned the session from main (and opened its cache). */
  const started = ref(false)
  /** What the last real sign-in used, for the "sign in again" form (demo sessions sign in again as demo). */
  const lastDraft = ref<SignInDraft | null>(null)
  /** While our own sign-in or sign-out runs, the `session` events it causes are already handled. */
  let busy = false

  const signedIn = computed(() => session.value.state === 'signed_in')
  const expired = computed(() => session.value.state === 'signed_out' && session.value.reason === 'expired')
  /** The account the user works in: signed in, or expired with its cache still open. */
  const account = computed<AccountSummary | null>(() =>
    session.value.state === 'signed_in' ? session.value.account : expired.value ? cache.account : null,
  )

  /**
   * Opens (or re-attaches) the account's cache; main's engine then downloads and replays. Without
   * a cache the app cannot work: main is signed out again and the error goes to the sign-in screen.
   */
  async function enter(info: SessionInfo): Promise<SessionInfo> {
    session.value = info
    if (info.state !== 'signed_in') return info
    try {
      await sync.statusFrom(() => cache.open(info.account))
    } catch (error) {
      session.value = await callMain('signOut').catch(() => ({ state: 'signed_out' as const }))
      throw new CacheOpenError(error)
    }
    return info
  }

  async function guarded(work: () => Promise<SessionInfo>): Promise<SessionInfo> {
    busy = true
    try {
      return await work()
    } finally {
      busy = false
    }
  }

  async function start(): Promise<void> {
    try {
      await enter(await callMain('getSession'))
    } finally {
      started.value = true
    }
  }

  const signIn = (request: SignInRequest) =>
    guarded(async () => {
      const info = await callMain('signIn', request)
      const { password: _password, ...draft } = request
      lastDraft.value = draft
      preferences.rememberAccount(request)
      return enter(info)
    })

  const signInDemo = () => guarded(async () => enter(await callMain('signInDemo')))

  /** Signs out in main, then closes this account's cache, keeping it on disk unless `deleteData`. */
  const signOut = (options: { deleteData: boolean }) =>
    guarded(async () => {
      const info = await callMain('signOut')
      session.value = info
      await cache.close(options)
      return info
    })

  onMainEvent((event) => {
    if (event.type !== 'session' || busy) return
    const info = event.session
    if (info.state === 'signed_in') {
      // Our own sign-in's event may arrive after its answer: the same account is already entered.
      const current = session.value
      if (current.state === 'signed_in' && sameAccount(current.account, info.account)) return
      enter(info).catch(() => undefined)
    } else {
      session.value = info
      // Signed out by main for another reason than expiry: the cache is kept, as on a normal sign-out.
      if (info.reason !== 'expired') void cache.close()
    }
  })

  return { session, started, signedIn, expired, account, lastDraft, start, signIn, signInDemo, signOut }
})
