import type { CrmClient } from '../crm/client'
import { CrmApiError } from '../crm/errors'

export interface ConnectivityListener {
  /** The API answered (even with an error of its own): the network is there. */
  answered(): void
  /** No answer at all: connection refused, reset, timed out. */
  unreachable(): void
}

/**
 * Wraps a client so every call reports whether the CRM answered. That is the only test of being
 * online this app believes; the OS's idea of connectivity is a hint.
 */
export function trackConnectivity(client: CrmClient, listener: ConnectivityListener): CrmClient {
  const track =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        const result = await call(...args)
        listener.answered()
        return result
      } catch (error) {
        const silent = error instanceof CrmApiError && (error.kind === 'network' || error.kind === 'timeout')
        if (silent) listener.unreachable()
        else if (error instanceof CrmApiError) listener.answered()
        throw error
      }
    }
  return {
    recordTypes: track(client.recordTypes),
    listRecords: track(client.listRecords),
    getRecord: track(client.getRecord),
    createRecord: track(client.createRecord),
    deleteRecords: track(client.deleteRecords),
  }
}
