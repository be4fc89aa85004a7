/**
 * A full disk, said plainly. IndexedDB reports it as a QuotaExceededError, which Dexie passes on
 * as its own error of that name, as the `inner` of another (an AbortError of the transaction), or
 * among the `failures` of a BulkError.
 */

export class StorageFullError extends Error {
  override readonly name = 'StorageFullError'

  constructor(cause: unknown) {
    super(
      '本机存储空间已满，这次修改没有保存。请清理磁盘空间后重试。 / ' +
        'The device storage is full: this change was not saved. Free some disk space and try again.',
      { cause },
    )
  }
}

/**
 * Runs a write (one transaction) and turns a quota failure into a StorageFullError. The failed
 * transaction has aborted by then, so nothing of it was written.
 */
export async function guardStorage<T>(write: () => PromiseLike<T>): Promise<T> {
  try {
    return await write()
  } catch (error) {
    if (isQuotaExceeded(error)) throw new StorageFullError(error)
    throw error
  }
}

export function isQuotaExceeded(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false
  const { name, inner, failures } = error as { name?: unknown; inner?: unknown; failures?: unknown }
  if (name === 'QuotaExceededError') return true
  if (isQuotaExceeded(inner, depth + 1)) return true
  return Array.isArray(failures) && failures.some((failure) => isQuotaExceeded(failure, depth + 1))
}
