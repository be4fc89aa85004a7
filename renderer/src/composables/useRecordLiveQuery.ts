/**
 * A Dexie live query as a Vue ref: the value follows the cache as it changes (a create landing, a
 * pull, the engine marking a record sent). `querier` is reactive: when what it reads changes (the
 * record shown, the window of the list), the query starts over.
 */
import { liveQuery, type Subscription } from 'dexie'
import { onScopeDispose, shallowRef, watch, type ShallowRef } from 'vue'

export function useRecordLiveQuery<T>(
  querier: () => (() => Promise<T>) | undefined,
  onError: (error: unknown) => void = (error) => console.error(error),
): Readonly<ShallowRef<T | undefined>> {
  const value = shallowRef<T>()
  let subscription: Subscription | undefined
  watch(
    querier,
    (query) => {
      subscription?.unsubscribe()
      subscription = query ? liveQuery(query).subscribe({ next: (next) => (value.value = next), error: onError }) : undefined
    },
    { immediate: true },
  )
  onScopeDispose(() => subscription?.unsubscribe())
  return value
}
