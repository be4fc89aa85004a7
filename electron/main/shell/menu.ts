import { Menu, type MenuItemConstructorOptions } from 'electron'
import { buildMenuTemplate, type MenuCommand, type MenuContext, type MenuItemSpec } from './menu-template'

function toElectron(spec: MenuItemSpec, commands: Record<MenuCommand, () => void>): MenuItemConstructorOptions {
  if ('submenu' in spec) return { ...spec, submenu: spec.submenu.map((item) => toElectron(item, commands)) }
  if ('command' in spec) {
    const { command, ...rest } = spec
    return { ...rest, click: () => commands[command]() }
  }
  return spec
}

/** Builds and installs the application menu; call again when the language or a checkbox changes. */
export function installMenu(context: MenuContext, commands: Record<MenuCommand, () => void>): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(context).map((spec) => toElectron(spec, commands))))
}
