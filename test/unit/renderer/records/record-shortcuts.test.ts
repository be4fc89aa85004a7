import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { useRecordShortcuts, type RecordShortcutHandlers } from '../../../../renderer/src/composables/useRecordShortcuts'

let mounted: VueWrapper | undefined
afterEach(() => {
  mounted?.unmount()
  document.body.innerHTML = ''
})

function setup() {
  const handlers = {
    focusSearch: vi.fn(),
    newFollowup: vi.fn(),
    move: vi.fn(),
    check: vi.fn(),
    open: vi.fn(),
    remove: vi.fn(),
    close: vi.fn(() => true),
    isSearchBox: (element: Element) => element.id === 'search',
  } satisfies RecordShortcutHandlers
  const Host = defineComponent({
    setup() {
      useRecordShortcuts(handlers)
      return () => h('div', [h('input', { id: 'search' }), h('textarea', { id: 'notes' }), h('div', { id: 'list', tabindex: 0 }), h('button', { id: 'button' })])
    },
  })
  mounted = mount(Host, { attachTo: document.body })
  const press = (key: string, on = 'list', init: KeyboardEventInit = {}) => {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init })
    document.getElementById(on)!.dispatchEvent(event)
    return event.defaultPrevented
  }
  return { handlers, press }
}

describe('the record screens keyboard', () => {
  it('maps / ↑ ↓ Space Enter Delete Esc and Ctrl/Cmd+N', () => {
    const { handlers, press } = setup()
    expect(press('/')).toBe(true)
    press('ArrowDown')
    press('ArrowUp')
    press(' ')
    press(' ', 'list', { shiftKey: true })
    press('Enter')
    press('Delete')
    press('Escape')
    press('n', 'list', { ctrlKey: true })
    press('N', 'list', { metaKey: true })
    expect(handlers.focusSearch).toHaveBeenCalledOnce()
    expect(handlers.move.mock.calls).toEqual([[1], [-1]])
    expect(handlers.check.mock.calls).toEqual([[false], [true]])
    expect(handlers.open).toHaveBeenCalledOnce()
    expect(handlers.remove).toHaveBeenCalledOnce()
    expect(handlers.close).toHaveBeenCalledOnce()
    expect(handlers.newFollowup).toHaveBeenCalledTimes(2)
  })

  it('leaves keys typed into a field to the field, except Ctrl+N', () => {
    const { handlers, press } = setup()
    expect(press('/', 'notes')).toBe(false)
    press('ArrowDown', 'notes')
    press('Enter', 'notes')
    press('Delete', 'notes')
    press('n', 'notes', { ctrlKey: true })
    expect(handlers.focusSearch).not.toHaveBeenCalled()
    expect(handlers.move).not.toHaveBeenCalled()
    expect(handlers.open).not.toHaveBeenCalled()
    expect(handlers.remove).not.toHaveBeenCalled()
    expect(handlers.newFollowup).toHaveBeenCalledOnce()
  })

  it('leads from the search box into the results with ↓ and Enter', () => {
    const { handlers, press } = setup()
    press('ArrowDown', 'search')
    press('Enter', 'search')
    press('Delete', 'search')
    expect(handlers.move).toHaveBeenCalledWith(1)
    expect(handlers.open).toHaveBeenCalledOnce()
    expect(handlers.remove).not.toHaveBeenCalled()
  })

  it('lets a button keep Enter, and does nothing while a dialog is open', () => {
    const { handlers, press } = setup()
    press('Enter', 'button')
    press(' ', 'button')
    press(' ', 'search')
    expect(handlers.open).not.toHaveBeenCalled()
    expect(handlers.check).not.toHaveBeenCalled()

    const dialog = document.createElement('div')
    dialog.className = 'n-dialog'
    document.body.append(dialog)
    press('Delete')
    press('Escape')
    expect(press('n', 'list', { ctrlKey: true })).toBe(true)
    expect(handlers.remove).not.toHaveBeenCalled()
    expect(handlers.close).not.toHaveBeenCalled()
    expect(handlers.newFollowup).not.toHaveBeenCalled()
  })
})
