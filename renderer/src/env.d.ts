/// <reference types="vite/client" />
import type { DesktopBridge } from '../../electron/shared/ipc'

declare global {
  interface Window {
    /** The preload's bridge to main: the renderer's only way out. */
    crm: DesktopBridge
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}
