import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Agent, type Dispatcher } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAuthedClient, createTokenSource, passwordGrant, type TokenSet } from '../../../../electron/main/crm/auth'
import { DEMO_ACCOUNT, startDemoServer, type DemoServer } from '../../../../electron/main/demo/server'
import { createLogger, type Logger } from '../../../../electron/main/logging/logger'
import { demoAccountConfig } from '../../../support/demo-account'

/**
 * Logs every request and answer in full (headers, bodies) at debug level: the most a verbose
 * build could ever write, and so the hardest test for the logger's redaction.
 */
function tracing(logger: Logger): Dispatcher.DispatcherComposeInterceptor {
  const log = logger.scope('http')
  return (dispatch) => (options, handler) => {
    log.debug('request', {
      method: options.method,
      origin: String(options.origin),
      path: options.path,
      headers: options.headers,
      body: typeof options.body === 'string' ? options.body : undefined,
    })
    log.debug(`--> ${options.method} ${String(options.origin)}${options.path} body=${typeof options.body === 'string' ? options.body : ''}`)
    const chunks: Buffer[] = []
    let status = 0
    let headers: unknown
    return dispatch(options, {
      onRequestStart: (controller, context) => handler.onRequestStart?.(controller, context),
      onRequestUpgrade: (controller, statusCode, upgradeHeaders, socket) => handler.onRequestUpgrade?.(controller, statusCode, upgradeHeaders, socket),
      onResponseStart(controller, statusCode, responseHeaders, statusMessage) {
        status = statusCode
        headers = responseHeaders
        return handler.onResponseStart?.(controller, statusCode, responseHeaders, statusMessage)
      },
      onResponseData(controller, chunk) {
        chunks.push(chunk)
        return handler.onResponseData?.(controller, chunk)
      },
      onResponseEnd(controller, trailers) {
        const text = Buffer.concat(chunks).toString('utf8')
        log.debug('response', { status, headers, body: text })
        log.debug(`<-- ${status} ${text}`)
        try {
          log.debug('response json', JSON.parse(text))
        } catch {
          // Not JSON: logged as text above.
        }
        return handler.onResponseEnd?.(controller, trailers)
      },
      onResponseError(controller, error) {
        log.debug('response failed', error)
        return handler.onResponseError?.(controller, error)
      },
    })
  }
}

describe('the log file holds no secret after sign-in and sync traffic logged verbosely', () => {
  let demo: DemoServer
  let dir: string
  let logger: Logger
  let agent: Agent
  const issued: TokenSet[] = []

  beforeAll(async () => {
    demo = await startDemoServer({ records: 60 })
    dir = await mkdtemp(join(tmpdir(), 'ecrm-log-'))
    logger = createLogger({ file: join(dir, 'logs', 'main.log'), level: 'debug' })
    agent = new Agent()
  })

  afterAll(async () => {
    await agent.close()
    await demo.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('signs in, lists, reads, creates, deletes, refreshes an expired token, and logs it all', async () => {
    const dispatcher = agent.compose(tracing(logger))
    const account = demoAccountConfig(demo)
    const log = logger.scope('session')
    log.info('signing in', { account, password: DEMO_ACCOUNT.password })

    const tokens = await passwordGrant(account, DEMO_ACCOUNT.password, { dispatcher })
    issued.push(tokens)
    log.debug('signed in', tokens)
    log.debug(`headers: { Authorization: 'Bearer ${tokens.accessToken}' }`)

    const tokenSource = createTokenSource({
      account,
      tokens,
      dispatcher,
      onTokens: (next) => {
        issued.push(next)
        log.debug('tokens refreshed', next)
      },
    })
    const client = createAuthedClient({ account, tokenSource, dispatcher })

    const types = await client.recordTypes()
    const page = await client.listRecords({ page_size: 20 })
    const first = page.rows[0]
    expect(first).toBeDefined()
    const record = await client.getRecord(first!.id)
    log.debug('record read', { id: record.id })

    demo.expireTokens()
    const created = await client.createRecord({ cle_id: first!.cle_id, record_type: types[0]!.id, record_content: '电话回访，客户需要报价单' })
    await client.deleteRecords([created.id])

    demo.revokeRefreshTokens()
    demo.expireTokens()
    await expect(client.recordTypes()).rejects.toMatchObject({ kind: 'auth' })
    expect(issued.length).toBeGreaterThanOrEqual(2)
  })

  it('wrote the traffic to the file', async () => {
    const text = await readFile(logger.file, 'utf8')
    expect(text).toContain('/oauth2/token')
    expect(text).toContain('grant_type=password')
    expect(text).toContain('grant_type=refresh_token')
    expect(text).toMatch(/authorization/i)
    expect(text).toContain('[REDACTED]')
  })

  it('contains none of the access tokens, refresh tokens, password or client secret', async () => {
    const text = await readFile(logger.file, 'utf8')
    const secrets = [
      ...issued.flatMap((set) => [set.accessToken, set.refreshToken]),
      DEMO_ACCOUNT.password,
      DEMO_ACCOUNT.clientSecret,
    ].filter((secret): secret is string => typeof secret === 'string')
    expect(secrets.length).toBeGreaterThanOrEqual(5)
    const found = secrets.filter((secret) => text.includes(secret))
    expect(found, 'secrets in the log file').toEqual([])
  })
})
