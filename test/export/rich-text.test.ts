import { describe, expect, it } from 'vitest'
import { escapeHtml, htmlSections } from '../../src/export/rich-text.js'

describe('rich text', () => {
  it('escapes markup characters and folds line breaks, so a cell is one line of safe HTML', () => {
    expect(escapeHtml(' R&D <lead>\r\n"quoted" it\'s ')).toBe('R&amp;D &lt;lead&gt; &quot;quoted&quot; it&#39;s')
  })

  it('writes sections as a bold heading and a list, skipping empty ones', () => {
    expect(
      htmlSections([
        { heading: 'Responsibilities', items: ['Ship', ' '] },
        { heading: 'Empty', items: [] },
        { heading: null, items: ['x'] },
      ]),
    ).toBe('<p><b>Responsibilities</b></p><ul><li>Ship</li></ul><ul><li>x</li></ul>')
    expect(htmlSections([{ heading: 'None', items: [] }])).toBeNull()
  })
})
