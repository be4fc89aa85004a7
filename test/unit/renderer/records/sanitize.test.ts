import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openModuleInChromium, type ModulePage } from './support/in-chromium'

declare global {
  interface Window {
    RecordSanitizer: typeof import('../../../../renderer/src/records/sanitize')
    __xss?: number
  }
}

let chromium: ModulePage

beforeAll(async () => {
  chromium = await openModuleInChromium(new URL('../../../../renderer/src/records/sanitize.ts', import.meta.url).pathname, 'RecordSanitizer')
})
afterAll(() => chromium?.close())

/** The sanitized markup, as Chromium serializes it. */
const clean = (html: string): Promise<string> =>
  chromium.page.evaluate((dirty) => {
    const host = document.createElement('div')
    host.append(window.RecordSanitizer.sanitizeRecordHtml(dirty))
    return host.innerHTML
  }, html)

/** Attributes of the elements matching `selector` in the sanitized markup. */
const attributesOf = (html: string, selector: string): Promise<Record<string, string>[]> =>
  chromium.page.evaluate(
    ([dirty, sel]) => {
      const host = document.createElement('div')
      host.append(window.RecordSanitizer.sanitizeRecordHtml(dirty))
      return [...host.querySelectorAll(sel)].map((el) => Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])))
    },
    [html, selector] as const,
  )

describe('sanitizing record HTML (in Chromium)', () => {
  it('keeps the rich text the CRM editor writes', async () => {
    const html = '<p>上门拜访<b>王经理</b>，<i>演示</i></p><ul><li>问题已记录</li></ul><p>a<br>b</p>'
    expect(await clean(html)).toBe(html)
  })

  it('removes scripts and every on* handler', async () => {
    const html = await clean('<p>资料<img src=x onerror="window.__xss=1"><script>window.__xss=2</script></p><div onclick="x()" onmouseover="y()">hi</div>')
    expect(html).not.toMatch(/<script|onerror|onclick|onmouseover|__xss/i)
    expect(html).toContain('资料')
    expect(html).toContain('hi')
  })

  it('drops javascript:, data: and relative links but keeps their text', async () => {
    const html =
      '<a href="javascript:window.__xss=3">点击查看</a><a href=" JaVaScRiPt:alert(1)">b</a><a href="data:text/html,x">c</a><a href="/local">d</a>'
    expect(await attributesOf(html, 'a')).toEqual([{}, {}, {}, {}])
    expect(await clean(html)).toBe('<a>点击查看</a><a>b</a><a>c</a><a>d</a>')
  })

  it('opens http(s) links outside the app, without opener or referrer', async () => {
    expect(await attributesOf('<a href="https://files.example.cn/quote/BJ1.pdf" target="_self">BJ1.pdf</a><a href="http://a.example.cn/">x</a>', 'a')).toEqual([
      { href: 'https://files.example.cn/quote/BJ1.pdf', target: '_blank', rel: 'noopener noreferrer' },
      { href: 'http://a.example.cn/', target: '_blank', rel: 'noopener noreferrer' },
    ])
  })

  it('loads nothing remote: image sources other than data:image are removed', async () => {
    const images = await attributesOf(
      '<img src="https://tracker.example.com/p.gif" alt="照片"><img srcset="https://t.example.com/a.png 2x"><img src="data:image/png;base64,iVBORw0KGgo=">' +
        '<table background="https://t.example.com/bg.png"><tbody><tr><td>x</td></tr></tbody></table>',
      'img, table',
    )
    expect(images).toEqual([
      { alt: '照片', class: 'record-content__blocked-image' },
      { class: 'record-content__blocked-image' },
      { src: 'data:image/png;base64,iVBORw0KGgo=' },
      {},
    ])
  })

  it('removes style sheets, style attributes, frames, objects, embeds and forms', async () => {
    const html = await clean(
      '<style>body{display:none}</style><p style="background:url(https://t.example.com/x)">文本</p>' +
        '<iframe src="https://evil.example.com"></iframe><object data="x.swf"></object><embed src="x.swf">' +
        '<form action="https://evil.example.com"><input name="p"><button>提交</button></form>',
    )
    expect(html).not.toMatch(/<(style|iframe|object|embed|form|input|button)\b|style=|evil\.example\.com/)
    expect(html).toContain('<p>文本</p>')
  })

  it('gives nodes that run nothing once they are in the page', async () => {
    const xss = await chromium.page.evaluate(async () => {
      document.body.append(
        window.RecordSanitizer.sanitizeRecordHtml(
          '<p>客户发来的资料：<img src=x onerror="window.__xss=1"><script>window.__xss=2</script><a href="javascript:window.__xss=3">点击查看</a></p>' +
            '<svg><script>window.__xss=4</script></svg><svg onload="window.__xss=5"></svg><math><mi xlink:href="javascript:window.__xss=6">x</mi></math>',
        ),
      )
      document.querySelectorAll('a').forEach((a) => a.click())
      await new Promise((resolve) => setTimeout(resolve, 100))
      return window.__xss
    })
    expect(xss).toBeUndefined()
  })
})
