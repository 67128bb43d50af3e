import { describe, expect, it } from 'vitest'
import { detectSourceKind, isDataKind } from '../../src/extract/detect-format.js'

describe('detecting a file’s kind', () => {
  it('pages are known by their ending, data files and program source too', () => {
    const kinds = ['a.html', 'a.md', 'a.txt', 'a.yaml', 'a.YML', 'a.json', 'a.csv', 'a.tsv', 'a.js', 'a.mjs', 'a.ts', 'a.rst', 'a.adoc'].map((p) =>
      detectSourceKind(p, 'x'),
    )
    expect(kinds).toEqual(['html', 'markdown', 'text', 'yaml', 'yaml', 'json', 'csv', 'csv', 'script', 'script', 'script', 'text', 'markup'])
    expect(kinds.map((k) => isDataKind(k))).toEqual([false, false, false, true, true, true, true, true, true, true, true, false, true])
  })

  it('without an ending, a text that is a JSON object or array is json; one that only starts with a bracket is not', () => {
    expect(detectSourceKind('pages/ladder', '{"roles": []}')).toBe('json')
    expect(detectSourceKind('pages/ladder', '[{"title": "Engineer"}]')).toBe('json')
    expect(detectSourceKind('pages/notes', '[draft] Engineer\nWrites code')).toBe('text')
  })
})
