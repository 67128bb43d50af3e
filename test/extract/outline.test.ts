import { describe, expect, it } from 'vitest'
import { describeNode, htmlOutline, markdownOutline, repairHeadingTags, splitFrontMatter, stripTemplateMarkup, textOutline } from '../../src/extract/outline.js'

const shapes = (nodes: { type: string }[]) => nodes.map((n) => describeNode(n as never))

describe('page outline', () => {
  it('closes a heading at a mismatched end tag as a browser does (<h1>…</h2>)', () => {
    expect(repairHeadingTags('<h1>Data Engineer</h2><p>Builds pipelines</p>')).toBe('<h1>Data Engineer</h1><p>Builds pipelines</p>')
    const outline = htmlOutline('<body><h1>Data Engineer</h2><ul><li>Builds pipelines</li></ul></body>')
    expect(shapes(outline.nodes)).toEqual(['# Data Engineer', '- Builds pipelines'])
  })

  it('removes Liquid template markup, keeping line numbers', () => {
    const text = 'a\n{% comment %}\nhidden\n{% endcomment %}\nb {{ page.title }} c {% include x.html %}'
    const stripped = stripTemplateMarkup(text)
    expect(stripped).toBe('a\n\n\n\nb  c ')
    expect(stripped.split('\n')).toHaveLength(text.split('\n').length)
  })

  it('reads Markdown: front matter (duplicate keys tolerated), headings without a space, pipe tables with header cells, nested lists, labels', () => {
    const md = [
      '---',
      'title: Engineer',
      'updated: 1',
      'updated: 2',
      '---',
      '# Engineer',
      '##Required Qualifications*',
      '**Essential**',
      '- one',
      '  - nested',
      '',
      '| Level | Scope |',
      '|---|---|',
      '| L1 | Tasks <br> Features |',
    ].join('\n')
    const outline = markdownOutline(md)
    expect(outline.frontMatter).toEqual({ title: 'Engineer', updated: 2 })
    expect(splitFrontMatter(md).repeatedKeys).toEqual(['updated'])
    expect(shapes(outline.nodes)).toEqual([
      '# Engineer',
      '## Required Qualifications*',
      '[label] Essential',
      '- one',
      '  - nested',
      'table [Level | Scope] 1 rows',
    ])
    const table = outline.nodes[5]
    expect(table?.type === 'table' && table.rows[0]![1]!.items).toEqual(['Tasks', 'Features'])
    expect(outline.nodes.map((n) => n.pos)).toEqual([6, 7, 8, 9, 10, 12])
  })

  it('reads list items drawn with characters and a block of Key: value lines as one field each', () => {
    const outline = htmlOutline('<body><div>• Writes code</div><div>2. Reviews code</div><p>Grade: G7<br>Location: London</p></body>')
    expect(shapes(outline.nodes)).toEqual(['- Writes code', '1. Reviews code', 'Grade: G7', 'Location: London'])
  })

  it('reads a text copy: underlined headings, wrapped lines joined, directives skipped', () => {
    const text = 'Job descriptions\n================\n\n.. warning::\n\n   draft\n\nRSE 1\n-----\n\nA RSE1 is just starting\ntheir career.\n\n- Writes code'
    expect(shapes(textOutline(text).nodes)).toEqual(['# Job descriptions', '## RSE 1', 'A RSE1 is just starting their career.', '- Writes code'])
  })

  it('stays linear: a 1 MB ladder, 5,000 nested elements and a 3,000-column table parse without hanging', () => {
    // The timing target (< 2 s a page) is measured by `npm run bench -- parse`; this guards against a hang or
    // a stack overflow on a shared, busy machine.
    const section = (i: number) =>
      `## Level ${(i % 9) + 1} area ${i}\n\nAn engineer here works on what matters.\n\n${'- A statement about the work of the role, long enough to read as one\n'.repeat(8)}`
    const big = `# Engineer\n\n${Array.from({ length: 1700 }, (_, i) => section(i)).join('\n')}`
    expect(big.length).toBeGreaterThan(900_000)
    const deep = `<body><h1>Engineer</h1>${'<div>'.repeat(5000)}<ul><li>deep</li></ul>${'</div>'.repeat(5000)}</body>`
    const wide = `<body><table><tr>${'<th>IC1</th>'.repeat(3000)}</tr><tr>${'<td>Writes code</td>'.repeat(3000)}</tr></table></body>`
    expect(markdownOutline(big).nodes.length).toBeGreaterThan(10_000)
    expect(shapes(htmlOutline(deep).nodes)).toEqual(['# Engineer', 'deep'])
    const table = htmlOutline(wide).nodes[0]
    expect(table?.type === 'table' && table.header?.length).toBe(3000)
  })
})
