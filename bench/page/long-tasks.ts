/**
 * Main-thread tasks of 50 ms and more (the Long Tasks API), kept from page start so a scenario
 * can ask for the longest one inside its own time window.
 */
const tasks: { start: number; end: number }[] = []

new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, end: entry.startTime + entry.duration })
}).observe({ type: 'longtask', buffered: true })

/** The longest task that overlapped [from, to] (performance.now() times), 0 if none reached 50 ms. */
export function longestTask(from: number, to: number): number {
  let longest = 0
  for (const task of tasks) if (task.end >= from && task.start <= to) longest = Math.max(longest, task.end - task.start)
  return Math.round(longest)
}

/** Lets pending long-task entries be delivered before a window is read. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 50))
}
