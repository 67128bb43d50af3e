// Rich-text cells (Workday's Job_Description is HTML): escaped HTML on one line, never a raw line break. Pure.

/** Escapes text for HTML content and attributes; line breaks and runs of spaces become one space. */
export function escapeHtml(text: string): string {
  const collapsed = text.replace(/\s+/g, ' ').trim()
  // One pass for the five characters (most items have none, and are returned as they are).
  return htmlSpecial.test(collapsed) ? collapsed.replace(htmlSpecials, (char) => htmlEntities[char] as string) : collapsed
}

const htmlSpecial = /[&<>"']/
const htmlSpecials = /[&<>"']/g
const htmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** One rich-text section: an optional heading and its items. */
export interface RichTextSection {
  heading: string | null
  items: readonly string[]
}

/** Sections as `<p><b>heading</b></p><ul><li>…</li></ul>`; null when there is nothing to say. */
export function htmlSections(sections: readonly RichTextSection[]): string | null {
  const parts: string[] = []
  for (const section of sections) {
    const items = section.items.map(escapeHtml).filter((item) => item !== '')
    if (items.length === 0) continue
    if (section.heading) parts.push(`<p><b>${escapeHtml(section.heading)}</b></p>`)
    parts.push(`<ul>${items.map((item) => `<li>${item}</li>`).join('')}</ul>`)
  }
  return parts.length === 0 ? null : parts.join('')
}
