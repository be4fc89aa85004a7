import type { IdString } from '../../shared/records'
import { isLocalId, type CreateEntry, type DeleteEntry, type OutboxError } from '../../shared/sync'
import { CrmApiError } from '../crm/errors'
import type { SyncContext } from './context'
import { chinaDate, DAY_MS } from './dates'
import { rowMatchesCreate } from './match'

/** The vendor takes at most this many ids in one batch delete (our own limit; the document names none). */
export const DELETE_BATCH = 100
/** Rows a lookup asks for per page. */
const CHECK_PAGE_SIZE = 100
/**
 * How far before our send time a server's create_time may lie and still be our record: covers a
 * laptop clock running ahead of the server's. Wider would risk adopting an older identical note.
 */
const CLOCK_SKEW_S = 30 * 60

/**
 * Sends the outbox, oldest first, so that every change lands exactly once.
 *
 * A create is durably marked `sending` before its POST. Any failure after which the server may
 * have committed it (timeout, reset, 5xx, garbled answer, or finding it `sending` after a crash)
 * turns it into `checking`; only a lookup that finds nothing allows a second POST. Failures that
 * stop the pass (the network, the token) are rethrown after the entry's state is safe.
 */
export async function replayOutbox(ctx: SyncContext): Promise<void> {
  let previous = ''
  for (;;) {
    const entries = await ctx.store.outbox()
    const actionable = entries.filter((e) => e.kind === 'create' || !isLocalId(e.recordId))
    const fingerprint = actionable.map((e) => `${e.seq}:${e.state}`).join(',')
    // Nothing left, or only deletes waiting for creates that need the user (a delete aimed at a
    // local id goes out once its create lands and the store re-aims it): done for now.
    if (actionable.length === 0 || fingerprint === previous) return
    previous = fingerprint

    for (const entry of actionable) {
      if (entry.kind === 'create') await replayCreate(ctx, entry)
    }
    const deletes = actionable.filter((e): e is DeleteEntry => e.kind === 'delete')
    for (let i = 0; i < deletes.length; i += DELETE_BATCH) {
      await replayDeletes(ctx, deletes.slice(i, i + DELETE_BATCH))
    }
  }
}

async function replayCreate(ctx: SyncContext, entry: CreateEntry): Promise<void> {
  if (entry.state === 'sending' || entry.state === 'checking') {
    // 'sending' here means an earlier run died waiting for the answer: the same as a lost answer.
    if (entry.state === 'sending') await ctx.store.markChecking([entry.seq])
    const found = await findLandedCreate(ctx, entry)
    if (found.length === 1) {
      await ctx.store.completeCreate(entry.seq, found[0]!)
      ctx.stats.adopted += 1
      return
    }
    if (found.length > 1) {
      await ctx.store.markAttention(entry.seq, {
        reason: 'ambiguous',
        message: `服务器上有 ${found.length} 条记录都可能是这条跟进，请确认 / ${found.length} server records could each be this follow-up: please choose`,
        candidates: found,
      })
      return
    }
  }
  await sendCreate(ctx, entry)
}

async function sendCreate(ctx: SyncContext, entry: CreateEntry): Promise<void> {
  await ctx.store.markSending([entry.seq], ctx.now())
  ctx.stats.sent += 1
  if (entry.attempts > 0) ctx.stats.retried += 1
  let serverId: IdString
  try {
    serverId = (await ctx.api.createRecord(entry.payload)).id
  } catch (error) {
    await settleFailure(ctx, [entry.seq], error)
    return
  }
  await ctx.store.completeCreate(entry.seq, serverId)
}

/** Server records that match this create and that no other entry has already taken. */
async function findLandedCreate(ctx: SyncContext, entry: CreateEntry): Promise<IdString[]> {
  ctx.stats.checked += 1
  const sentAt = entry.sentAt ?? entry.queuedAt
  const adopted = new Set(await ctx.store.adoptedServerIds())
  const earliest = Math.floor(sentAt / 1000) - CLOCK_SKEW_S
  const found: IdString[] = []
  let cursor = ''
  for (;;) {
    const page = await ctx.api.listRecords({
      cle_id: entry.payload.cle_id,
      // The filter takes a date; a day earlier covers clock skew around midnight.
      create_time: chinaDate(sentAt - DAY_MS),
      page_size: CHECK_PAGE_SIZE,
      ...(cursor ? { cursor } : {}),
    })
    for (const row of page.rows) {
      if (row.create_time >= earliest && !adopted.has(row.id) && rowMatchesCreate(row, entry.payload)) found.push(row.id)
    }
    if (page.rows.length === 0 || !page.cursor || page.cursor === cursor) return [...new Set(found)]
    cursor = page.cursor
  }
}

async function replayDeletes(ctx: SyncContext, batch: DeleteEntry[]): Promise<void> {
  const toSend: DeleteEntry[] = []
  for (const entry of batch) {
    if (entry.state === 'pending') {
      toSend.push(entry)
      continue
    }
    // An earlier batch's answer was lost: ask the server whether the record is still there. Each
    // answer is stored at once, so a flaky network still makes progress one record at a time.
    if (entry.state === 'sending') await ctx.store.markChecking([entry.seq])
    ctx.stats.checked += 1
    if (await recordExists(ctx, entry.recordId)) {
      await ctx.store.markPending([entry.seq])
      toSend.push(entry)
    } else {
      await ctx.store.completeDeletes([entry.seq])
    }
  }
  if (toSend.length === 0) return

  const seqs = toSend.map((e) => e.seq)
  await ctx.store.markSending(seqs, ctx.now())
  ctx.stats.sent += 1
  if (toSend.some((e) => e.attempts > 0)) ctx.stats.retried += 1
  try {
    await ctx.api.deleteRecords(toSend.map((e) => e.recordId))
  } catch (error) {
    if (error instanceof CrmApiError && error.kind === 'rejected') {
      await settleRejectedDeletes(ctx, toSend, error)
      return
    }
    await settleFailure(ctx, seqs, error)
    return
  }
  await ctx.store.completeDeletes(seqs)
}

/**
 * A refused batch: ids that no longer exist count as done; if one id alone is refused, it waits
 * for the user; a larger batch is retried one by one to find the culprit.
 */
async function settleRejectedDeletes(ctx: SyncContext, batch: DeleteEntry[], error: CrmApiError): Promise<void> {
  if (error.notFound) {
    await ctx.store.completeDeletes(batch.map((e) => e.seq))
    return
  }
  if (batch.length === 1) {
    const entry = batch[0]!
    if (!(await recordExists(ctx, entry.recordId))) await ctx.store.completeDeletes([entry.seq])
    else await ctx.store.markAttention(entry.seq, { reason: 'rejected', message: error.message })
    return
  }
  await ctx.store.markPending(
    batch.map((e) => e.seq),
    asOutboxError(error, ctx.now()),
  )
  for (const entry of batch) await replayDeletes(ctx, [{ ...entry, state: 'pending' }])
}

async function recordExists(ctx: SyncContext, id: IdString): Promise<boolean> {
  try {
    await ctx.api.getRecord(id)
    return true
  } catch (error) {
    if (error instanceof CrmApiError && error.notFound) return false
    throw error
  }
}

/**
 * Leaves failed entries in a safe state and rethrows what should stop the pass. A rejected create
 * needs the user and does not stop the queue; a refusal that proves nothing was processed (bad
 * token, rate limit, no connection at all) goes back to pending; anything else may have been
 * committed, so it is checked before any resend.
 */
async function settleFailure(ctx: SyncContext, seqs: number[], error: unknown): Promise<void> {
  const at = ctx.now()
  if (error instanceof CrmApiError && error.kind === 'rejected') {
    for (const seq of seqs) await ctx.store.markAttention(seq, { reason: 'rejected', message: error.message })
    return
  }
  const notProcessed =
    error instanceof CrmApiError && (error.kind === 'auth' || error.kind === 'rate_limited' || error.notSent === true)
  if (notProcessed) {
    await ctx.store.markPending(seqs, asOutboxError(error, at))
  } else {
    await ctx.store.markChecking(seqs)
    await ctx.store.noteError(seqs, asOutboxError(error, at))
  }
  throw error
}

function asOutboxError(error: unknown, at: number): OutboxError {
  if (error instanceof CrmApiError) return { kind: error.kind, message: error.message, at }
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error), at }
}
