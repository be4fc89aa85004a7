/** Persisting the index (what happens a little after writes stop), timed and watched for long tasks. */
import type { PersistReport } from './api'
import { openedCache } from './cache'
import { longestTask, settle } from './long-tasks'

export async function flush(): Promise<PersistReport> {
  const { search } = openedCache()
  const started = performance.now()
  await search.flush()
  const ended = performance.now()
  await settle()
  return { ms: Math.round(ended - started), longest_task_ms: longestTask(started, ended) }
}
