/**
 * The app a spec's tests run against, launched afresh for each test: at the spec's window size,
 * with the page's errors collected. After each test the app is closed, and the test fails if the
 * page reported an error. Call once inside the spec's `describe`: it registers the hooks there.
 */
import { mkdirSync } from 'node:fs'
import type { ViewportSize } from 'playwright-core'
import { afterEach, beforeAll, expect } from 'vitest'
import type { DemoServer } from '../../../electron/main/demo/server'
import { collectPageErrors, SCREENSHOTS } from './frame-page'
import { launchApp, type LaunchedApp, type LaunchOptions } from './launch'

export interface AppPerTest {
  launch(options?: LaunchOptions): Promise<LaunchedApp>
  /** The demo server behind the current test's app (Chromium mode, where main runs in this process). */
  demoServer(): Promise<DemoServer>
}

/** `excused`: console errors a spec expects from its own data (see collectPageErrors). */
export function appPerTest(viewport: ViewportSize, excused?: (message: string) => boolean): AppPerTest {
  let app: LaunchedApp | undefined
  let errors: string[] = []

  beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }))
  afterEach(async () => {
    await app?.close()
    app = undefined
    expect(errors).toEqual([])
  })

  return {
    async launch(options = {}) {
      app = await launchApp(options)
      errors = collectPageErrors(app.page, excused)
      await app.page.setViewportSize(viewport)
      return app
    },
    demoServer: async () => (await app!.core!.demoServer())!,
  }
}
