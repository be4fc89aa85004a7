/** The vendor runs on China time (UTC+8, no daylight saving): its `create_time` filter means a date there. */
const CHINA_OFFSET_MS = 8 * 3600_000

/** `YYYY-MM-DD` of the given instant in UTC+8, the form the list's `create_time` filter takes. */
export function chinaDate(epochMs: number): string {
  return new Date(epochMs + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

export const DAY_MS = 24 * 3600_000
