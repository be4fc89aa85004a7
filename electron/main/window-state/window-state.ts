import { join } from 'node:path'
import { z } from 'zod'
import { createJsonStore, type JsonStore } from './json-store'

const finite = z.number().finite()

export const windowStateSchema = z.object({
  bounds: z.object({ x: finite, y: finite, width: finite.positive(), height: finite.positive() }),
  maximized: z.boolean(),
})

export type WindowState = z.infer<typeof windowStateSchema>

/** Where the window was, kept in userData/window-state.json. */
export function createWindowStateStore(userDataDir: string): JsonStore<WindowState> {
  return createJsonStore(join(userDataDir, 'window-state.json'), windowStateSchema)
}

export const preferencesSchema = z.object({
  /** Closing the window hides it while sync has work left, instead of quitting. Off unless the user opts in. */
  keepSyncingInBackground: z.boolean().default(false),
})

export type Preferences = z.infer<typeof preferencesSchema>

export const DEFAULT_PREFERENCES: Preferences = { keepSyncingInBackground: false }

/** The shell's own user preferences, kept in userData/preferences.json. */
export function createPreferencesStore(userDataDir: string): JsonStore<Preferences> {
  return createJsonStore(join(userDataDir, 'preferences.json'), preferencesSchema)
}
