// Building HTML as text, safely: every value from a page goes through `escapeHtml` (text and attributes alike),
// so a page's text can never add markup or script to the site.

import { createHash } from 'node:crypto'

/** Escapes the five characters that can end text or an attribute value in HTML. */
export function escapeHtml(value: unknown): string {
  const text = String(value ?? '')
  // Most values need nothing: test once rather than copy the string five times.
  return special.test(text) ? text.replace(specials, (char) => entities[char]!) : text
}

const special = /[&<>"']/
const specials = /[&<>"']/g
const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** A tagged template that escapes every interpolated value unless it is already `Html`. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!
  })
  return new Html(out)
}

function render(value: unknown): string {
  if (value instanceof Html) return value.text
  if (Array.isArray(value)) {
    let out = ''
    for (const item of value) out += render(item)
    return out
  }
  if (value === null || value === undefined || value === false) return ''
  return escapeHtml(value)
}

/** The file name of a role's page: its code with anything but letters, digits, dot, dash and underscore replaced. */
export function rolePageName(code: string): string {
  const safe = code.replace(/[^A-Za-z0-9._-]/g, '_')
  // Two codes that differ only in replaced characters get different names: a hash of the code breaks ties.
  if (safe === code && !code.startsWith('.')) return `${code}.html`
  return `${safe.replace(/^\./, '_')}-${createHash('sha256').update(code).digest('hex').slice(0, 10)}.html`
}
