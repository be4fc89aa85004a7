import { safeStorage } from 'electron'
import type { VaultCrypto } from '../secrets/vault'

/**
 * The vault's crypto over Electron's safeStorage: Keychain on macOS, DPAPI on Windows, the
 * desktop's keyring on Linux. Uses the asynchronous calls (the synchronous ones are deprecated in
 * Electron 45; data written by either decrypts with both). Call only after app 'ready'.
 */
export function safeStorageCrypto(platform: NodeJS.Platform = process.platform): VaultCrypto {
  return {
    isEncryptionAvailable: () => safeStorage.isAsyncEncryptionAvailable(),
    encrypt: (plainText) => safeStorage.encryptStringAsync(plainText),
    decrypt: (encrypted) => safeStorage.decryptStringAsync(encrypted),
    backend: () => {
      switch (platform) {
        case 'linux':
          return safeStorage.getSelectedStorageBackend()
        case 'darwin':
          return 'keychain'
        case 'win32':
          return 'dpapi'
        default:
          return 'unknown'
      }
    },
  }
}
