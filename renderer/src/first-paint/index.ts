/**
 * The first screen: before the app's bundle has loaded, the newest rows of the cache used last
 * are read with plain IndexedDB and drawn with plain DOM over where the app will be. The app takes
 * it away once its own list shows rows (`handOverFirstScreen`), so the user sees the records at
 * once and the real, working list a moment later in the same place. What the user does meanwhile
 * is not lost:
 * - its search box works: a worker reads the search index beside it (src/early-search) and
 *   answers; the app's own search box goes on with the query;
 * - a row clicked is marked, and the app opens it when it takes over.
 */
import '../components/records/record-row.css'
import './first-screen.css'
import { LAST_CACHE_KEY } from '../db/last-cache'
import { startEarlySearch, type EarlySearch } from '../early-search/client'
import { storedLocale, type AppLocale } from '../i18n/stored-locale'
import { formatRecordTime } from '../records/record-time'
import { readFirstRows } from './first-rows'
import type { RecordRow } from '../records/record-row'
import { buildFirstScreen, CHOSEN_CLASS, FIRST_SCREEN_ID, searchBoxOf, showRows } from './first-screen'

/** The list's first read is two blocks of 30; 50 rows fill the tallest screen. */
const FIRST_ROWS = 50
/** Should the app never say its list is on screen (a failure it reports itself), the picture does not stay. */
const GIVE_UP_MS = 15_000

/**
 * Draws the first screen if this device has a cache to draw it from. Resolves once it has been
 * painted, or at once when there is nothing to paint; never rejects (the app starts either way).
 */
export async function paintFirstScreen(): Promise<void> {
  // Marks for the bench (bench/app-cold-start.ts), which reports where a cold start's time goes.
  performance.mark('first-paint:start')
  const name = lastCacheName()
  if (!name) return
  // Started first, to load on another thread; it reads the search index once the rows are read.
  early = startEarlySearch(name)
  const reading = early.beforeIndexRead(() => readFirstRows({ factory: indexedDB, keyRange: IDBKeyRange }, name, FIRST_ROWS)).catch(() => undefined)
  const locale = storedLocale()
  const now = Date.now()
  // The first date formatted in a renderer sets up ICU (15–50 ms measured): done now, it overlaps
  // the cache's opening, which runs outside this thread.
  formatRecordTime(Math.floor(now / 1000), locale, now)
  const rows = await reading
  performance.mark('first-paint:read')
  // No rows: the app's own empty list (or sign-in) is what there is to see.
  if (!rows?.length) return
  const screen = buildFirstScreen(rows, locale, now)
  screen.addEventListener('click', (event) => choose(screen, event.target))
  const search = searchBoxOf(screen)
  search.addEventListener('input', () => void searchFor(screen, search.value, rows, locale))
  document.body.append(screen)
  performance.mark('first-paint:built')
  setTimeout(dismissFirstScreen, GIVE_UP_MS)
  await nextPaint()
}

/** The record whose row was clicked on the first screen, if one was. */
let chosenRecordId: string | undefined
let early: EarlySearch | undefined
/** What is typed in the first screen's search box, and whether the rows shown are its answer. */
let typed = ''
let answered = false
const typedListeners = new Set<(query: string) => void>()

/** Shows the rows found for `query`, or the newest rows again for an empty one; a later query wins. */
async function searchFor(screen: HTMLElement, query: string, newest: readonly RecordRow[], locale: AppLocale): Promise<void> {
  typed = query
  for (const listener of typedListeners) listener(query)
  if (query.trim() === '') {
    answered = false
    showRows(screen, newest, locale, Date.now())
    return
  }
  const answer = await early?.search(query.trim(), FIRST_ROWS)
  // Unanswered here (the index is not readable yet or is behind the cache): the app answers it.
  if (!answer || typed !== query) return
  answered = true
  showRows(screen, answer.rows, locale, Date.now(), answer.total)
}

/**
 * Whether the first screen shows the answer to a search: the app should then replace it only with
 * its own answer to it. (Otherwise the first screen shows the newest rows, as the app does
 * while its index is not ready.)
 */
export function firstScreenShowsAnswer(): boolean {
  return answered
}

/**
 * What has been typed into the first screen's search box, and from now on each change of it: the
 * app's search box follows it until the first screen is handed over. Returns the unsubscribe.
 */
export function followFirstScreenQuery(listener: (query: string) => void): () => void {
  listener(typed)
  typedListeners.add(listener)
  return () => typedListeners.delete(listener)
}

function choose(screen: HTMLElement, target: EventTarget | null): void {
  const row = target instanceof Element ? target.closest<HTMLElement>('[data-first-paint-row]') : null
  if (!row) return
  screen.querySelector(`.${CHOSEN_CLASS}`)?.classList.remove(CHOSEN_CLASS)
  row.classList.add(CHOSEN_CLASS)
  chosenRecordId = row.dataset['recordId']
}

/** Takes the first screen away (the app's own screen is ready under it). Safe to call any time. */
export function dismissFirstScreen(): void {
  document.getElementById(FIRST_SCREEN_ID)?.remove()
  chosenRecordId = undefined
  typed = ''
  answered = false
  typedListeners.clear()
  early?.stop()
  early = undefined
}

export interface FirstScreenHandOver {
  /** The record the user clicked on it, to open. */
  chosenRecordId?: string
  /** The user was typing in its search box: typing goes on in the app's. */
  searchFocused?: boolean
}

/** As dismissFirstScreen, for the records workspace: also says what the user was doing on it. */
export function handOverFirstScreen(): FirstScreenHandOver {
  const chosen = chosenRecordId
  const screen = document.getElementById(FIRST_SCREEN_ID)
  const searchFocused = screen !== null && document.activeElement === searchBoxOf(screen)
  dismissFirstScreen()
  return { ...(chosen === undefined ? {} : { chosenRecordId: chosen }), ...(searchFocused ? { searchFocused } : {}) }
}

function lastCacheName(): string | null {
  try {
    return localStorage.getItem(LAST_CACHE_KEY)
  } catch {
    return null
  }
}

/** After the next frame has been produced: a task queued from requestAnimationFrame runs after that frame's paint. */
function nextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
}
