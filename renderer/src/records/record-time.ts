/**
 * Record times as people read them: "3 分钟前", "昨天" for the last week, a date beyond that.
 * Formatters are cached per locale: the list formats a time for every row it paints.
 */

const MINUTE = 60
const HOUR = 60 * MINUTE
/** Older than this many calendar days, a date says more than "23 天前". */
const RELATIVE_DAYS = 7

const cache = new Map<string, unknown>()

function cached<T>(key: string, make: () => T): T {
  let value = cache.get(key) as T | undefined
  if (value === undefined) {
    value = make()
    cache.set(key, value)
  }
  return value
}

const relativeFormat = (locale: string) =>
  cached(`relative:${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }))

const dateFormat = (locale: string, withYear: boolean) =>
  cached(`date:${locale}:${withYear}`, () =>
    new Intl.DateTimeFormat(locale, withYear ? { year: 'numeric', month: 'short', day: 'numeric' } : { month: 'short', day: 'numeric' }),
  )

const fullFormat = (locale: string) =>
  cached(`full:${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }))

/** Whole calendar days (local time) from `then` to `now`. */
function calendarDaysBetween(then: Date, now: Date): number {
  const startOfDay = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime()
  return Math.round((startOfDay(now) - startOfDay(then)) / 86_400_000)
}

/**
 * A record's create time for the list: relative when recent, otherwise a date (with the year if
 * not this year). `justNow` replaces Intl's word for under a minute ("现在" reads oddly as a time).
 */
export function formatRecordTime(unixSeconds: number, locale: string, nowMs: number, justNow?: string): string {
  const then = new Date(unixSeconds * 1000)
  const now = new Date(nowMs)
  const elapsed = Math.floor(nowMs / 1000) - unixSeconds
  const relative = relativeFormat(locale)
  // A clock a little ahead of the server's must not say "in 2 minutes".
  if (elapsed < MINUTE) return justNow ?? relative.format(0, 'second')
  if (elapsed < HOUR) return relative.format(-Math.floor(elapsed / MINUTE), 'minute')
  const days = calendarDaysBetween(then, now)
  if (days === 0) return relative.format(-Math.floor(elapsed / HOUR), 'hour')
  if (days < RELATIVE_DAYS) return relative.format(-days, 'day')
  return dateFormat(locale, then.getFullYear() !== now.getFullYear()).format(then)
}

/** Date and time in full, for tooltips and the detail panel. */
export function formatFullTime(unixSeconds: number, locale: string): string {
  return fullFormat(locale).format(new Date(unixSeconds * 1000))
}

const dayFormat = (locale: string) => cached(`day:${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }))

/** A date alone (a tenant's date field). */
export function formatDate(unixSeconds: number, locale: string): string {
  return dayFormat(locale).format(new Date(unixSeconds * 1000))
}
