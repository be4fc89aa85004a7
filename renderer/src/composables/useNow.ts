import { onScopeDispose, ref, type Ref } from 'vue'

/** The current time (epoch ms), refreshed every `intervalMs`: enough to keep "3 minutes ago" true. */
export function useNow(intervalMs = 15_000): Ref<number> {
  const now = ref(Date.now())
  const timer = setInterval(() => {
    now.value = Date.now()
  }, intervalMs)
  onScopeDispose(() => clearInterval(timer))
  return now
}
