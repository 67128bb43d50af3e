import { describe, expect, it } from 'vitest'
import { hdlEncoder, hdlValue, parseHdlLine } from '../../src/export/hdl.js'

describe('HCM Data Loader encoding', () => {
  it('writes a METADATA line then MERGE lines, with bars and backslashes escaped and line breaks folded', () => {
    const encoder = hdlEncoder('Job', 'lf')
    expect(encoder.header([['SourceSystemId', 'Name']])).toBe('METADATA|Job|SourceSystemId|Name\n')
    expect(
      encoder.rows([
        ['A.1', 'R|D \\ ops\r\nlead'],
        ['B.1', null],
      ]),
    ).toBe('MERGE|Job|A.1|R\\|D \\\\ ops lead\nMERGE|Job|B.1|\n')
  })

  it('reads back what it wrote, field for field', () => {
    const value = 'a|b\\c'
    expect(parseHdlLine(`MERGE|Job|${hdlValue(value)}|${hdlValue(7)}`)).toEqual(['MERGE', 'Job', value, '7'])
  })
})
