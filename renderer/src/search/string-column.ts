/**
 * Strings by slot (a restored index's record ids and texts), kept as the persisted form has them:
 * a few long strings, each many values joined, cut into values one at a time as they are first
 * used. Splitting 100,000 ids and texts on load took 50–90 ms (Node, measured); finding where each
 * value starts takes ~9 ms; and a query only ever reads its candidates' texts and its first rows'
 * ids. Long strings also clone cheaply (IndexedDB, postMessage), 200,000 short ones do not.
 */
import type { Slicer } from './slicer'

/** Between values in a joined piece: normalized text and record ids never contain it. */
const SEPARATOR = '\u0000'

/** Values joined into pieces, with where each value starts in its piece. */
export interface JoinedStrings {
  pieces: string[]
  /** Per piece: the start of each value, then the piece's length + 1 (where a next one would start). */
  starts: Int32Array[]
}

/** What reads values by slot: a StringColumn, or an array. */
export interface StringsBySlot {
  at(slot: number): string | undefined
}

/** `values` joined `perPiece` to a piece, yielding between pieces as `slicer` asks. */
export async function joinStrings(values: readonly string[], perPiece: number, slicer: Slicer): Promise<JoinedStrings> {
  const joined: JoinedStrings = { pieces: [], starts: [] }
  for (let first = 0; first < values.length; first += perPiece) {
    const part = values.slice(first, first + perPiece)
    const starts = new Int32Array(part.length + 1)
    part.forEach((value, i) => (starts[i + 1] = starts[i]! + value.length + 1))
    joined.pieces.push(part.join(SEPARATOR))
    joined.starts.push(starts)
    if (slicer.spent()) await slicer.yield()
  }
  return joined
}

/** Finds where the values of joined pieces start. */
export function locateStrings(pieces: string[]): JoinedStrings {
  const starts = pieces.map((piece) => {
    const found = [0]
    for (let at = piece.indexOf(SEPARATOR); at >= 0; at = piece.indexOf(SEPARATOR, at + 1)) found.push(at + 1)
    found.push(piece.length + 1)
    return Int32Array.from(found)
  })
  return { pieces, starts }
}

/** Values in all pieces. */
export function joinedCount({ starts }: JoinedStrings): number {
  return starts.reduce((sum, piece) => sum + piece.length - 1, 0)
}

export class StringColumn implements StringsBySlot {
  /** Per piece, its first slot; then the number of joined values. */
  private readonly firstSlots: Int32Array
  /** Per piece, once one of its values is read: the values cut so far. */
  private readonly cut: (string | undefined)[][] = []
  /** Values pushed after the joined ones. */
  private readonly added: string[] = []

  constructor(private readonly joined: JoinedStrings = { pieces: [], starts: [] }) {
    this.firstSlots = new Int32Array(joined.starts.length + 1)
    joined.starts.forEach((starts, piece) => (this.firstSlots[piece + 1] = this.firstSlots[piece]! + starts.length - 1))
  }

  get length(): number {
    return this.joinedCount + this.added.length
  }

  at(slot: number): string | undefined {
    if (slot >= this.joinedCount) return this.added[slot - this.joinedCount]
    if (slot < 0) return undefined
    const piece = this.pieceOf(slot)
    const i = slot - this.firstSlots[piece]!
    const cut = (this.cut[piece] ??= new Array<string | undefined>(this.firstSlots[piece + 1]! - this.firstSlots[piece]!))
    return (cut[i] ??= this.cutOut(piece, i))
  }

  push(value: string): void {
    this.added.push(value)
  }

  private get joinedCount(): number {
    return this.firstSlots[this.firstSlots.length - 1]!
  }

  /** The last piece starting at or before `slot` (a binary search over a dozen pieces). */
  private pieceOf(slot: number): number {
    let low = 0
    let high = this.firstSlots.length - 2
    while (low < high) {
      const middle = (low + high + 1) >>> 1
      if (this.firstSlots[middle]! <= slot) low = middle
      else high = middle - 1
    }
    return low
  }

  private cutOut(piece: number, i: number): string {
    const starts = this.joined.starts[piece]!
    return this.joined.pieces[piece]!.slice(starts[i]!, starts[i + 1]! - 1)
  }
}
