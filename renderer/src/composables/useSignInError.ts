/**
 * A failed sign-in as the user should read it. Main reports the failure's kind (SignInError kinds,
 * plus 'bad_request' for input main refused); opening the cache afterwards can fail too.
 */
import { useI18n } from 'vue-i18n'
import { MainCallError } from '../platform/bridge'
import { CacheOpenError } from '../stores/session'

const SIGN_IN_KINDS = ['wrong_password', 'bad_client', 'unreachable', 'server', 'bad_response', 'bad_request'] as const

export function useSignInError() {
  const { t } = useI18n()
  return (error: unknown): string => {
    if (error instanceof CacheOpenError) return t('signIn.errors.cache', { message: error.message })
    if (error instanceof MainCallError && (SIGN_IN_KINDS as readonly string[]).includes(error.kind)) {
      return t(`signIn.errors.${error.kind}`)
    }
    return t('signIn.errors.unknown', { message: error instanceof Error ? error.message : String(error) })
  }
}
