/**
 * Dates, times, numbers and durations in the user's UI language (Intl, keyed by the current
 * vue-i18n locale), so that switching language switches them too.
 */
import { computed } from 'vue'
import { useI18n } from 'vue-i18n'

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
]

/** Words for times too close to count: "刚刚" / "just now" behind, "马上" / "in a moment" ahead. */
export interface NearWords {
  justNow: string
  soon: string
}

/** "3 分钟前" / "3 minutes ago", "2 分钟后" / "in 2 minutes"; `near` within ten seconds. `at` and `now` in epoch ms. */
export function formatRelativeTime(locale: string, at: number, now: number, near: NearWords): string {
  const diff = at - now
  if (Math.abs(diff) < 10_000) return diff > 0 ? near.soon : near.justNow
  const [unit, size] = UNITS.find(([, ms]) => Math.abs(diff) >= ms) ?? UNITS[UNITS.length - 1]!
  return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(Math.round(diff / size), unit)
}

/** A duration as its largest sensible units: "2 分钟 5 秒" / "2 min, 5 sec". */
export function formatDuration(locale: string, seconds: number): string {
  const total = Math.max(0, Math.round(seconds))
  const parts: [Intl.NumberFormatOptions['unit'], number][] = [
    ['hour', Math.floor(total / 3600)],
    ['minute', Math.floor((total % 3600) / 60)],
    ['second', total % 60],
  ]
  const shown = parts.filter(([, n]) => n > 0).slice(0, 2)
  const list = (shown.length > 0 ? shown : [parts[2]!]).map(([unit, n]) =>
    new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(n),
  )
  return new Intl.ListFormat(locale, { style: 'narrow', type: 'unit' }).format(list)
}

export function useLocaleFormat() {
  const { locale, t } = useI18n()
  const dateTimeFormat = computed(() => new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeStyle: 'short' }))
  const numberFormat = computed(() => new Intl.NumberFormat(locale.value))

  return {
    /**
     * `now` is a ticking ref's value (it makes the caller re-render); the clock is read again, so
     * a time that arrived since the last tick never reads as being in the future.
     */
    relativeTime: (at: number, now: number) => formatRelativeTime(locale.value, at, Math.max(now, Date.now()), { justNow: t('time.justNow'), soon: t('time.soon') }),
    dateTime: (at: number) => dateTimeFormat.value.format(at),
    number: (n: number) => numberFormat.value.format(n),
    duration: (seconds: number) => formatDuration(locale.value, seconds),
  }
}
