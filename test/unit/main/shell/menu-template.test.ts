import { describe, expect, it } from 'vitest'
import { buildMenuTemplate, pickMenuLanguage, type MenuContext, type MenuItemSpec } from '../../../../electron/main/shell/menu-template'

const BASE: MenuContext = { language: 'zh-CN', platform: 'win32', appName: 'E-CRM Follow-ups', isDev: false, keepSyncingInBackground: false }

function flatten(items: MenuItemSpec[]): MenuItemSpec[] {
  return items.flatMap((item) => ('submenu' in item ? [item, ...flatten(item.submenu)] : [item]))
}

/** The menu's shape without its words: what must not differ between languages. */
function shape(items: MenuItemSpec[]): unknown[] {
  return items.map((item) => {
    if ('submenu' in item) return { role: item.role, submenu: shape(item.submenu) }
    if ('label' in item) return { ...item, label: undefined }
    return item
  })
}

describe('buildMenuTemplate', () => {
  for (const platform of ['win32', 'darwin', 'linux']) {
    it(`has the same structure in both languages on ${platform}`, () => {
      expect(shape(buildMenuTemplate({ ...BASE, platform, language: 'en' }))).toEqual(shape(buildMenuTemplate({ ...BASE, platform, language: 'zh-CN' })))
    })

    it(`labels every item in Chinese and in English on ${platform}`, () => {
      for (const item of flatten(buildMenuTemplate({ ...BASE, platform }))) {
        if ('label' in item && !('submenu' in item && item.role === 'appMenu')) expect(item.label).toMatch(/[\u4e00-\u9fff]/)
      }
      for (const item of flatten(buildMenuTemplate({ ...BASE, platform, language: 'en' }))) {
        if ('label' in item) expect(item.label).toMatch(/^[\x20-\x7e…]+$/)
      }
    })
  }

  it('puts "Export diagnostics" and "Open logs folder" in the Help menu', () => {
    const help = buildMenuTemplate({ ...BASE, language: 'en' }).find((item) => 'submenu' in item && item.role === 'help')
    expect(help && 'submenu' in help ? help.submenu : []).toEqual(
      expect.arrayContaining([
        { label: 'Export Diagnostics…', command: 'export-diagnostics' },
        { label: 'Open Logs Folder', command: 'open-logs-folder' },
      ]),
    )
    const zhHelp = buildMenuTemplate(BASE).find((item) => 'submenu' in item && item.role === 'help')
    expect(zhHelp && 'label' in zhHelp ? zhHelp.label : '').toBe('帮助')
  })

  it('shows the background-sync opt-in as a checkbox reflecting the preference', () => {
    for (const keep of [false, true]) {
      const item = flatten(buildMenuTemplate({ ...BASE, keepSyncingInBackground: keep })).find((i) => 'command' in i && i.command === 'toggle-background-sync')
      expect(item).toMatchObject({ type: 'checkbox', checked: keep, label: '关闭窗口后在后台完成同步' })
    }
  })

  it('follows each platform: an app menu on macOS, Quit in File elsewhere', () => {
    const mac = buildMenuTemplate({ ...BASE, platform: 'darwin', language: 'en' })
    expect(mac[0]).toMatchObject({ label: 'E-CRM Follow-ups', role: 'appMenu' })
    const win = buildMenuTemplate({ ...BASE, language: 'en' })
    expect(win[0]).toMatchObject({ label: 'File' })
    expect(flatten(win).filter((i) => 'role' in i && i.role === 'quit')).toEqual([{ label: 'Quit E-CRM Follow-ups', role: 'quit' }])
    expect(flatten(mac).filter((i) => 'role' in i && i.role === 'quit')).toHaveLength(1)
  })

  it('offers reload and the devtools in dev builds only', () => {
    const roles = (isDev: boolean) => flatten(buildMenuTemplate({ ...BASE, isDev })).flatMap((i) => ('role' in i && i.role ? [i.role] : []))
    expect(roles(false)).not.toContain('toggleDevTools')
    expect(roles(false)).not.toContain('reload')
    expect(roles(true)).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']))
  })

  it('keeps the clipboard roles so copy and paste work in text fields', () => {
    const roles = flatten(buildMenuTemplate(BASE)).flatMap((i) => ('role' in i && i.role ? [i.role] : []))
    expect(roles).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']))
  })
})

describe('pickMenuLanguage', () => {
  it.each([
    [['zh-CN', 'en-US'], 'zh-CN'],
    [['zh-Hans-CN'], 'zh-CN'],
    [['zh-TW'], 'zh-CN'],
    [['en-US', 'zh-CN'], 'en'],
    [['de-DE'], 'en'],
    [[], 'en'],
  ] as const)('%j -> %s', (locales, expected) => {
    expect(pickMenuLanguage(locales)).toBe(expected)
  })
})
