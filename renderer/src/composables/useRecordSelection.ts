/**
 * The list's two selections: the active row (moved with ↑/↓, opened with Enter) and the checked
 * rows (for a batch delete; shift-click checks a range). Both are held by record id, so they
 * survive scrolling, new records arriving above, and a create landing under its server id.
 */
import { computed, ref, shallowRef } from 'vue'

export interface SelectionSource {
  idAt(index: number): string | undefined
  idsBetween(from: number, to: number): string[]
}

export function useRecordSelection(source: SelectionSource) {
  const activeId = ref<string>()
  /** Where the active row was last seen: ↑/↓ move from here. */
  const activeIndex = ref(-1)
  const checked = shallowRef<ReadonlySet<string>>(new Set())
  /** The last row checked or unchecked by a click: the anchor of a shift-click range. */
  let anchorIndex = -1

  function activate(index: number): string | undefined {
    const id = source.idAt(index)
    if (id === undefined) return undefined
    activeIndex.value = index
    activeId.value = id
    return id
  }

  /** Moves the active row by `step`, staying inside the list. Returns the new index. */
  function move(step: number, total: number): number | undefined {
    if (total === 0) return undefined
    const from = activeIndex.value < 0 ? (step > 0 ? -1 : total) : activeIndex.value
    const to = Math.min(total - 1, Math.max(0, from + step))
    return activate(to) === undefined ? undefined : to
  }

  /** A click on a row's checkbox; with shift, every row between it and the previous click takes its state. */
  function toggle(index: number, range: boolean): void {
    const id = source.idAt(index)
    if (id === undefined) return
    const next = new Set(checked.value)
    const checking = !next.has(id)
    const ids = range && anchorIndex >= 0 ? source.idsBetween(anchorIndex, index) : [id]
    for (const each of ids) {
      if (checking) next.add(each)
      else next.delete(each)
    }
    anchorIndex = index
    checked.value = next
  }

  function clearChecked(): void {
    checked.value = new Set()
    anchorIndex = -1
  }

  /** A record took a new id (a create landed): the selections follow it. */
  function rename(from: string, to: string): void {
    if (activeId.value === from) activeId.value = to
    if (checked.value.has(from)) {
      const next = new Set(checked.value)
      next.delete(from)
      next.add(to)
      checked.value = next
    }
  }

  /** Records that are gone (deleted): out of both selections. */
  function forget(ids: readonly string[]): void {
    if (activeId.value !== undefined && ids.includes(activeId.value)) activeId.value = undefined
    const next = new Set(checked.value)
    for (const id of ids) next.delete(id)
    if (next.size !== checked.value.size) checked.value = next
  }

  return {
    activeId,
    activeIndex,
    checked,
    checkedCount: computed(() => checked.value.size),
    activate,
    move,
    toggle,
    clearChecked,
    rename,
    forget,
  }
}
