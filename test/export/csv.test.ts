import fc from 'fast-check'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import type { ByteOutput } from '../../src/export/csv-file-sink.js'
import { cellText, characterCount, encodeCsvRow, encodeCsvRows, formulaPattern, writeCsvRow } from '../../src/export/csv.js'
import { compareCodes } from '../../src/common/code-order.js'

describe('encodeCsvRows', () => {
  it('quotes only what RFC 4180 requires and ends every row with the chosen line ending', () => {
    const rows = [
      ['plain', 'with, comma', 'with "quotes"', 'two\nlines', ' edge ', null, 0.7, true],
      ['Zürich – Straße', '', -5, false, 'x', 'y', 1, 'z'],
    ]
    expect(encodeCsvRows(rows, 'import', 'lf')).toBe(
      'plain,"with, comma","with ""quotes""","two\nlines"," edge ",,0.7,true\n' + 'Zürich – Straße,,-5,false,x,y,1,z\n',
    )
    expect(encodeCsvRows(rows, 'import', 'crlf').split('\r\n')).toHaveLength(3)
  })

  it('writes formula-looking text verbatim in import mode', () => {
    expect(encodeCsvRows([['=HYPERLINK("http://x")', '@SUM(A1)', '-lead']], 'import', 'lf')).toBe('"=HYPERLINK(""http://x"")",@SUM(A1),-lead\n')
  })

  it('prefixes a quote to text a spreadsheet would evaluate in spreadsheet mode, also after leading spaces', () => {
    const encoded = encodeCsvRows([['=1+1', '+1', '-a', '@SUM(A1)', '\tx', '\rx', '  =1', 'a=b', 'safe']], 'spreadsheet', 'lf')
    expect(Papa.parse<string[]>(encoded, { delimiter: ',' }).data[0]).toEqual(["'=1+1", "'+1", "'-a", "'@SUM(A1)", "'\tx", "'\rx", "'  =1", 'a=b', 'safe'])
  })

  it('keeps numbers as numbers in spreadsheet mode, so a negative value is not rewritten', () => {
    expect(encodeCsvRows([[-5, -0.25, '-5']], 'spreadsheet', 'lf')).toBe(`-5,-0.25,"'-5"\n`)
  })
})

describe('encodeCsvRows against papaparse', () => {
  // The encoder is written out for speed; papaparse's unparse with canon's options stays the reference.
  const papaparse = (rows: (string | number | boolean | null)[][], spreadsheet: boolean, newline: string) =>
    `${Papa.unparse(rows, { delimiter: ',', quoteChar: '"', escapeChar: '"', newline, header: false, quotes: false, skipEmptyLines: false, escapeFormulae: spreadsheet ? formulaPattern : false })}${newline}`
  const tricky = fc.constantFrom('"', ',', '\r', '\n', '\uFEFF', ' ', '=', '+', '-', '@', '\t', '\0', "'", 'a', 'é', '😀', '|')
  const text = fc.oneof(
    fc.string(),
    fc.array(tricky, { maxLength: 8 }).map((parts) => parts.join('')),
  )
  const cell = fc.oneof(text, fc.constant(null), fc.double({ noNaN: true }), fc.integer({ min: -1000, max: 1000 }), fc.boolean())
  const rows = fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 })

  it('writes exactly the bytes papaparse writes, in both modes and both line endings', () => {
    fc.assert(
      fc.property(rows, fc.boolean(), fc.boolean(), (data, spreadsheet, crlf) => {
        expect(encodeCsvRows(data, spreadsheet ? 'spreadsheet' : 'import', crlf ? 'crlf' : 'lf')).toBe(papaparse(data, spreadsheet, crlf ? '\r\n' : '\n'))
      }),
      { numRuns: 2000 },
    )
  })

  it('writes the same bytes straight into a file buffer as it does as a string', () => {
    fc.assert(
      fc.property(rows, fc.boolean(), (data, spreadsheet) => {
        for (const row of data) {
          const parts: string[] = []
          const out: ByteOutput = { text: (text) => parts.push(text), ascii: (code) => parts.push(String.fromCharCode(code)) }
          writeCsvRow(row, spreadsheet, out)
          expect(parts.join('')).toBe(encodeCsvRow(row, spreadsheet))
        }
      }),
      { numRuns: 2000 },
    )
  })

  it('writes an EIB-style row of mostly empty cells as papaparse does', () => {
    const row = [...['KEY.P1', null, 'a, b', null, 3, true], ...new Array<null>(90).fill(null), ' edge']
    expect(encodeCsvRows([row, row], 'import', 'crlf')).toBe(papaparse([row, row], false, '\r\n'))
  })
})

describe('cellText and characterCount', () => {
  it('give the value as the target sees it, counting code points', () => {
    expect(cellText('=x', 'spreadsheet')).toBe("'=x")
    expect(cellText('=x', 'import')).toBe('=x')
    expect(cellText(null, 'import')).toBe('')
    expect(characterCount('Straße 😀')).toBe(8)
  })
})

describe('compareCodes', () => {
  it('orders by code point, as Postgres COLLATE "C" does', () => {
    const codes = ['b', 'B', 'a.2', 'a.10', 'A', 'É', 'a']
    expect([...codes].sort(compareCodes)).toEqual(['A', 'B', 'a', 'a.10', 'a.2', 'b', 'É'])
  })
})
