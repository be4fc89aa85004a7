import { describe, expect, it } from 'vitest'
import { devRendererCsp, RENDERER_CSP } from '../../../../electron/main/security/csp'

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name as string, values]),
  )
}

describe('RENDERER_CSP', () => {
  const csp = directives(RENDERER_CSP)

  it.each([
    ['default-src', ["'none'"]],
    ['script-src', ["'self'"]],
    ['connect-src', ["'none'"]],
    ['object-src', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['media-src', ["'none'"]],
  ])('%s is %j', (name, expected) => {
    expect(csp.get(name)).toEqual(expected)
  })

  it('declares every directive once', () => {
    const names = RENDERER_CSP.split(';').map((part) => part.trim().split(/\s+/)[0])
    expect(new Set(names).size).toBe(names.length)
  })

  it('allows no remote source, no eval and no inline script anywhere', () => {
    for (const [name, values] of csp) {
      for (const value of values) {
        expect(value, `${name} ${value}`).not.toMatch(/^(https?:|wss?:|\*|'unsafe-eval'|'wasm-unsafe-eval'|'strict-dynamic')/)
        if (name === 'script-src') expect(value).not.toBe("'unsafe-inline'")
      }
    }
  })

  it('lets images come only from the bundle and inline data, so a record cannot ping a tracker', () => {
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:'])
  })
})

describe('devRendererCsp', () => {
  it('adds only the dev server origin and its websocket', () => {
    const dev = directives(devRendererCsp('http://localhost:5173/'))
    expect(dev.get('script-src')).toEqual(["'self'", 'http://localhost:5173'])
    expect(dev.get('connect-src')).toEqual(['http://localhost:5173', 'ws://localhost:5173'])
    expect(dev.get('default-src')).toEqual(["'none'"])
  })
})
