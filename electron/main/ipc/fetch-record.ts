import type { FollowupRecord } from '../../shared/records'
import type { CrmClient } from '../crm/client'
import { CrmApiError } from '../crm/errors'

/** A record's detail from the server; "not found" is an answer here, not a failure. */
export async function fetchRecord(client: CrmClient, id: string): Promise<{ record: FollowupRecord } | { notFound: true }> {
  try {
    return { record: await client.getRecord(id) }
  } catch (error) {
    if (error instanceof CrmApiError && error.notFound) return { notFound: true }
    throw error
  }
}
