/**
 * The application menu as plain data: a function of the language and platform, tested without
 * Electron. The shell turns commands into click handlers and roles into Electron's built-ins.
 */
export type MenuLanguage = 'zh-CN' | 'en'

export type MenuCommand = 'toggle-background-sync' | 'export-diagnostics' | 'open-logs-folder'

export type MenuRole =
  | 'about' | 'services' | 'hide' | 'hideOthers' | 'unhide' | 'quit' | 'close'
  | 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'selectAll'
  | 'reload' | 'toggleDevTools' | 'resetZoom' | 'zoomIn' | 'zoomOut' | 'togglefullscreen'
  | 'minimize' | 'zoom' | 'front'

export type MenuItemSpec =
  | { type: 'separator' }
  | { label: string; submenu: MenuItemSpec[]; role?: 'appMenu' | 'windowMenu' | 'help' }
  | { label: string; role: MenuRole; accelerator?: string }
  | { label: string; command: MenuCommand; type?: 'checkbox'; checked?: boolean }

export interface MenuContext {
  language: MenuLanguage
  platform: string
  appName: string
  /** Dev builds get reload and the devtools. */
  isDev: boolean
  keepSyncingInBackground: boolean
}

const LABELS = {
  'zh-CN': {
    file: '文件', edit: '编辑', view: '视图', window: '窗口', help: '帮助',
    about: (app: string) => `关于 ${app}`, services: '服务', hide: (app: string) => `隐藏 ${app}`,
    hideOthers: '隐藏其他', unhide: '全部显示', quit: (app: string) => `退出 ${app}`,
    closeWindow: '关闭窗口', backgroundSync: '关闭窗口后在后台完成同步',
    undo: '撤销', redo: '重做', cut: '剪切', copy: '复制', paste: '粘贴', selectAll: '全选',
    reload: '重新加载', devTools: '开发者工具', resetZoom: '实际大小', zoomIn: '放大', zoomOut: '缩小',
    fullscreen: '切换全屏', minimize: '最小化', zoom: '缩放', front: '前置全部窗口',
    exportDiagnostics: '导出诊断信息…', openLogs: '打开日志文件夹',
  },
  en: {
    file: 'File', edit: 'Edit', view: 'View', window: 'Window', help: 'Help',
    about: (app: string) => `About ${app}`, services: 'Services', hide: (app: string) => `Hide ${app}`,
    hideOthers: 'Hide Others', unhide: 'Show All', quit: (app: string) => `Quit ${app}`,
    closeWindow: 'Close Window', backgroundSync: 'Finish Syncing in the Background After Closing',
    undo: 'Undo', redo: 'Redo', cut: 'Cut', copy: 'Copy', paste: 'Paste', selectAll: 'Select All',
    reload: 'Reload', devTools: 'Developer Tools', resetZoom: 'Actual Size', zoomIn: 'Zoom In', zoomOut: 'Zoom Out',
    fullscreen: 'Toggle Full Screen', minimize: 'Minimize', zoom: 'Zoom', front: 'Bring All to Front',
    exportDiagnostics: 'Export Diagnostics…', openLogs: 'Open Logs Folder',
  },
} as const

const SEPARATOR = { type: 'separator' } as const

/** zh-CN for any Chinese locale (the users are in China), English otherwise. */
export function pickMenuLanguage(preferredLocales: readonly string[]): MenuLanguage {
  return preferredLocales[0]?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'
}

export function buildMenuTemplate(context: MenuContext): MenuItemSpec[] {
  const t = LABELS[context.language]
  const mac = context.platform === 'darwin'
  const app = context.appName

  const appMenu: MenuItemSpec = {
    label: app,
    role: 'appMenu',
    submenu: [
      { label: t.about(app), role: 'about' },
      SEPARATOR,
      { label: t.services, role: 'services' },
      SEPARATOR,
      { label: t.hide(app), role: 'hide' },
      { label: t.hideOthers, role: 'hideOthers' },
      { label: t.unhide, role: 'unhide' },
      SEPARATOR,
      { label: t.quit(app), role: 'quit' },
    ],
  }
  const file: MenuItemSpec = {
    label: t.file,
    submenu: [
      { label: t.backgroundSync, command: 'toggle-background-sync', type: 'checkbox', checked: context.keepSyncingInBackground },
      SEPARATOR,
      { label: t.closeWindow, role: 'close' },
      ...(mac ? [] : [{ label: t.quit(app), role: 'quit' } as const]),
    ],
  }
  const edit: MenuItemSpec = {
    label: t.edit,
    submenu: [
      { label: t.undo, role: 'undo' },
      { label: t.redo, role: 'redo' },
      SEPARATOR,
      { label: t.cut, role: 'cut' },
      { label: t.copy, role: 'copy' },
      { label: t.paste, role: 'paste' },
      { label: t.selectAll, role: 'selectAll' },
    ],
  }
  const view: MenuItemSpec = {
    label: t.view,
    submenu: [
      ...(context.isDev ? [{ label: t.reload, role: 'reload' } as const, { label: t.devTools, role: 'toggleDevTools' } as const, SEPARATOR] : []),
      { label: t.resetZoom, role: 'resetZoom' },
      { label: t.zoomIn, role: 'zoomIn' },
      { label: t.zoomOut, role: 'zoomOut' },
      SEPARATOR,
      { label: t.fullscreen, role: 'togglefullscreen' },
    ],
  }
  const windowMenu: MenuItemSpec = {
    label: t.window,
    role: 'windowMenu',
    submenu: [
      { label: t.minimize, role: 'minimize' },
      ...(mac ? [{ label: t.zoom, role: 'zoom' } as const, SEPARATOR, { label: t.front, role: 'front' } as const] : []),
    ],
  }
  const help: MenuItemSpec = {
    label: t.help,
    role: 'help',
    submenu: [
      { label: t.exportDiagnostics, command: 'export-diagnostics' },
      { label: t.openLogs, command: 'open-logs-folder' },
      ...(mac ? [] : [SEPARATOR, { label: t.about(app), role: 'about' } as const]),
    ],
  }
  return [...(mac ? [appMenu] : []), file, edit, view, windowMenu, help]
}
