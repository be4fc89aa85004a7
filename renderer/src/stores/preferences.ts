/**
 * What the user chose and the app remembers across restarts, on this computer: the UI language
 * and the last account's sign-in fields (never the password or the client secret: those stay out
 * of the renderer's storage).
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { SignInRequest } from '../../../electron/shared/ipc'
import { currentLocale, setLocale as applyLocale, type AppLocale } from '../i18n'

/** The sign-in fields worth prefilling next time. */
export type RememberedAccount = Pick<SignInRequest, 'baseUrl' | 'tokenUrl' | 'clientId' | 'enterpriseCode' | 'agentNo'>

const ACCOUNT_KEY = 'ecrm.lastAccount'
const ACCOUNT_FIELDS = ['baseUrl', 'tokenUrl', 'clientId', 'enterpriseCode', 'agentNo'] as const

function readAccount(): RememberedAccount | null {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(ACCOUNT_KEY) ?? 'null')
    if (typeof parsed !== 'object' || parsed === null) return null
    const fields = parsed as Record<string, unknown>
    return ACCOUNT_FIELDS.every((key) => typeof fields[key] === 'string') ? (parsed as RememberedAccount) : null
  } catch {
    return null
  }
}

export const usePreferencesStore = defineStore('preferences', () => {
  const locale = computed<AppLocale>(currentLocale)
  const lastAccount = ref<RememberedAccount | null>(readAccount())

  function setLocale(next: AppLocale): void {
    applyLocale(next)
  }

  /** Remembers a real account that signed in successfully, for the sign-in form next time. */
  function rememberAccount(request: SignInRequest): void {
    const account = Object.fromEntries(ACCOUNT_FIELDS.map((key) => [key, request[key]])) as RememberedAccount
    lastAccount.value = account
    try {
      localStorage.setItem(ACCOUNT_KEY, JSON.stringify(account))
    } catch {
      // Only the prefill is lost.
    }
  }

  return { locale, setLocale, lastAccount, rememberAccount }
})
