import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { cellText, characterCount, encodeCsvRows } from '../../src/export/csv.js'
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
