/**
 * The search index on disk, in the `searchIndex` table: a handful of large rows (typed arrays and
 * long strings) that load in a fraction of the time reading every record would take.
 *
 * Rows of one persist share a generation prefix; the `manifest` row names the current generation
 * and is written last, in the transaction that also drops the change-log entries the new
 * generation covers and the rows of older generations. A persist cut short leaves the previous
 * generation in force. Each row is written and read in its own task, none larger than a few MB,
 * so no single clone holds the main thread for long.
 */
import type { CacheDb } from '../db/schema'
import type { PersistedGrams } from './gram-index'
import type { PersistedIndex } from './search-index'
import type { Slicer } from './slicer'
import { joinedCount, locateStrings } from './string-column'

/** Bumped whenever the layout or the text normalization changes: an older index is then rebuilt. */
const FORMAT = 1
const MANIFEST_KEY = 'manifest'

interface Manifest {
  format: number
  generation: string
  /** The change-log seq the index reflects: later entries are applied on load. */
  watermark: number
  records: number
  docPieces: number
  postingPieces: number
}

/** Everything but the record ids, texts and postings, which go in rows of their own. */
type MetaRow = {
  records: Omit<PersistedIndex['records'], 'ids' | 'texts' | 'grams'> & { grams: Omit<PersistedGrams, 'postings'> }
  clients: PersistedIndex['clients']
}

/** Ids and texts of consecutive records, each one piece of the index's JoinedStrings. */
interface DocsRow {
  ids: string
  texts: string
}

export interface LoadedSnapshot {
  index: PersistedIndex
  watermark: number
  /** Which persist it is: a snapshot read earlier is still good while this one is in force. */
  generation: string
}

/** Values of the `searchIndex` rows with these keys, in order (undefined for a missing row). */
export type SnapshotRowReader = (keys: readonly string[]) => Promise<unknown[]>

export async function writeSnapshot(db: CacheDb, index: PersistedIndex, watermark: number, slicer: Slicer): Promise<void> {
  const generation = `${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 8)}`
  const key = (part: string) => `${generation}:${part}`
  const { ids, texts, grams, ...columns } = index.records
  const meta: MetaRow = { records: { ...columns, grams: { keys: grams.keys, offsets: grams.offsets } }, clients: index.clients }
  await db.searchIndex.put({ key: key('meta'), value: meta })
  const docPieces = ids.pieces.length
  for (let piece = 0; piece < docPieces; piece++) {
    await slicer.yield()
    const docs: DocsRow = { ids: ids.pieces[piece]!, texts: texts.pieces[piece]! }
    await db.searchIndex.put({ key: key(`docs.${piece}`), value: docs })
  }
  for (const [piece, postings] of grams.postings.entries()) {
    await slicer.yield()
    await db.searchIndex.put({ key: key(`postings.${piece}`), value: postings })
  }
  const manifest: Manifest = { format: FORMAT, generation, watermark, records: joinedCount(ids), docPieces, postingPieces: grams.postings.length }
  await db.transaction('rw', [db.searchIndex, db.searchChanges], async () => {
    const stale = (await db.searchIndex.toCollection().primaryKeys()).filter((k) => k !== MANIFEST_KEY && !k.startsWith(`${generation}:`))
    await db.searchIndex.bulkDelete(stale)
    await db.searchIndex.put({ key: MANIFEST_KEY, value: manifest })
    await db.searchChanges.where(':id').belowOrEqual(watermark).delete()
  })
}

/** The persisted index, or undefined when there is none usable (none yet, an older format, damaged). */
export function readSnapshot(db: CacheDb): Promise<LoadedSnapshot | undefined> {
  return loadSnapshot(async (keys) => (await db.searchIndex.bulkGet([...keys])).map((row) => row?.value))
}

/** Whether the persist read as `generation` is still the one in force (no newer persist replaced it). */
export async function isCurrentSnapshot(db: CacheDb, generation: string): Promise<boolean> {
  const manifest = (await db.searchIndex.get(MANIFEST_KEY))?.value
  return isManifest(manifest) && manifest.format === FORMAT && manifest.generation === generation
}

/**
 * readSnapshot through any reader of `searchIndex` rows: Dexie in the app, plain IndexedDB in the
 * worker that reads it ahead of the app (src/early-search). `onWatermark` learns the watermark
 * as soon as the manifest is read, before the large rows are.
 */
export async function loadSnapshot(read: SnapshotRowReader, onWatermark?: (watermark: number) => void): Promise<LoadedSnapshot | undefined> {
  const [manifest] = await read([MANIFEST_KEY])
  if (!isManifest(manifest) || manifest.format !== FORMAT) return undefined
  onWatermark?.(manifest.watermark)
  const key = (part: string) => `${manifest.generation}:${part}`
  const pieceKeys = [
    key('meta'),
    ...Array.from({ length: manifest.docPieces }, (_, i) => key(`docs.${i}`)),
    ...Array.from({ length: manifest.postingPieces }, (_, i) => key(`postings.${i}`)),
  ]
  // One request per row: each row is deserialized in its own task.
  const [meta, ...pieces] = await read(pieceKeys)
  const docRows = pieces.slice(0, manifest.docPieces)
  const postingRows = pieces.slice(manifest.docPieces)
  if (!isMeta(meta) || !docRows.every(isDocsRow) || !postingRows.every(isInt32Array)) return undefined

  const { grams, ...columns } = meta.records
  // Not split into 200,000 strings here: StringColumn cuts each when it is first read.
  const recordIds = locateStrings(docRows.map((row) => row.ids))
  const texts = locateStrings(docRows.map((row) => row.texts))
  const postingCount = grams.offsets[grams.offsets.length - 1]
  const postings = joinPostings(postingRows)
  const sameCounts = recordIds.starts.every((starts, piece) => starts.length === texts.starts[piece]!.length)
  if (!sameCounts || joinedCount(recordIds) !== manifest.records || postings.length !== postingCount) return undefined
  return {
    watermark: manifest.watermark,
    generation: manifest.generation,
    index: { records: { ...columns, ids: recordIds, texts, grams: { ...grams, postings: [postings] } }, clients: meta.clients },
  }
}

/** All postings in one array, as the index keeps them. */
function joinPostings(rows: readonly Int32Array[]): Int32Array {
  const whole = new Int32Array(rows.reduce((sum, row) => sum + row.length, 0))
  let at = 0
  for (const row of rows) {
    whole.set(row, at)
    at += row.length
  }
  return whole
}

const isDocsRow = (value: unknown): value is DocsRow =>
  typeof (value as Partial<DocsRow> | undefined)?.ids === 'string' && typeof (value as DocsRow).texts === 'string'
const isInt32Array = (value: unknown): value is Int32Array => value instanceof Int32Array

function isManifest(value: unknown): value is Manifest {
  const m = value as Partial<Manifest> | undefined
  return (
    typeof m?.format === 'number' &&
    typeof m.generation === 'string' &&
    typeof m.watermark === 'number' &&
    typeof m.records === 'number' &&
    typeof m.docPieces === 'number' &&
    typeof m.postingPieces === 'number'
  )
}

/** Shape checks of the parts the loader indexes into; a row damaged beyond them fails the length checks. */
function isMeta(value: unknown): value is MetaRow {
  const meta = value as Partial<MetaRow> | undefined
  const records = meta?.records
  const clients = meta?.clients
  return (
    records?.createTime instanceof Float64Array &&
    records.recordType instanceof Float64Array &&
    records.cleRef instanceof Int32Array &&
    records.nameRef instanceof Int32Array &&
    records.authorRef instanceof Int32Array &&
    records.clientDoc instanceof Int32Array &&
    records.order instanceof Int32Array &&
    records.grams?.keys instanceof Uint32Array &&
    records.grams.offsets instanceof Uint32Array &&
    Array.isArray(clients?.keys) &&
    Array.isArray(clients.texts) &&
    clients.grams?.keys instanceof Uint32Array &&
    Array.isArray(clients.grams.postings)
  )
}
