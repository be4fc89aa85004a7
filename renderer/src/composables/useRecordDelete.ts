/**
 * Deleting follow-ups: one confirm that says how many, then a local write (instant, offline too)
 * whose deletes main's engine sends. The rows leave the list at once: deleted records are hidden.
 */
import { useDialog, useMessage } from 'naive-ui'
import { useI18n } from 'vue-i18n'
import { deleteLocalRecords } from '../db/local-writes'
import { currentIds } from '../records/record-lookup'
import { useRecordsEnv } from './useRecordsEnv'

export function useRecordDelete() {
  const { t } = useI18n()
  const dialog = useDialog()
  const message = useMessage()
  const { writeAndQueue } = useRecordsEnv()

  function confirm(count: number): Promise<boolean> {
    return new Promise((resolve) => {
      dialog.warning({
        title: t('records.delete.confirmTitle', { n: count }, count),
        content: t('records.delete.confirmBody'),
        positiveText: t('records.delete.confirm'),
        negativeText: t('records.delete.cancel'),
        onPositiveClick: () => resolve(true),
        // Any other way out cancels: the button, Esc, the close button, a click outside
        // (the first answer counts; a promise settles once).
        onNegativeClick: () => resolve(false),
        onClose: () => resolve(false),
        onEsc: () => resolve(false),
        onMaskClick: () => resolve(false),
        onAfterLeave: () => resolve(false),
      })
    })
  }

  /** Asks, then deletes. Resolves to the ids deleted ([] when the user said no or it failed). */
  async function deleteRecords(ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0 || !(await confirm(ids.length))) return []
    try {
      await writeAndQueue(async (db) => {
        // Ids held across a landing are looked up under their server id.
        await deleteLocalRecords(db, await currentIds(db, ids))
      })
      message.success(t('records.delete.done', { n: ids.length }, ids.length))
      return [...ids]
    } catch (error) {
      message.error(t('records.errors.delete', { message: error instanceof Error ? error.message : String(error) }))
      return []
    }
  }

  return { deleteRecords }
}
