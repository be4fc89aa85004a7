import { useNotification } from 'naive-ui'
import { watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { useCacheStore } from '../stores/cache'

/** Shows one clear notification whenever a write was refused because the disk is full. */
export function useStorageFullNotice(): void {
  const cache = useCacheStore()
  const notification = useNotification()
  const { t } = useI18n()
  watch(
    () => cache.storageFullAt,
    (at) => {
      if (at === null) return
      notification.error({ title: t('storage.fullTitle'), content: t('storage.fullBody'), keepAliveOnHover: true })
    },
  )
}
