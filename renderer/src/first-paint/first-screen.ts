/**
 * The records screen drawn with plain DOM from rows read straight from the cache, shown while the
 * app's bundle loads and mounts (VS Code paints its workbench's outline the same way before the
 * workbench loads). It has the real screen's layout, so the real one replaces it without a jump;
 * nothing on it works but the search box and choosing a row (src/first-paint/index.ts), and it
 * says so with a busy cursor.
 */
import type { FoundRow, RowMarks } from '../early-search/protocol'
import { appMessages } from '../i18n/app'
import { recordsMessages } from '../i18n/records'
import type { AppLocale } from '../i18n/stored-locale'
import type { TextPart } from '../records/highlight'
import { syncBadge, type RecordRow } from '../records/record-row'
import { formatFullTime, formatRecordTime } from '../records/record-time'

export const FIRST_SCREEN_ID = 'first-paint'
/** A row clicked before the app took over: drawn as the list draws its active row. */
export const CHOSEN_CLASS = 'record-row--active'
const ROWS_CLASS = 'first-paint__rows'
const SEARCH_CLASS = 'first-paint__search'
const STATUS_CLASS = 'first-paint__status'

export function buildFirstScreen(rows: readonly RecordRow[], locale: AppLocale, nowMs: number): HTMLElement {
  const text = recordsMessages[locale].records
  const screen = element('div', 'first-paint')
  screen.id = FIRST_SCREEN_ID

  const header = element('header', 'first-paint__header')
  header.append(element('span', 'first-paint__title', appMessages[locale].app.name))

  const toolbar = element('div', 'first-paint__toolbar')
  const search = element('input', SEARCH_CLASS)
  search.type = 'search'
  search.placeholder = text.search.placeholder
  search.setAttribute('aria-label', text.search.label)
  search.autocomplete = 'off'
  search.spellcheck = false
  // Drawn, not working yet: hidden from assistive tech, which reads the search box and the rows.
  const create = element('div', 'first-paint__new', `＋ ${text.newFollowup}`)
  create.setAttribute('aria-hidden', 'true')
  toolbar.append(search, create)

  const filters = element('div', 'first-paint__filters')
  filters.setAttribute('aria-hidden', 'true')
  const { recordType, clientPlaceholder, createdAfter, author, newest } = text.filters
  for (const label of [recordType, clientPlaceholder, createdAfter, author, newest]) filters.append(element('div', 'first-paint__filter', label))

  const list = element('div', ROWS_CLASS)
  for (const row of rows) list.append(buildRow(row, locale, nowMs))

  screen.append(header, toolbar, filters, element('div', STATUS_CLASS), list, element('footer', 'first-paint__statusbar'))
  return screen
}

/** The first screen's search box. */
export function searchBoxOf(screen: HTMLElement): HTMLInputElement {
  return screen.querySelector<HTMLInputElement>(`.${SEARCH_CLASS}`)!
}

/**
 * Shows these rows in place of those on screen: found by a search (with its matches marked, and
 * `total` found in all), or the newest again.
 */
export function showRows(screen: HTMLElement, rows: readonly (RecordRow | FoundRow)[], locale: AppLocale, nowMs: number, total?: number): void {
  const list = screen.querySelector(`.${ROWS_CLASS}`)!
  list.replaceChildren(...rows.map((row) => ('marks' in row ? buildRow(row.row, locale, nowMs, row.marks) : buildRow(row, locale, nowMs))))
  screen.querySelector(`.${STATUS_CLASS}`)!.textContent = total === undefined ? '' : totalText(recordsMessages[locale].records.search.total, total)
}

/** The list's "共 N 条" as vue-i18n renders it: `one | other` forms in English, {n} the number. */
function totalText(message: string, n: number): string {
  const forms = message.split(' | ')
  return (n === 1 || forms.length === 1 ? forms[0]! : forms[forms.length - 1]!).replace('{n}', String(n))
}

/**
 * One row as RecordListRow draws it, with its classes (components/records/record-row.css). Text
 * only (textContent), never markup from a record.
 */
function buildRow(row: RecordRow, locale: AppLocale, nowMs: number, marks?: RowMarks): HTMLElement {
  const text = recordsMessages[locale].records
  const line1 = element('div', 'record-row__line')
  const client = row.clientName ? marked('record-row__client', row.clientName, marks?.clientName) : element('span', 'record-row__client', text.list.unknownClient)
  line1.append(client)
  if (row.clientPhone) line1.append(marked('record-row__phone', row.clientPhone, marks?.clientPhone))
  if (row.typeName) line1.append(element('span', 'record-row__type', row.typeName))
  line1.append(element('span', 'record-row__spacer'))
  const badge = syncBadge(row.sync)
  if (badge) line1.append(element('span', `first-paint__badge first-paint__badge--${badge.type}`, text.sync[badge.label]))
  const time = element('time', 'record-row__time', formatRecordTime(row.createTime, locale, nowMs, text.time.justNow))
  time.title = formatFullTime(row.createTime, locale)
  line1.append(time)

  const line2 = element('div', 'record-row__line')
  const preview = row.preview ? marked('record-row__preview', row.preview, marks?.preview) : element('span', 'record-row__preview', text.list.noContent)
  line2.append(preview, marked('record-row__author', row.author, marks?.author))

  const body = element('div', 'record-row__body')
  body.append(line1, line2)
  const item = element('div', 'record-row')
  item.dataset['firstPaintRow'] = ''
  item.dataset['recordId'] = row.id
  const check = element('span', 'record-row__check')
  check.setAttribute('aria-hidden', 'true')
  check.append(element('span', 'first-paint__check'))
  item.append(check, body)
  return item
}

/** A span of text with the parts a search matched in <mark>s, as HighlightedText renders them (text nodes only). */
function marked(className: string, content: string, parts: readonly TextPart[] | undefined): HTMLElement {
  if (!parts?.some((part) => part.match)) return element('span', className, content)
  const span = element('span', className)
  span.append(...parts.map((part) => (part.match ? element('mark', 'first-paint__match', part.text) : document.createTextNode(part.text))))
  return span
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, content?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  node.className = className
  if (content !== undefined) node.textContent = content
  return node
}
