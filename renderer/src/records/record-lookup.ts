/**
 * Finding a record by the id the screen holds. A record created here is shown under its local id
 * (`local:<uuid>`) until its create lands; then it moves to its server id and keeps the old one
 * in `local_id`. A screen still holding the local id finds it there.
 */
import { isLocalId } from '../../../electron/shared/sync'
import type { CacheDb } from '../db/schema'
import type { CachedRecord } from '../db/types'

export async function findRecord(db: CacheDb, id: string): Promise<CachedRecord | undefined> {
  const record = await db.records.get(id)
  if (record || !isLocalId(id)) return record
  return db.records.where('local_id').equals(id).first()
}

/** The ids the records have now, for ids a screen may have held across a landing. Missing records are left out. */
export async function currentIds(db: CacheDb, ids: readonly string[]): Promise<string[]> {
  const found = await Promise.all(ids.map((id) => findRecord(db, id)))
  return found.flatMap((record) => (record && record.deleted !== 1 ? [record.id] : []))
}

/** How far back to look for a record of one's own. */
const OWN_NAME_SCAN = 2000

const ownNames = new WeakMap<CacheDb, string>()

/**
 * The name the CRM shows for this agent ("8001 张三"), as found on their newest records; the agent
 * number alone when none is cached (the server's name arrives with the record's next pull).
 */
export async function ownDisplayName(db: CacheDb, agentNo: string): Promise<string> {
  const known = ownNames.get(db)
  if (known?.startsWith(`${agentNo} `)) return known
  const newest = await db.records.orderBy('create_time').reverse().limit(OWN_NAME_SCAN).toArray()
  const name = newest.find((record) => record.create_user_name?.startsWith(`${agentNo} `))?.create_user_name
  if (name) ownNames.set(db, name)
  return name ?? agentNo
}
