/**
 * Strings that repeat across many records (client ids, client names, authors) stored once and
 * referred to by number, so a record holds an Int32 per field instead of a string.
 */
export class Interner {
  private readonly refs = new Map<string, number>()
  readonly values: string[]

  constructor(values: readonly string[] = []) {
    this.values = [...values]
    this.values.forEach((value, ref) => this.refs.set(value, ref))
  }

  intern(value: string): number {
    let ref = this.refs.get(value)
    if (ref === undefined) {
      ref = this.values.push(value) - 1
      this.refs.set(value, ref)
    }
    return ref
  }

  /** The ref of `value`, or -1 if it was never interned. */
  ref(value: string): number {
    return this.refs.get(value) ?? -1
  }

  value(ref: number): string {
    return this.values[ref] ?? ''
  }
}
