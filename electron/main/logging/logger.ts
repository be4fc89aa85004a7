import { readFile } from 'node:fs/promises'
import electronLog from 'electron-log/node'
import { createRedactor } from './redact'

export type LogLevel = 'error' | 'warn' | 'info' | 'debug'

export interface LogFunctions {
  error(...data: unknown[]): void
  warn(...data: unknown[]): void
  info(...data: unknown[]): void
  debug(...data: unknown[]): void
}

export interface Logger extends LogFunctions {
  /** Log functions whose lines carry a label, e.g. logger.scope('sync'). */
  scope(label: string): LogFunctions
  /** Scrubs this exact value from every later line (tokens and passwords, as they become known). */
  addSecret(value: string | undefined): void
  /** The same scrubbing, for text leaving the app by other ways (the diagnostics report). */
  redactText(text: string): string
  /** The log file being written. */
  readonly file: string
  /** The last `count` lines written, across the rotated file and the current one. */
  lastLines(count: number): Promise<string[]>
  /** Routes uncaught exceptions and unhandled rejections to the log (no dialog). */
  catchErrors(): void
}

export interface LoggerOptions {
  file: string
  level?: LogLevel
  /** Rotation: past this size the file becomes `<name>.old.log` and a new one starts. */
  maxSizeBytes?: number
  /** Echo to stdout too (dev runs). */
  console?: boolean
}

let instances = 0

/**
 * The app's logger: electron-log writing one rotating file. Every message goes through the
 * redactor before any transport sees it, so a secret cannot reach the file or the console
 * whatever a caller passes (headers, request bodies, token answers, errors). Plain Node: the file
 * path is given, so tests and the shell alike create it.
 */
export function createLogger(options: LoggerOptions): Logger {
  const redactor = createRedactor()
  const log = electronLog.create({ logId: `ecrm-${process.pid}-${++instances}` })
  const level = options.level ?? 'info'

  log.transports.file.resolvePathFn = () => options.file
  log.transports.file.level = level
  log.transports.file.maxSize = options.maxSizeBytes ?? 2 * 1024 * 1024
  log.transports.file.format = '[{y}-{m}-{d} {h}:{i}:{s}.{ms}] [{level}]{scope} {text}'
  log.transports.console.level = options.console ? level : false
  log.hooks.push((message) => ({ ...message, data: message.data.map((item) => redactor.redact(item)) }))

  const file = options.file
  const oldFile = file.replace(/(\.log)?$/, '.old.log')

  async function readLines(path: string): Promise<string[]> {
    try {
      return (await readFile(path, 'utf8')).split(/\r?\n/).filter((line) => line !== '')
    } catch {
      return []
    }
  }

  return {
    error: (...data) => log.error(...data),
    warn: (...data) => log.warn(...data),
    info: (...data) => log.info(...data),
    debug: (...data) => log.debug(...data),
    scope: (label) => log.scope(label),
    addSecret: (value) => redactor.addSecret(value),
    redactText: (text) => redactor.redactText(text),
    file,
    async lastLines(count) {
      const current = await readLines(file)
      const lines = current.length >= count ? current : [...(await readLines(oldFile)), ...current]
      return count > 0 ? lines.slice(-count) : []
    },
    catchErrors() {
      log.errorHandler.startCatching({ showDialog: false })
    },
  }
}
