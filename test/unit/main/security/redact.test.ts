import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createLogger } from '../../../../electron/main/logging/logger'
import { createRedactor, isSecretKey, REDACTED } from '../../../../electron/main/logging/redact'

const TOKEN = '3f9c2a7be41d08c5a6f7e9d1b2c3a4f5e6d7c8b9'

describe('isSecretKey', () => {
  it.each(['password', 'Password', 'token', 'access_token', 'refresh_token', 'accessToken', 'refreshToken', 'client_secret', 'clientSecret', 'secret', 'authorization', 'Authorization', 'proxy-authorization', 'access-token', 'x-access-token', 'cookie', 'set-cookie', 'apiKey', 'api_key'])(
    '%s is secret',
    (key) => expect(isSecretKey(key)).toBe(true),
  )

  it.each(['tokenUrl', 'baseUrl', 'expiresAt', 'expires_in', 'token_type', 'clientId', 'agentNo', 'enterpriseCode', 'username', 'record_type'])('%s is not', (key) => {
    expect(isSecretKey(key)).toBe(false)
  })
})

describe('redactText', () => {
  const { redactText } = createRedactor()

  it.each([
    [`client_id=ecrm&client_secret=s3cr3t-x&grant_type=password&username=demo%7C8001&password=p%40ss&scope=openid`, ['s3cr3t-x', 'p%40ss'], 'grant_type=password'],
    [`grant_type=refresh_token&refresh_token=${TOKEN}&client_id=ecrm`, [TOKEN], 'grant_type=refresh_token'],
    [`{"access_token":"${TOKEN}","token_type":"bearer","expires_in":86400,"refresh_token":"r-${TOKEN}"}`, [TOKEN], '"expires_in":86400'],
    [`{ "password" : "a \\" quoted" }`, ['quoted'], '"password"'],
    [`Authorization: Bearer ${TOKEN}`, [TOKEN], 'Authorization'],
    [`headers: { authorization: 'Bearer ${TOKEN}' }`, [TOKEN], 'authorization'],
    [`access-token: ${TOKEN}`, [TOKEN], 'access-token'],
    [`GET /openapi/v1/records?access_token=${TOKEN}&page_size=20`, [TOKEN], 'page_size=20'],
    [`Basic ZWNybS1kZW1vOmRlbW8tc2VjcmV0`, ['ZWNybS1kZW1vOmRlbW8tc2VjcmV0'], 'Basic'],
    [`id token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI4MDAxIn0.c2lnbmF0dXJl here`, ['eyJhbGciOiJIUzI1NiJ9'], 'here'],
    [`proxy https://agent:hunter22@proxy.example.com:3128`, ['hunter22', 'agent:'], 'proxy.example.com'],
  ])('%s', (input, gone, kept) => {
    const out = redactText(input)
    for (const secret of gone) expect(out).not.toContain(secret)
    expect(out).toContain(kept)
    expect(out).toContain(REDACTED)
  })

  it('leaves ordinary text alone', () => {
    const text = 'GET /openapi/v1/records?page_size=20&cursor=abc 200 in 35 ms; tokenUrl=https://account.example.com/oauth2/token'
    expect(redactText(text)).toBe(text)
  })
})

describe('redact (values)', () => {
  it('scrubs nested secret keys and strings without touching the original', () => {
    const redactor = createRedactor()
    const original = { account: { clientId: 'c', clientSecret: 'shh-123' }, tokens: { accessToken: TOKEN, expiresAt: 5 }, list: [`password=${TOKEN}`] }
    const out = redactor.redact(original)
    expect(out).toEqual({ account: { clientId: 'c', clientSecret: REDACTED }, tokens: { accessToken: REDACTED, expiresAt: 5 }, list: [`password=${REDACTED}`] })
    expect(original.tokens.accessToken).toBe(TOKEN)
  })

  it('scrubs errors (message, stack, own fields, cause) and keeps them errors', () => {
    const redactor = createRedactor()
    const cause = Object.assign(new Error(`refresh_token=${TOKEN} refused`), { refreshToken: TOKEN })
    const error = Object.assign(new Error(`token request failed: {"access_token":"${TOKEN}"}`, { cause }), { status: 401 })
    const out = redactor.redact(error) as Error & { status: number; cause: Error & { refreshToken: string } }
    expect(out).toBeInstanceOf(Error)
    expect(out.status).toBe(401)
    expect(JSON.stringify([out.message, out.stack, out.cause.message, out.cause.stack, out.cause.refreshToken])).not.toContain(TOKEN)
  })

  it('copes with cycles, maps, URLs, bytes and functions', () => {
    const redactor = createRedactor()
    const cyclic: Record<string, unknown> = { name: 'loop' }
    cyclic['self'] = cyclic
    const out = redactor.redact({
      cyclic,
      map: new Map([['authorization', `Bearer ${TOKEN}`]]),
      url: new URL(`https://u:p4ssw0rd@example.com/?access_token=${TOKEN}`),
      bytes: Buffer.from(TOKEN),
      fn: () => TOKEN,
    })
    expect(JSON.stringify(out, (_key, value: unknown) => (value instanceof Map ? [...value] : value))).not.toMatch(new RegExp(`${TOKEN}|p4ssw0rd`))
  })

  it('scrubs values registered as secrets wherever they appear', () => {
    const redactor = createRedactor()
    redactor.addSecret(TOKEN)
    redactor.addSecret('abc') // too short to be told from ordinary words: ignored
    expect(redactor.redactText(`opaque ${TOKEN} in free text, abc`)).toBe(`opaque ${REDACTED} in free text, abc`)
  })
})

describe('createLogger', () => {
  let dir: string | undefined
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('writes to the given file, honours the level, and scrubs before writing', async () => {
    dir = await mkdtemp(join(tmpdir(), 'ecrm-logger-'))
    const logger = createLogger({ file: join(dir, 'main.log'), level: 'info' })
    logger.debug('not written')
    logger.scope('auth').info('signed in', { accessToken: TOKEN })
    logger.addSecret('opaque-secret-value')
    logger.warn(new Error('server said opaque-secret-value'))
    const text = await readFile(logger.file, 'utf8')
    expect(text).not.toContain('not written')
    expect(text).toMatch(/\[info\]\s+\(auth\)\s+signed in/)
    expect(text).not.toContain(TOKEN)
    expect(text).not.toContain('opaque-secret-value')
  })

  it('rotates past the size limit and reads the last lines across both files', async () => {
    dir = await mkdtemp(join(tmpdir(), 'ecrm-logger-'))
    const logger = createLogger({ file: join(dir, 'main.log'), maxSizeBytes: 2000 })
    for (let i = 0; i < 60; i++) logger.info(`line ${i} ${'x'.repeat(40)}`)
    await expect(readFile(join(dir, 'main.old.log'), 'utf8')).resolves.toContain('line ')
    const current = (await readFile(logger.file, 'utf8')).trim().split('\n')
    expect(current.length).toBeLessThan(20)
    const last = await logger.lastLines(20)
    expect(last.map((line) => Number(/line (\d+) /.exec(line)?.[1]))).toEqual(Array.from({ length: 20 }, (_, i) => 40 + i))
    expect(await logger.lastLines(0)).toEqual([])
  })
})
