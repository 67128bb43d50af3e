import { describe, expect, it } from 'vitest'
import { parseTable, parseTableWithLines } from '../../src/reference/read-table.js'
import { ReferenceDataError } from '../../src/errors.js'

const spec = { file: 'onet_29_3/alternate_titles.tsv', format: 'tsv', columns: ['O*NET-SOC Code', 'Alternate Title'] } as const

describe('parseTable', () => {
  it('reads the named columns of a tab-separated file, keeping quotes as data', () => {
    const rows = parseTable('O*NET-SOC Code\tAlternate Title\tShort Title\n11-1011.00\tThe "Boss"\tn/a\n', spec)
    expect(rows).toEqual([{ 'O*NET-SOC Code': '11-1011.00', 'Alternate Title': 'The "Boss"' }])
  })

  it('names the file and line 1 when a required column is missing', () => {
    expect(() => parseTable('Code\tTitle\n11-1011.00\tBoss\n', spec)).toThrowError(/onet_29_3\/alternate_titles\.tsv:1: column "O\*NET-SOC Code" is missing/)
  })

  it('keeps the line each row starts on when quoted cells span lines', () => {
    const csvSpec = { file: 'esco/occupations_en.csv', format: 'csv', columns: ['code', 'labels'] } as const
    const { rows, lines } = parseTableWithLines('code,labels\n1111,"a\nb\nc"\n2222,d\n', csvSpec)
    expect(rows).toEqual([
      { code: '1111', labels: 'a\nb\nc' },
      { code: '2222', labels: 'd' },
    ])
    expect(lines).toEqual([2, 5])
  })

  it('names the line of a row with too few fields', () => {
    const text = 'O*NET-SOC Code\tAlternate Title\tShort Title\n11-1011.00\tBoss\tn/a\n11-1011.00\n'
    try {
      parseTable(text, spec)
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(ReferenceDataError)
      expect((error as ReferenceDataError).line).toBe(3)
    }
  })
})
