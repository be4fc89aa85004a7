import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNT, startDemoServer, type DemoServer } from '../../../electron/main/demo/server'
import { createSecretVault, SESSION_FILE, type VaultCrypto } from '../../../electron/main/secrets/vault'
import { createSessionManager } from '../../../electron/main/session'
import type { SessionInfo, SignInRequest } from '../../../electron/shared/ipc'
import { demoAccountConfig } from '../../support/demo-account'

/** Stands in for the OS store: reversible, and not plain text, so a leak would show. */
const xorCrypto: VaultCrypto = {
  isEncryptionAvailable: () => true,
  encrypt: (text) => Buffer.from(Buffer.from(text).map((b) => b ^ 0x5a)),
  decrypt: (data) => Buffer.from(data.map((b) => b ^ 0x5a)).toString(),
  backend: () => 'keychain',
}

let server: DemoServer
let dir: string
beforeEach(async () => {
  server = await startDemoServer({ records: 50 })
  dir = await mkdtemp(join(tmpdir(), 'ecrm-session-'))
})
afterEach(async () => {
  await server.close()
  await rm(dir, { recursive: true, force: true })
})

function manager(events: SessionInfo[] = []) {
  return createSessionManager({
    vault: createSecretVault({ dir, crypto: xorCrypto }),
    startDemo: async () => ({ url: server.url, tokenUrl: server.tokenUrl, account: { ...DEMO_ACCOUNT } }),
    onChange: (info) => events.push(info),
  })
}

const tenant = (): SignInRequest => ({ ...demoAccountConfig(server), password: DEMO_ACCOUNT.password })

/** Waits (bounded) until the vault file is there or gone: a refused refresh forgets it in the background. */
async function vaultFile(present: boolean): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const exists = await readFile(join(dir, SESSION_FILE)).then(
      () => true,
      () => false,
    )
    if (exists === present) return
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error(`session file still ${present ? 'missing' : 'present'}`)
}

describe('the session across restarts', () => {
  it('is restored from the vault without the password and can call the API', async () => {
    await manager().signIn(tenant())
    const stored = await readFile(join(dir, SESSION_FILE))
    expect(stored.toString('latin1')).not.toContain(DEMO_ACCOUNT.password)

    const next = manager()
    expect(await next.restore()).toMatchObject({ state: 'signed_in', account: { agentNo: '8001', demo: false } })
    expect(await next.client().recordTypes()).toHaveLength(4)
  })

  it('is not kept when the user chose not to stay signed in, nor after signing out', async () => {
    await manager().signIn({ ...tenant(), remember: false })
    expect(await manager().restore()).toEqual({ state: 'signed_out' })

    const first = manager()
    await first.signIn(tenant())
    await first.signOut()
    expect(await manager().restore()).toEqual({ state: 'signed_out' })
  })

  it('ends, and is forgotten, when the server refuses the refresh token', async () => {
    const events: SessionInfo[] = []
    const first = manager(events)
    await first.signIn(tenant())
    server.revokeRefreshTokens()
    server.expireTokens()
    await expect(first.client().recordTypes()).rejects.toMatchObject({ kind: 'auth' })
    expect(events.at(-1)).toEqual({ state: 'signed_out', reason: 'expired' })
    await vaultFile(false)
    expect(await manager().restore()).toEqual({ state: 'signed_out' })
  })
})
