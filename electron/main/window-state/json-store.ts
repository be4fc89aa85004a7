import { readFile } from 'node:fs/promises'
import type { z } from 'zod'
import { writeFileAtomic } from '../secrets/atomic-file'

export interface JsonStore<T> {
  /** The saved value, or undefined when there is none or it is unreadable (then defaults apply). */
  load(): Promise<T | undefined>
  save(value: T): Promise<void>
}

/**
 * A small JSON file in userData for the shell's own state. What is read back is validated: a file
 * edited by hand or written by another version must not break the start of the app.
 */
export function createJsonStore<T>(file: string, schema: z.ZodType<T>): JsonStore<T> {
  return {
    async load() {
      let text: string
      try {
        text = await readFile(file, 'utf8')
      } catch {
        return undefined
      }
      try {
        const parsed = schema.safeParse(JSON.parse(text))
        return parsed.success ? parsed.data : undefined
      } catch {
        return undefined
      }
    },
    save: (value) => writeFileAtomic(file, JSON.stringify(value, null, 2) + '\n', 0o644),
  }
}
