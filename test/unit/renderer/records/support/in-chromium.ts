/**
 * Runs a renderer module in real Chromium. DOMPurify does not support happy-dom (its DOM differs
 * in ways that let markup through unsanitized), so the sanitizer is tested where it runs: the
 * module is bundled by Vite into a script and loaded into a blank Chromium page.
 */
import { chromium, type Browser, type Page } from 'playwright-core'
import { build, type Rolldown } from 'vite'

const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run']

export interface ModulePage {
  page: Page
  close(): Promise<void>
}

/** Opens a page where `window[globalName]` holds the module's exports. */
export async function openModuleInChromium(modulePath: string, globalName: string): Promise<ModulePage> {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: false, lib: { entry: modulePath, formats: ['iife'], name: globalName } },
  })
  const result = (Array.isArray(output) ? output[0] : output) as Rolldown.RolldownOutput
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  const page = await browser.newPage()
  await page.setContent('<!doctype html><html><body></body></html>')
  await page.addScriptTag({ content: result.output[0].code })
  return { page, close: () => browser.close() }
}
