/**
 * Debian's Chromium as the e2e specs and the bench launch it: one definition, so the two measure
 * and test the same browser. Headless, no sandbox (CI containers have none), and nothing that
 * talks to Google's services in the background while a spec or a scenario runs.
 */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]
