/**
 * Sync state as counts and state names only, e.g. { activity: 'pulling', outboxPending: 3 }. A
 * string value must be a state name (lower-case word); anything else is dropped, so free text
 * (a record, an error message) cannot slip into the report through here.
 */
export type SyncCounts = Record<string, number | string>

export interface DiagnosticsSources {
  app: { name: string; version: string; packaged: boolean; versions: Record<string, string | undefined> }
  os: { platform: string; release: string; arch: string; locale: string }
  /** The sync engine's counts; may fail (no account signed in, renderer gone), which the report says. */
  syncCounts: () => SyncCounts | Promise<SyncCounts>
  /** The last lines of the log, oldest first. */
  logLines: (count: number) => Promise<string[]>
  /** The logger's redactor: lines were scrubbed when written, this is the second net. */
  redactText: (text: string) => string
  now: Date
  /** How many log lines to include. */
  lineCount?: number
}

export const DEFAULT_LOG_LINES = 300
/** Log lines are for messages and ids; a longer line is cut, so a stray payload cannot ride along whole. */
const MAX_LINE_LENGTH = 500
/** Count names are identifiers, state names are lower-case words: never free text. */
const COUNT_NAME = /^[A-Za-z][\w.-]{0,63}$/
const STATE_NAME = /^[a-z][a-z_-]{0,31}$/

export interface DiagnosticsReport {
  fileName: string
  text: string
}

/**
 * "Help → Export diagnostics": what support needs to tell what happened (versions, OS, sync state
 * as numbers, recent log lines) and nothing else: no records, no account secrets. The user sees
 * and sends the file themselves.
 */
export async function buildDiagnosticsReport(sources: DiagnosticsSources): Promise<DiagnosticsReport> {
  const lines: string[] = [
    `${sources.app.name} diagnostics`,
    `generated: ${sources.now.toISOString()}`,
    '',
    '## App',
    `version: ${sources.app.version}${sources.app.packaged ? '' : ' (development build)'}`,
    ...Object.entries(sources.app.versions)
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
      .map(([name, version]) => `${name}: ${version}`),
    '',
    '## OS',
    `platform: ${sources.os.platform} ${sources.os.release} (${sources.os.arch})`,
    `locale: ${sources.os.locale}`,
    '',
    '## Sync',
    ...(await syncSection(sources.syncCounts)),
    '',
    '## Log (most recent last)',
  ]
  const logLines = await sources.logLines(sources.lineCount ?? DEFAULT_LOG_LINES).catch(() => ['(the log could not be read)'])
  for (const line of logLines) {
    const clipped = line.length > MAX_LINE_LENGTH ? `${line.slice(0, MAX_LINE_LENGTH)} […]` : line
    lines.push(sources.redactText(clipped))
  }
  const stamp = sources.now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-')
  return { fileName: `ecrm-diagnostics-${stamp}.txt`, text: lines.join('\n') + '\n' }
}

async function syncSection(provider: DiagnosticsSources['syncCounts']): Promise<string[]> {
  let counts: SyncCounts
  try {
    counts = await provider()
  } catch (error) {
    return [`(sync state unavailable: ${error instanceof Error ? error.name : 'error'})`]
  }
  const entries = Object.entries(counts).filter(
    ([name, value]) => COUNT_NAME.test(name) && (typeof value === 'number' ? Number.isFinite(value) : STATE_NAME.test(value)),
  )
  return entries.length > 0 ? entries.map(([name, value]) => `${name}: ${value}`) : ['(no sync state)']
}
