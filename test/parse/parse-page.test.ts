import { describe, expect, it } from 'vitest'
import { parsePage } from '../../src/parse/parse-page.js'
import { pageOf } from '../helpers/pages.js'

describe('parsePage', () => {
  it('reads front matter that repeats a key (the last value wins) and says so in an info finding', () => {
    const page = ['---', 'title: People Manager', 'layout: post', 'layout: role', '---', '', '## Responsibilities', '', '- Coaches the team'].join('\n')
    const result = parsePage(pageOf('pages/acme/people_manager.md', page))
    expect(result.rejected).toEqual([])
    const [profile] = result.profiles
    expect(profile!.title).toBe('People Manager')
    expect(profile!.findings.filter((f) => f.code === 'front-matter-repeated-key')).toEqual([
      {
        severity: 'info',
        code: 'front-matter-repeated-key',
        field: 'frontMatter',
        message: 'the front matter repeats the key "layout"; the last value is used',
      },
    ])
    expect(result.warnings.some((w) => w.code === 'front-matter-repeated-key')).toBe(false)
  })
})
