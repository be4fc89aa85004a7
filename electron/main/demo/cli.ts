/**
 * Runs the demo server standalone:
 *   npm run demo-server -- --port 8787 --records 5000 [--seed 1] [--host 127.0.0.1]
 *                          [--faults "serverErrorRate=0.2,resetAfterCommitRate=0.1,latencyMs=50"]
 */
import { parseArgs } from 'node:util'
import { parseFaultSpec } from './faults'
import { DEMO_ACCOUNT, startDemoServer } from './server'

function integer(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback
  const value = Number(text)
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`--${name} needs a non-negative integer, got "${text}"`)
  return value
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      records: { type: 'string' },
      seed: { type: 'string' },
      faults: { type: 'string' },
    },
  })
  const server = await startDemoServer({
    port: integer('port', values.port, 8787),
    host: values.host ?? '127.0.0.1',
    records: integer('records', values.records, 200),
    seed: integer('seed', values.seed, 1),
    faults: values.faults === undefined ? {} : parseFaultSpec(values.faults),
  })
  console.log(`E-CRM demo server: ${server.store.count()} records`)
  console.log(`  API base   ${server.url}`)
  console.log(`  Token URL  ${server.tokenUrl}`)
  console.log(`  client_id=${DEMO_ACCOUNT.clientId} client_secret=${DEMO_ACCOUNT.clientSecret}`)
  console.log(`  username=${DEMO_ACCOUNT.enterpriseCode}|${DEMO_ACCOUNT.agentNo} password=${DEMO_ACCOUNT.password}`)
  if (values.faults) console.log(`  faults     ${values.faults}`)
  let stopping = false
  const stop = (signal: string): void => {
    if (stopping) return
    stopping = true
    console.log(`${signal}: stopping after ${server.stats.requests} requests`)
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
