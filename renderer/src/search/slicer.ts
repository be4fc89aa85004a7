/**
 * Long work (building, loading, persisting the index) cut into slices that each leave the main
 * thread within a few milliseconds, so typing and scrolling stay smooth meanwhile.
 */
export interface Slicer {
  /** Whether this slice has used its budget: time to `yield`. */
  spent(): boolean
  /** Lets the event loop run (input, rendering, IndexedDB events), then starts a new slice. */
  yield(): Promise<void>
}

interface SchedulerWithYield {
  yield(): Promise<void>
}

export function createSlicer(budgetMs = 8): Slicer {
  let started = performance.now()
  return {
    spent: () => performance.now() - started >= budgetMs,
    async yield() {
      await yieldToEventLoop()
      started = performance.now()
    },
  }
}

/** scheduler.yield() where the browser has it (it resumes ahead of other tasks); else a macrotask. */
function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<SchedulerWithYield> }).scheduler
  if (typeof scheduler?.yield === 'function') return scheduler.yield()
  return new Promise((resolve) => setTimeout(resolve, 0))
}
