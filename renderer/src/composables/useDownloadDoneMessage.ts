import { useMessage } from 'naive-ui'
import { watch } from 'vue'
import { useI18n } from 'vue-i18n'
import type { SyncStatus } from '../../../electron/shared/sync'
import { useSyncStore } from '../stores/sync'

/** Says so when the first download finished: the progress bar just disappears otherwise. */
export function useDownloadDoneMessage(): void {
  const sync = useSyncStore()
  const message = useMessage()
  const { t } = useI18n()
  // The engine clears `download` before it leaves 'downloading': remember the last progress seen.
  let seen: NonNullable<SyncStatus['download']> | undefined
  watch(
    () => sync.status,
    (status) => {
      if (status.activity === 'downloading') {
        seen = status.download ?? seen
        return
      }
      if (seen && !status.lastError && seen.fetched >= seen.total) message.success(t('download.done', { n: seen.total }))
      seen = undefined
    },
    // Every status counts: two arriving in one tick must not hide the end of the download.
    { flush: 'sync' },
  )
}
