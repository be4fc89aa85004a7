export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export interface Size {
  width: number
  height: number
}

/**
 * Less of the window than this (in each direction) on a display counts as lost: the user could not
 * grab the title bar to pull it back.
 */
const MIN_VISIBLE = { width: 200, height: 100 } as const

function overlap(a: Rect, b: Rect): Size {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  }
}

function centered(size: Size, area: Rect): Rect {
  const width = Math.min(size.width, area.width)
  const height = Math.min(size.height, area.height)
  return {
    x: area.x + Math.round((area.width - width) / 2),
    y: area.y + Math.round((area.height - height) / 2),
    width,
    height,
  }
}

/**
 * Where to open the window: the saved bounds if they are still mostly on a display (a monitor may
 * have been unplugged or the resolution lowered since), moved and shrunk to fit entirely inside
 * that display's work area; otherwise the default size centered on the primary display.
 *
 * @param workAreas the displays' work areas, the primary display first
 */
export function fitBoundsToDisplays(saved: Rect | undefined, workAreas: readonly Rect[], defaultSize: Size, minSize: Size): Rect {
  const primary = workAreas[0]
  if (!primary) return { x: 0, y: 0, ...defaultSize }
  const fallback = centered(defaultSize, primary)
  if (!saved || ![saved.x, saved.y, saved.width, saved.height].every(Number.isFinite)) return fallback

  let best: { area: Rect; visible: number } | undefined
  for (const area of workAreas) {
    const seen = overlap(saved, area)
    if (seen.width < MIN_VISIBLE.width || seen.height < MIN_VISIBLE.height) continue
    const visible = seen.width * seen.height
    if (!best || visible > best.visible) best = { area, visible }
  }
  if (!best) return fallback

  const { area } = best
  const width = Math.min(Math.max(Math.round(saved.width), minSize.width), area.width)
  const height = Math.min(Math.max(Math.round(saved.height), minSize.height), area.height)
  const x = Math.min(Math.max(Math.round(saved.x), area.x), area.x + area.width - width)
  const y = Math.min(Math.max(Math.round(saved.y), area.y), area.y + area.height - height)
  return { x, y, width, height }
}
