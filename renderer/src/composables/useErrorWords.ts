/**
 * Failures of the sync engine and of outbox entries, in words a sales person understands: the
 * error's kind picks the sentence; the raw message only appears where it is the server's own words.
 */
import { useI18n } from 'vue-i18n'

const KNOWN_KINDS = ['network', 'timeout', 'rate_limited', 'server', 'auth', 'rejected', 'bad_response'] as const

export function useErrorWords() {
  const { t } = useI18n()
  return (error: { kind: string; message: string }): string => {
    // The cache's own failure, as the store host names it when main passes the kind on.
    if (error.kind === 'StorageFullError') return t('errorWords.storage')
    if ((KNOWN_KINDS as readonly string[]).includes(error.kind)) return t(`errorWords.${error.kind}`, { message: error.message })
    return t('errorWords.unknown', { message: error.message })
  }
}
