/**
 * Times in the user's language, relative ones kept current: "刚刚" becomes "1分钟前" without a reload.
 * One shared clock ticks each minute while any screen uses it.
 */
import { computed, onScopeDispose, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { formatDate, formatFullTime, formatRecordTime } from '../records/record-time'

const TICK_MS = 60_000
const now = ref(Date.now())
let users = 0
let timer: ReturnType<typeof setInterval> | undefined

function startClock(): void {
  if (users++ === 0) {
    now.value = Date.now()
    timer = setInterval(() => (now.value = Date.now()), TICK_MS)
  }
}

function stopClock(): void {
  if (--users === 0) clearInterval(timer)
}

export function useRecordTime() {
  const { t, locale } = useI18n()
  startClock()
  onScopeDispose(stopClock)
  const justNow = computed(() => t('records.time.justNow'))
  return {
    /** For lists: relative when recent. */
    relative: (unixSeconds: number): string => formatRecordTime(unixSeconds, locale.value, now.value, justNow.value),
    /** Date and time in full. */
    full: (unixSeconds: number): string => formatFullTime(unixSeconds, locale.value),
    date: (unixSeconds: number): string => formatDate(unixSeconds, locale.value),
  }
}
