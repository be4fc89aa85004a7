/** The signed-in account's new follow-up draft (see records/followup-draft). */
import { computed, type Ref } from 'vue'
import type { AccountSummary } from '../../../electron/shared/ipc'
import { clearDraft, draftKey, loadDraft, saveDraft, type FollowupDraft } from '../records/followup-draft'

export function useRecordDraft(account: Readonly<Ref<AccountSummary | null>>, storage: Storage = localStorage) {
  const key = computed(() => (account.value ? draftKey(account.value) : undefined))
  return {
    load: (): FollowupDraft | undefined => (key.value ? loadDraft(storage, key.value) : undefined),
    save(draft: FollowupDraft): void {
      if (key.value) saveDraft(storage, key.value, draft)
    },
    clear(): void {
      if (key.value) clearDraft(storage, key.value)
    },
  }
}
