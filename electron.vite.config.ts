import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'
import type { Plugin } from 'vite'
import { RENDERER_CSP } from './electron/main/security/csp'

/** The built page carries its CSP itself too, so it holds wherever the page is loaded (app://, e2e). */
function cspMeta(): Plugin {
  return {
    name: 'renderer-csp-meta',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${RENDERER_CSP}" />`),
  }
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Runtime libraries stay in node_modules (package.json "dependencies"); only our code is bundled.
      externalizeDeps: true,
      rolldownOptions: { input: { index: resolve('electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require() from node_modules and cannot be an ES module.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('renderer'),
    base: './',
    plugins: [vue(), cspMeta()],
    // The early-search worker (src/early-search) is started with type 'module'; its bundle stands alone.
    worker: { format: 'es' },
    build: {
      outDir: resolve('out/renderer'),
      // One stylesheet (15 KB), linked from the page: the app chunk, imported by the entry once the
      // first screen is painted (src/main.ts), then does not wait for a stylesheet of its own.
      cssCodeSplit: false,
      rolldownOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
})
