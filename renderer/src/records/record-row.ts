/** What one line of the record list shows, taken from a cached record and its client. */
import type { OutboxState } from '../../../electron/shared/sync'
import { htmlToText } from '../db/html-text'
import type { CachedClient, CachedRecord } from '../db/types'

export interface RecordRow {
  id: string
  clientId: string
  clientName: string
  clientPhone: string
  typeName: string
  /** Content as plain text on one line. */
  preview: string
  author: string
  /** Unix seconds. */
  createTime: number
  /** Set while the record's create is not yet confirmed by the server. */
  sync?: OutboxState
  /** The id it was created under here, once its create has landed (screens may still hold it). */
  localId?: string
}

/** The preview is one line; past this the row cuts it anyway. */
const PREVIEW_LENGTH = 160

export function toRecordRow(record: CachedRecord, client?: CachedClient): RecordRow {
  const text = record.record_content_name ?? htmlToText(record.record_content ?? '')
  const row: RecordRow = {
    id: record.id,
    clientId: record.cle_id,
    clientName: record.cle_name ?? client?.cle_name ?? '',
    clientPhone: client?.cle_phone ?? '',
    typeName: record.record_type_name ?? '',
    preview: text.replace(/\s+/g, ' ').trim().slice(0, PREVIEW_LENGTH),
    author: record.create_user_name ?? '',
    createTime: record.create_time,
  }
  if (record.sync !== undefined) row.sync = record.sync
  if (record.local_id !== undefined) row.localId = record.local_id
  return row
}

export interface SyncBadge {
  /** i18n key under records.sync. */
  label: 'pending' | 'sending' | 'checking' | 'attention'
  type: 'default' | 'info' | 'warning' | 'error'
}

/** How a record's sync state is badged; undefined once the server has it. */
export function syncBadge(state: OutboxState | undefined): SyncBadge | undefined {
  switch (state) {
    case 'pending':
      return { label: 'pending', type: 'warning' }
    case 'sending':
      return { label: 'sending', type: 'info' }
    case 'checking':
      return { label: 'checking', type: 'info' }
    case 'attention':
      return { label: 'attention', type: 'error' }
    default:
      return undefined
  }
}
