/**
 * The record screens' keyboard: `/` search, ↑/↓ move in the list, Space check the active row
 * (Shift+Space: the range from the last one checked), Enter open, Delete delete, Esc close,
 * Ctrl/Cmd+N new follow-up. Keys typed into a field stay the field's (except Ctrl/Cmd+N,
 * and ↓/Enter from the search box, which lead into the results), and nothing here acts while a
 * dialog is open: its own keys come first.
 */
import { onBeforeUnmount, onMounted } from 'vue'

export interface RecordShortcutHandlers {
  focusSearch(): void
  newFollowup(): void
  move(step: number): void
  /** Checks or unchecks the active row; `range` with Shift. */
  check(range: boolean): void
  open(): void
  remove(): void
  close(): boolean
  /** Whether the element is the search box (↓ and Enter there go to the list). */
  isSearchBox(element: Element): boolean
}

const EDITABLE = 'input, textarea, select, [contenteditable=""], [contenteditable="true"]'
/** Naive UI's modals, dialogs and drawers (the frame's pending changes), and anything marked modal. */
const MODAL = '.n-modal-container, .n-dialog, .n-drawer, [aria-modal="true"]'

export function useRecordShortcuts(handlers: RecordShortcutHandlers): void {
  function onKeydown(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.isComposing) return
    const target = event.target instanceof Element ? event.target : null
    const inModal = document.querySelector(MODAL) !== null
    const command = event.ctrlKey || event.metaKey

    if (command && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'n') {
      event.preventDefault()
      if (!inModal) handlers.newFollowup()
      return
    }
    if (inModal || command || event.altKey) return

    const editing = target?.closest(EDITABLE) != null
    const inSearch = target !== null && handlers.isSearchBox(target)

    switch (event.key) {
      case '/':
        if (editing) return
        event.preventDefault()
        handlers.focusSearch()
        return
      case 'ArrowDown':
      case 'ArrowUp':
        if (editing && !inSearch) return
        event.preventDefault()
        handlers.move(event.key === 'ArrowDown' ? 1 : -1)
        return
      case 'Enter':
        if ((editing && !inSearch) || isButtonLike(target)) return
        event.preventDefault()
        handlers.open()
        return
      case ' ':
        if (editing || isButtonLike(target)) return
        event.preventDefault()
        handlers.check(event.shiftKey)
        return
      case 'Delete':
        if (editing) return
        event.preventDefault()
        handlers.remove()
        return
      case 'Escape':
        if (handlers.close()) event.preventDefault()
        return
    }
  }

  onMounted(() => window.addEventListener('keydown', onKeydown))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeydown))
}

/** Enter on a button, link or checkbox is that control's own action. */
function isButtonLike(target: Element | null): boolean {
  return target?.closest('button, a[href], [role="button"], [role="checkbox"], .n-checkbox') != null
}
