import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { RENDERER_CSP } from '../../electron/main/security/csp'

const OUT = resolve(import.meta.dirname, '../../out')
const read = (path: string) => readFileSync(resolve(OUT, path), 'utf8')

describe('npm run build output', () => {
  it('builds main as an ES module that loads its runtime libraries from node_modules', () => {
    const main = read('main/index.js')
    for (const library of ['undici', 'json-bigint', 'zod']) expect(main).toContain(`from "${library}"`)
    expect(main).not.toMatch(/\brequire\(["']undici["']\)/)
  })

  it('builds the preload as one CommonJS file that needs nothing but electron (sandboxed preload)', () => {
    const preload = read('preload/index.cjs')
    expect(preload).toMatch(/require\("electron"\)/)
    expect(preload).not.toMatch(/^\s*(import|export)\s/m)
    expect([...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron'])
  })

  it('builds the renderer page with its Content-Security-Policy', () => {
    const html = read('renderer/index.html')
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${RENDERER_CSP}" />`)
    expect(html).not.toMatch(/<script>(?!<\/script>)/)
  })
})
