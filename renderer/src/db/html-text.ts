/**
 * The text of a record's HTML content, as the server's `record_content_name` holds it: tags
 * removed, common entities decoded. String work only (no DOM), so it also runs where no DOM is.
 */

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }

export function htmlToText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, decodeEntity)
    .trim()
}

/** One pass over the text, so `&amp;lt;` becomes `&lt;`, not `<`. Unknown entities stay as written. */
function decodeEntity(entity: string, body: string): string {
  if (body.startsWith('#')) {
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10)
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity
  }
  return NAMED_ENTITIES[body.toLowerCase()] ?? entity
}
