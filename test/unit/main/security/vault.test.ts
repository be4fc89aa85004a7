import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSecretVault, SESSION_FILE, VaultUnavailableError, type StoredSession, type VaultCrypto } from '../../../../electron/main/secrets/vault'

const SESSION: StoredSession = {
  account: {
    baseUrl: 'https://e-crm.example.com/openapi/v1',
    tokenUrl: 'https://account.example.com/oauth2/token',
    clientId: 'client',
    clientSecret: 'client-secret-value',
    enterpriseCode: 'acme',
    agentNo: '8001',
  },
  demo: false,
  tokens: { accessToken: 'access-token-value', refreshToken: 'refresh-token-value', expiresAt: 1_800_000_000_000 },
}

/** A reversible stand-in for safeStorage: XOR with a key, so ciphertext never equals the plain text. */
function fakeCrypto(overrides: Partial<VaultCrypto> & { key?: number } = {}): VaultCrypto {
  const key = overrides.key ?? 0x5a
  const xor = (bytes: Buffer) => Buffer.from(bytes.map((b) => b ^ key))
  return {
    isEncryptionAvailable: () => true,
    encrypt: (text) => xor(Buffer.from(text, 'utf8')),
    decrypt: (data) => xor(data).toString('utf8'),
    backend: () => 'gnome_libsecret',
    ...overrides,
  }
}

describe('createSecretVault', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ecrm-vault-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('saves, loads and clears a session', async () => {
    const vault = createSecretVault({ dir, crypto: fakeCrypto() })
    expect(await vault.load()).toBeNull()
    await vault.save(SESSION)
    expect(await vault.load()).toEqual(SESSION)
    await vault.clear()
    expect(await vault.load()).toBeNull()
    await vault.clear() // clearing nothing is fine
  })

  it('writes only ciphertext: no token, secret or account field readable in the file', async () => {
    await createSecretVault({ dir, crypto: fakeCrypto() }).save(SESSION)
    const bytes = await readFile(join(dir, SESSION_FILE))
    const asText = bytes.toString('latin1')
    for (const value of ['access-token-value', 'refresh-token-value', 'client-secret-value', 'acme', 'accessToken']) {
      expect(asText).not.toContain(value)
    }
  })

  it('never stores a password, even if one is passed along', async () => {
    const crypto = fakeCrypto()
    await createSecretVault({ dir, crypto }).save({ ...SESSION, password: 'hunter2' } as StoredSession)
    const plain = await crypto.decrypt(await readFile(join(dir, SESSION_FILE)))
    expect(plain).not.toContain('hunter2')
    expect(await createSecretVault({ dir, crypto }).load()).toEqual(SESSION)
  })

  it('replaces the file atomically and leaves no temporary files', async () => {
    const vault = createSecretVault({ dir, crypto: fakeCrypto() })
    await Promise.all(Array.from({ length: 10 }, (_, i) => vault.save({ ...SESSION, tokens: { ...SESSION.tokens, expiresAt: i } })))
    expect(await readdir(dir)).toEqual([SESSION_FILE])
    expect((await vault.load())?.tokens.expiresAt).toBe(9)
  })

  it('runs operations in call order: a save before a clear cannot bring the session back', async () => {
    let release: () => void = () => undefined
    const slow = fakeCrypto({
      encrypt: async (text) => {
        await new Promise<void>((resolve) => (release = resolve))
        return fakeCrypto().encrypt(text)
      },
    })
    const vault = createSecretVault({ dir, crypto: slow })
    const saving = vault.save(SESSION)
    const clearing = vault.clear()
    await new Promise((resolve) => setTimeout(resolve, 10))
    release()
    await Promise.all([saving, clearing])
    expect(await vault.load()).toBeNull()
  })

  it('drops a file it cannot decrypt (another OS user, a reset keyring) or parse', async () => {
    await createSecretVault({ dir, crypto: fakeCrypto({ key: 0x11 }) }).save(SESSION)
    const otherKey = createSecretVault({ dir, crypto: fakeCrypto({ key: 0x22 }) })
    expect(await otherKey.load()).toBeNull()
    expect(await readdir(dir)).toEqual([])

    await writeFile(join(dir, SESSION_FILE), Buffer.from('garbage'))
    const failing = createSecretVault({ dir, crypto: fakeCrypto({ decrypt: () => Promise.reject(new Error('Error while decrypting')) }) })
    expect(await failing.load()).toBeNull()
    expect(await readdir(dir)).toEqual([])
  })

  it('re-encrypts when the OS says the key changed, and keeps the session', async () => {
    const crypto = fakeCrypto()
    await createSecretVault({ dir, crypto }).save(SESSION)
    const before = await readFile(join(dir, SESSION_FILE))
    let encrypted = 0
    const rotating = createSecretVault({
      dir,
      crypto: fakeCrypto({
        decrypt: async (data) => ({ result: await crypto.decrypt(data) as string, shouldReEncrypt: true }),
        encrypt: (text) => {
          encrypted++
          return Buffer.concat([Buffer.from('v2:'), Buffer.from(text)])
        },
      }),
    })
    expect(await rotating.load()).toEqual(SESSION)
    expect(encrypted).toBe(1)
    expect((await readFile(join(dir, SESSION_FILE))).equals(before)).toBe(false)
  })

  it('refuses to save when no OS store is available, and says so', async () => {
    const vault = createSecretVault({ dir, crypto: fakeCrypto({ isEncryptionAvailable: async () => false }) })
    await expect(vault.save(SESSION)).rejects.toBeInstanceOf(VaultUnavailableError)
    expect(await readdir(dir)).toEqual([])
    expect(await vault.status()).toMatchObject({ available: false, weakProtection: true })
  })

  it.each([
    ['basic_text', true],
    ['unknown', true],
    ['gnome_libsecret', false],
    ['kwallet6', false],
    ['keychain', false],
    ['dpapi', false],
  ])('backend %s: weakProtection %s', async (backend, weak) => {
    const vault = createSecretVault({ dir, crypto: fakeCrypto({ backend: () => backend }) })
    expect(await vault.status()).toEqual({ available: true, backend, weakProtection: weak })
  })
})
