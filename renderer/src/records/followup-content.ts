/**
 * The new follow-up form takes plain text; the CRM stores HTML (its web editor writes rich text).
 * Text is escaped and line breaks become <br>, so what was typed is what every client shows.
 */
import { htmlToText } from '../db/html-text'

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }

export function plainTextToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[&<>"]/g, (char) => ESCAPES[char] ?? char)
    .replace(/\n/g, '<br>\n')
}

/** Back to editable text (editing a create the server refused): breaks and paragraphs become new lines. */
export function htmlToPlainText(html: string): string {
  return htmlToText(html.replace(/<br\s*\/?>\n?/gi, '\n').replace(/<\/p>\s*<p[^>]*>/gi, '\n'))
}
