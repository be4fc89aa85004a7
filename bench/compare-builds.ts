/**
 * Two builds of the renderer against each other: whole-app cold starts (bench/app-cold-start.ts)
 * interleaved, A B, B A, …, three starts per turn, and the medians of each side. Interleaving
 * spreads the shared machine's changing load over both sides; only a difference well beyond the
 * spread of each side's runs means anything.
 *
 *   npm run build && cp -r out/renderer /tmp/before   # at the commit to compare with
 *   npm run build && cp -r out/renderer /tmp/after    # at the change
 *   npm run bench:compare -- /tmp/before /tmp/after [records=5000] [rounds=4]
 */
import { appColdStarts, type AppColdStartRun } from './app-cold-start'

const [before, after, records = '5000', rounds = '4'] = process.argv.slice(2)
if (!before || !after) {
  console.error('usage: npm run bench:compare -- <renderer dir A> <renderer dir B> [records] [rounds]')
  process.exit(2)
}

const MEASURES = ['first_row_ms', 'search_answered_ms', 'live_row_ms'] as const satisfies readonly (keyof AppColdStartRun)[]
type Measure = (typeof MEASURES)[number]

const runs = new Map<string, AppColdStartRun[]>([
  [before, []],
  [after, []],
])
for (let round = 0; round < Number(rounds); round++) {
  for (const dir of round % 2 === 0 ? [before, after] : [after, before]) {
    runs.get(dir)!.push(...(await appColdStarts(Number(records), 3, (text) => console.error(`[${dir}] ${text}`), dir)))
  }
}

const median = (values: readonly number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? NaN
const summary = Object.fromEntries(
  [...runs].map(([dir, measured]) => [
    dir,
    Object.fromEntries(MEASURES.map((measure: Measure) => [measure, { median: median(measured.map((run) => run[measure])), runs: measured.map((run) => run[measure]) }])),
  ]),
)
console.log(JSON.stringify({ records: Number(records), starts_per_side: runs.get(before)!.length, builds: summary }, null, 2))
