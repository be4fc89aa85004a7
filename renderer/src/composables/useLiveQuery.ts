/**
 * A Dexie live query as a Vue ref: re-run whenever the tables it read change (writes by this page
 * or by main's sync engine through the hosted store alike), and re-subscribed when a source it
 * depends on (the open database) changes. Works in components and in setup stores.
 */
import { liveQuery, type Subscription } from 'dexie'
import { onScopeDispose, shallowRef, watch, type ShallowRef, type WatchSource } from 'vue'

export function useLiveQuery<T, S>(source: WatchSource<S>, query: (value: S) => T | Promise<T>, initial: T): ShallowRef<T> {
  const result = shallowRef<T>(initial)
  let subscription: Subscription | undefined

  watch(
    source,
    (value) => {
      subscription?.unsubscribe()
      result.value = initial
      subscription = liveQuery(() => query(value)).subscribe({
        next: (next) => {
          result.value = next
        },
        // A failed read (the database closed under it at sign-out) leaves the last value.
        error: () => undefined,
      })
    },
    { immediate: true },
  )
  onScopeDispose(() => subscription?.unsubscribe())
  return result
}
