// What canon's HTML walks (the canon-app row reader and the outline) know about elements: which hold no visible
// page text or only site chrome, and which are inline (their text joins the surrounding line). One list for both.

import type { AnyNode, Element } from 'domhandler'

/** Elements whose content is not visible page text, and landmarks that hold site chrome rather than content. */
export const NOT_CONTENT: ReadonlySet<string> = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'canvas',
  'iframe',
  'object',
  'head',
  'title',
  'meta',
  'link',
  'button',
  'select',
  'input',
  'textarea',
  'form',
  'nav',
  'aside',
  'dialog',
])

/** Media and figures: the outline leaves them out; the canon-app row reader keeps `img` inline, as it always has. */
export const MEDIA: ReadonlySet<string> = new Set(['embed', 'video', 'audio', 'picture', 'img', 'figure'])

/** ARIA roles of site chrome. */
export const CHROME_ROLES: ReadonlySet<string> = new Set([
  'navigation',
  'banner',
  'contentinfo',
  'complementary',
  'search',
  'dialog',
  'alert',
  'menu',
  'menubar',
  'toolbar',
])

/** Elements whose text continues the line they sit in. */
export const INLINE: ReadonlySet<string> = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'data',
  'dfn',
  'em',
  'i',
  'kbd',
  'label',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
  'wbr',
  'br',
  'del',
  'ins',
  'font',
  'tt',
  'big',
  'strike',
  'output',
  'meter',
  'progress',
])

export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style'
}
