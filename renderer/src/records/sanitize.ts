/**
 * Record content is HTML written by other users of the tenant: it is shown only after DOMPurify
 * has taken out everything that could run, restyle the app, submit, or load anything remote
 * (an <img> pointing at a tracker would tell it who opened the record, and when).
 */
import DOMPurify from 'dompurify'

const FORBIDDEN_TAGS = [
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'input', 'button',
  'textarea', 'select', 'option', 'link', 'meta', 'base', 'audio', 'video', 'source', 'track', 'picture', 'svg', 'math',
]

/** Inline styles can load remote images (`background: url(...)`) and cover the app's own controls. */
const FORBIDDEN_ATTRIBUTES = ['style']

/** Attributes that make the browser fetch a URL on their own. Only inline images (data:image/...) may stay. */
const LOADING_ATTRIBUTES = ['src', 'srcset', 'poster', 'background', 'lowsrc', 'dynsrc', 'longdesc', 'xlink:href']
const INLINE_IMAGE = /^\s*data:image\//i

/** An image whose remote source was removed: styled as a placeholder by the record content view. */
export const BLOCKED_IMAGE_CLASS = 'record-content__blocked-image'

/** Its own instance, so these hooks never touch another user of the shared DOMPurify default. */
const purifier = DOMPurify(window)

purifier.addHook('afterSanitizeAttributes', (element) => {
  for (const name of LOADING_ATTRIBUTES) {
    const value = element.getAttribute(name)
    if (value === null || INLINE_IMAGE.test(value)) continue
    element.removeAttribute(name)
    if (element.tagName === 'IMG') element.classList.add(BLOCKED_IMAGE_CLASS)
  }
  if (element.tagName === 'A') secureLink(element)
  else element.removeAttribute('href')
})

/** Links keep only http(s) targets and open outside the app (the shell checks the scheme again). */
function secureLink(anchor: Element): void {
  const href = anchor.getAttribute('href')
  if (href === null) return
  if (!isWebUrl(href)) {
    anchor.removeAttribute('href')
    return
  }
  anchor.setAttribute('target', '_blank')
  anchor.setAttribute('rel', 'noopener noreferrer')
}

function isWebUrl(href: string): boolean {
  try {
    const { protocol } = new URL(href)
    return protocol === 'http:' || protocol === 'https:'
  } catch {
    // Relative or malformed: inside the app it would point at the app itself.
    return false
  }
}

/** The record's HTML as inert DOM nodes, ready to be appended to the page. */
export function sanitizeRecordHtml(html: string): DocumentFragment {
  return purifier.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: FORBIDDEN_TAGS,
    FORBID_ATTR: FORBIDDEN_ATTRIBUTES,
    RETURN_DOM_FRAGMENT: true,
  })
}
