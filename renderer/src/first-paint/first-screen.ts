/**
 * The records screen drawn with plain DOM from rows read straight from the cache, shown while the
 * app's bundle loads and mounts (VS Code paints its workbench's outline the same way before the
 * workbench loads). It has the real screen's layout, so the real one replaces it without a jump;
 * nothing on it works but choosing a row (src/first-paint/index.ts), and it says so with a busy cursor.
 */
import { appMessages } from '../i18n/app'
import { recordsMessages } from '../i18n/records'
import type { AppLocale } from '../i18n/stored-locale'
import { syncBadge, type RecordRow } from '../records/record-row'
import { formatFullTime, formatRecordTime } from '../records/record-time'

export const FIRST_SCREEN_ID = 'first-paint'
/** A row clicked before the app took over: drawn as the list draws its active row. */
export const CHOSEN_CLASS = 'record-row--active'

export function buildFirstScreen(rows: readonly RecordRow[], locale: AppLocale, nowMs: number): HTMLElement {
  const text = recordsMessages[locale].records
  const screen = element('div', 'first-paint')
  screen.id = FIRST_SCREEN_ID
  // The app underneath is what assistive tech should read; this is a picture of it.
  screen.setAttribute('aria-hidden', 'true')

  const header = element('header', 'first-paint__header')
  header.append(element('span', 'first-paint__title', appMessages[locale].app.name))

  const toolbar = element('div', 'first-paint__toolbar')
  toolbar.append(element('div', 'first-paint__search', text.search.placeholder), element('div', 'first-paint__new', `＋ ${text.newFollowup}`))

  const filters = element('div', 'first-paint__filters')
  const { recordType, clientPlaceholder, createdAfter, author, newest } = text.filters
  for (const label of [recordType, clientPlaceholder, createdAfter, author, newest]) filters.append(element('div', 'first-paint__filter', label))

  const list = element('div', 'first-paint__rows')
  for (const row of rows) list.append(buildRow(row, locale, nowMs))

  screen.append(header, toolbar, filters, element('div', 'first-paint__status'), list, element('footer', 'first-paint__statusbar'))
  return screen
}

/**
 * One row as RecordListRow draws it, with its classes (components/records/record-row.css). Text
 * only (textContent), never markup from a record.
 */
function buildRow(row: RecordRow, locale: AppLocale, nowMs: number): HTMLElement {
  const text = recordsMessages[locale].records
  const line1 = element('div', 'record-row__line')
  line1.append(element('span', 'record-row__client', row.clientName || text.list.unknownClient))
  if (row.clientPhone) line1.append(element('span', 'record-row__phone', row.clientPhone))
  if (row.typeName) line1.append(element('span', 'record-row__type', row.typeName))
  line1.append(element('span', 'record-row__spacer'))
  const badge = syncBadge(row.sync)
  if (badge) line1.append(element('span', `first-paint__badge first-paint__badge--${badge.type}`, text.sync[badge.label]))
  const time = element('time', 'record-row__time', formatRecordTime(row.createTime, locale, nowMs, text.time.justNow))
  time.title = formatFullTime(row.createTime, locale)
  line1.append(time)

  const line2 = element('div', 'record-row__line')
  line2.append(element('span', 'record-row__preview', row.preview || text.list.noContent), element('span', 'record-row__author', row.author))

  const body = element('div', 'record-row__body')
  body.append(line1, line2)
  const item = element('div', 'record-row')
  item.dataset['firstPaintRow'] = ''
  item.dataset['recordId'] = row.id
  const check = element('span', 'record-row__check')
  check.append(element('span', 'first-paint__check'))
  item.append(check, body)
  return item
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, content?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  node.className = className
  if (content !== undefined) node.textContent = content
  return node
}
