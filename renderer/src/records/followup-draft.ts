/**
 * The new follow-up's draft in localStorage, one per account: written on every change, so a crash,
 * a closed window or a flat battery loses nothing typed; removed once the record is saved.
 */
import type { AccountSummary } from '../../../electron/shared/ipc'
import { cacheDbName } from '../db/schema'

export interface FollowupDraft {
  clientId?: string
  /** Kept so the picker can show the client before the directory is loaded. */
  clientName?: string
  opportunityId?: string
  recordType?: number
  content: string
}

const PREFIX = 'ecrm.followupDraft:'

/** Keyed like the account's cache database: two people sharing a laptop never see each other's drafts. */
export const draftKey = (account: Pick<AccountSummary, 'baseUrl' | 'enterpriseCode' | 'agentNo'>): string =>
  PREFIX + cacheDbName(account)

export const isEmptyDraft = (draft: FollowupDraft): boolean =>
  !draft.clientId && draft.recordType === undefined && !draft.opportunityId && draft.content.trim() === ''

export function loadDraft(storage: Storage, key: string): FollowupDraft | undefined {
  const raw = storage.getItem(key)
  if (raw === null) return undefined
  try {
    return parseDraft(JSON.parse(raw))
  } catch {
    // Unreadable (written by a different version, or cut off): nothing to restore.
    return undefined
  }
}

/** Saves the draft; an empty one is removed instead. Storage errors (full, disabled) are not the user's problem here. */
export function saveDraft(storage: Storage, key: string, draft: FollowupDraft): void {
  try {
    if (isEmptyDraft(draft)) storage.removeItem(key)
    else storage.setItem(key, JSON.stringify(draft))
  } catch {
    // The draft is a convenience: the form itself still holds what was typed.
  }
}

export function clearDraft(storage: Storage, key: string): void {
  storage.removeItem(key)
}

function parseDraft(value: unknown): FollowupDraft | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const v = value as Record<string, unknown>
  const draft: FollowupDraft = { content: typeof v['content'] === 'string' ? v['content'] : '' }
  if (typeof v['clientId'] === 'string') draft.clientId = v['clientId']
  if (typeof v['clientName'] === 'string') draft.clientName = v['clientName']
  if (typeof v['opportunityId'] === 'string') draft.opportunityId = v['opportunityId']
  if (typeof v['recordType'] === 'number') draft.recordType = v['recordType']
  return draft
}
