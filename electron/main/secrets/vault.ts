import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import type { AccountConfig, TokenSet } from '../crm/auth'
import { writeFileAtomic } from './atomic-file'

type MaybePromise<T> = T | Promise<T>

/** A decryption whose key has since been rotated or upgraded: the caller should encrypt it again. */
export interface StaleDecryption {
  result: string
  shouldReEncrypt: boolean
}

/**
 * The OS secret store, as the vault needs it: Electron's safeStorage in the app (see
 * shell/safe-storage.ts), a stand-in in tests. Methods may answer synchronously or not, since
 * Electron 45 deprecates the synchronous safeStorage calls.
 */
export interface VaultCrypto {
  isEncryptionAvailable(): MaybePromise<boolean>
  encrypt(plainText: string): MaybePromise<Buffer>
  decrypt(encrypted: Buffer): MaybePromise<string | StaleDecryption>
  /** Which store protects the key: 'keychain', 'dpapi', 'gnome_libsecret', 'kwallet5', 'basic_text'... */
  backend(): string
}

/** What is kept to stay signed in across restarts. Never the password. */
export interface StoredSession {
  account: AccountConfig
  demo: boolean
  tokens: TokenSet
}

export interface VaultStatus {
  /** Whether anything can be saved at all (an OS store is there and unlocked). */
  available: boolean
  backend: string
  /**
   * The key is not protected by an OS keyring (Linux without one: `basic_text`, a key built into
   * Electron). The file is then obfuscated rather than encrypted, and the UI should tell the user
   * and let them choose not to stay signed in.
   */
  weakProtection: boolean
}

export interface SecretVault {
  status(): Promise<VaultStatus>
  /** Replaces the stored session. Throws VaultUnavailableError when nothing can be encrypted. */
  save(session: StoredSession): Promise<void>
  /** The stored session, or null when there is none or it cannot be read any more (then it is removed). */
  load(): Promise<StoredSession | null>
  clear(): Promise<void>
}

export class VaultUnavailableError extends Error {
  override readonly name = 'VaultUnavailableError'
  readonly kind = 'vault_unavailable'
  readonly retryable = false
  constructor() {
    super('No OS secret store is available to keep the session')
  }
}

/** Backends whose key is not held by an OS keyring. */
const WEAK_BACKENDS: ReadonlySet<string> = new Set(['basic_text', 'unknown'])

const nonEmpty = z.string().min(1)

const storedSessionSchema = z.object({
  version: z.literal(1),
  account: z.object({
    baseUrl: nonEmpty,
    tokenUrl: nonEmpty,
    clientId: nonEmpty,
    clientSecret: nonEmpty,
    enterpriseCode: nonEmpty,
    agentNo: nonEmpty,
  }),
  demo: z.boolean(),
  tokens: z.object({
    accessToken: nonEmpty,
    refreshToken: nonEmpty.optional(),
    expiresAt: z.number().finite(),
  }),
})

export const SESSION_FILE = 'session.bin'

/**
 * Keeps the signed-in session (account profile and tokens) in the user-data folder, encrypted
 * with the OS secret store, written atomically. Operations run one at a time in call order, so a
 * token refresh saved just before a sign-out cannot resurrect the session after it.
 */
export function createSecretVault(options: { dir: string; crypto: VaultCrypto }): SecretVault {
  const { crypto } = options
  const file = join(options.dir, SESSION_FILE)
  let queue: Promise<unknown> = Promise.resolve()

  function serial<T>(operation: () => Promise<T>): Promise<T> {
    const next = queue.then(operation, operation)
    queue = next.catch(() => undefined)
    return next
  }

  async function status(): Promise<VaultStatus> {
    const available = await crypto.isEncryptionAvailable()
    const backend = crypto.backend()
    return { available, backend, weakProtection: !available || WEAK_BACKENDS.has(backend) }
  }

  async function write(session: StoredSession): Promise<void> {
    if (!(await crypto.isEncryptionAvailable())) throw new VaultUnavailableError()
    // Parsing keeps exactly the schema's fields: whatever else a caller passes along (a password) is not written.
    const plain = JSON.stringify(storedSessionSchema.parse({ version: 1, ...session }))
    await writeFileAtomic(file, await crypto.encrypt(plain))
  }

  async function read(): Promise<StoredSession | null> {
    let encrypted: Buffer
    try {
      encrypted = await readFile(file)
    } catch {
      return null
    }
    let session: StoredSession
    let stale = false
    try {
      const decrypted = await crypto.decrypt(encrypted)
      stale = typeof decrypted !== 'string' && decrypted.shouldReEncrypt
      const text = typeof decrypted === 'string' ? decrypted : decrypted.result
      const { version: _version, ...rest } = storedSessionSchema.parse(JSON.parse(text))
      session = rest
    } catch {
      // Written under another OS account or keyring, or damaged: useless, and the user signs in again.
      await rm(file, { force: true })
      return null
    }
    if (stale) {
      // The OS rotated or upgraded the key; the old ciphertext still served, so a failure here can wait.
      await write(session).catch(() => undefined)
    }
    return session
  }

  return {
    status,
    save: (session) => serial(() => write(session)),
    load: () => serial(read),
    clear: () => serial(() => rm(file, { force: true })),
  }
}
