import { describe, expect, it } from 'vitest'
import { readReferenceTitles, referenceTitlesFromReference, referenceTitlesFromRows } from '../../src/aliases/reference-titles.js'

const row = (code: string, title: string, short: string) => ({
  'O*NET-SOC Code': code,
  'Alternate Title': title,
  'Short Title': short,
  'Source(s)': '08',
})

describe('reference titles for the aliases stage', () => {
  it('groups O*NET alternate titles and their short forms under the SOC code of their O*NET-SOC code', () => {
    const lookup = referenceTitlesFromRows([
      row('15-1252.00', 'DevOps Engineer', 'n/a'),
      row('15-1252.00', 'Software Development Engineer (SDE)', 'SDE'),
      row('15-1299.08', 'Computer Systems Engineer', 'n/a'),
    ])
    expect(lookup('15-1252')).toEqual(['DevOps Engineer', 'Software Development Engineer (SDE)', 'SDE'])
    expect(lookup('15-1299')).toEqual(['Computer Systems Engineer'])
    expect(lookup('11-1011')).toEqual([])
  })

  it('builds the same lookup from ReferenceData', () => {
    const lookup = referenceTitlesFromReference({
      alternateTitlesBySoc: new Map([
        ['15-1252', [{ onetCode: '15-1252.00', socCode: '15-1252', title: 'Software Development Engineer (SDE)', shortTitle: 'SDE', sources: ['01'] }]],
      ]),
    })
    expect(lookup('15-1252')).toEqual(['Software Development Engineer (SDE)', 'SDE'])
  })

  it('reads onet_29_3/alternate_titles.tsv from the reference folder', async () => {
    const lookup = await readReferenceTitles('raw/reference')
    expect(lookup('15-1252')).toContain('DevOps Engineer')
    expect(lookup('15-1252')).toContain('Dev Ops Engineer')
  })
})
