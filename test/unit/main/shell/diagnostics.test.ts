import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { buildDiagnosticsReport, type DiagnosticsSources } from '../../../../electron/main/diagnostics/report'
import { createLogger } from '../../../../electron/main/logging/logger'
import { createRedactor } from '../../../../electron/main/logging/redact'

const TOKEN = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678'

function sources(overrides: Partial<DiagnosticsSources> = {}): DiagnosticsSources {
  return {
    app: { name: 'E-CRM Follow-ups', version: '1.2.3', packaged: true, versions: { electron: '45.5.0', chrome: '142.0.0.0', node: '22.20.0', v8: undefined } },
    os: { platform: 'win32', release: '10.0.22631', arch: 'x64', locale: 'zh-CN' },
    syncCounts: () => ({ activity: 'pulling', online: 'online', outboxPending: 3, records: 1200 }),
    logLines: async (count) => Array.from({ length: count }, (_, i) => `line ${i}`),
    redactText: createRedactor().redactText,
    now: new Date('2026-03-04T05:06:07.890Z'),
    ...overrides,
  }
}

describe('buildDiagnosticsReport', () => {
  let dir: string | undefined
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('has the app version, OS, sync state and the last log lines', async () => {
    const { text, fileName } = await buildDiagnosticsReport(sources({ lineCount: 5 }))
    expect(fileName).toBe('ecrm-diagnostics-20260304-050607.txt')
    expect(text).toContain('version: 1.2.3')
    expect(text).toContain('electron: 45.5.0')
    expect(text).toContain('platform: win32 10.0.22631 (x64)')
    expect(text).toContain('locale: zh-CN')
    expect(text).toContain('activity: pulling')
    expect(text).toContain('outboxPending: 3')
    expect(text).toMatch(/## Log.*\nline 0\nline 1\nline 2\nline 3\nline 4\n$/s)
    expect(text).not.toContain('v8')
  })

  it('marks a development build', async () => {
    const { text } = await buildDiagnosticsReport(sources({ app: { ...sources().app, packaged: false } }))
    expect(text).toContain('version: 1.2.3 (development build)')
  })

  it('admits only numbers and state names from the sync provider, never free text', async () => {
    const { text } = await buildDiagnosticsReport(
      sources({
        syncCounts: () => ({
          outboxPending: 2,
          lastError: 'Record 客户张三 13800138000 rejected',
          content: '<p>报价 5 万</p>',
          'bad name with spaces': 1,
          nan: Number.NaN,
        }),
      }),
    )
    expect(text).toContain('outboxPending: 2')
    expect(text).not.toMatch(/张三|13800138000|报价|bad name|nan:/)
  })

  it('says so when the sync state or the log cannot be had, and still builds', async () => {
    const { text } = await buildDiagnosticsReport(
      sources({
        syncCounts: () => {
          throw new TypeError(`renderer gone, token ${TOKEN}`)
        },
        logLines: () => Promise.reject(new Error('EACCES')),
      }),
    )
    expect(text).toContain('(sync state unavailable: TypeError)')
    expect(text).toContain('(the log could not be read)')
    expect(text).not.toContain(TOKEN)
  })

  it('scrubs secrets again and cuts long lines, so no payload rides along whole', async () => {
    const lines = [`refresh_token=${TOKEN}`, `Authorization: Bearer ${TOKEN}`, 'x'.repeat(5000)]
    const { text } = await buildDiagnosticsReport(sources({ logLines: async () => lines }))
    expect(text).not.toContain(TOKEN)
    expect(text).not.toContain('x'.repeat(501))
  })

  it('works end to end with the real logger: secrets logged never reach the report', async () => {
    dir = await mkdtemp(join(tmpdir(), 'ecrm-diag-'))
    const logger = createLogger({ file: join(dir, 'main.log'), level: 'debug' })
    logger.info('sign-in', { password: 'demo123', tokens: { accessToken: TOKEN } })
    for (let i = 0; i < 10; i++) logger.debug(`sync pass ${i}`)
    const { text } = await buildDiagnosticsReport(sources({ logLines: (count) => logger.lastLines(count), redactText: logger.redactText, lineCount: 300 }))
    expect(text).toContain('sync pass 9')
    expect(text).not.toMatch(new RegExp(`demo123|${TOKEN}`))
  })
})
