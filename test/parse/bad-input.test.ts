import { readFileSync } from 'node:fs'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import type { PageInput, RoleProfile } from '../../src/model/index.js'
import { parsePage } from '../../src/parse/parse-page.js'
import { collectParsed, parsePages } from '../../src/parse/parse-pages.js'
import { pageOf, rawPage } from '../helpers/pages.js'

const seedText = readFileSync(new URL('../../raw/pages/canon/role-page-devops-engineering-p3.txt', import.meta.url), 'utf8')
const seedHtml = readFileSync(new URL('../../raw/pages/canon/role-page-devops-engineering-p3.html', import.meta.url), 'utf8')
const reference = parsePage(rawPage('pages/canon/role-page-devops-engineering-p3.txt')).profiles[0]!
const content = ({ source: _s, findings: _f, ...rest }: RoleProfile) => rest
const codes = (profile: RoleProfile | undefined) => profile?.findings.map((f) => f.code)

describe('bad input', () => {
  it('an empty file is quarantined with a message naming it and saying it is empty', () => {
    expect(parsePage(pageOf('pages/empty.html', ''))).toEqual({
      path: 'pages/empty.html',
      profiles: [],
      rejected: [{ file: 'pages/empty.html', stage: 'parse', message: 'pages/empty.html: the file is empty (0 bytes); nothing to parse' }],
      warnings: [],
    })
  })

  it('a binary file is quarantined as binary', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52])
    const result = parsePage(pageOf('pages/logo.html', png))
    expect(result.rejected[0]!.message).toMatch(/^pages\/logo\.html: the file is binary/)
  })

  it('truncated HTML still yields what it holds, with a warning that the page may be cut off', () => {
    const cut = seedHtml.slice(0, seedHtml.indexOf('<h3>Skills'))
    const result = parsePage(pageOf('pages/cut.html', cut))
    expect(result.rejected).toEqual([])
    const [profile] = result.profiles
    expect(profile!.code).toBe('EDE.GEN.P3')
    expect(profile!.components).toHaveLength(10)
    expect(result.warnings.map((w) => w.code)).toContain('html-truncated')
  })

  it('malformed HTML (unclosed and stray tags) is read as a browser would and parses', () => {
    const broken = seedHtml
      .replace(/<\/li>/g, '')
      .replace(/<\/p>/g, '')
      .replace('<main class="role-page">', '<main class="role-page"></div></span>')
      .replace('</dl>', '')
    const [profile] = parsePage(pageOf('pages/broken.html', broken)).profiles
    expect(profile!.code).toBe('EDE.GEN.P3')
    expect(profile!.components).toHaveLength(32)
    expect(profile!.level?.typicalExperience).toBe('3–5 yrs')
  })

  it('UTF-8 with a byte order mark parses like without, with an info finding', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(seedText)])
    const [profile] = parsePage(pageOf('pages/bom.txt', bytes)).profiles
    expect(content(profile!)).toEqual(content(reference))
    expect(codes(profile)).toContain('encoding-bom')
  })

  it('Windows-1252 text parses like UTF-8 (curly quotes, dashes kept), with a warning to re-save as UTF-8', () => {
    const bytes = iconv.encode(seedText.replace(/→/g, '->'), 'windows-1252')
    const result = parsePage(pageOf('pages/cp1252.txt', new Uint8Array(bytes)))
    expect(content(result.profiles[0]!)).toEqual(content(reference))
    expect(result.warnings).toContainEqual(expect.objectContaining({ file: 'pages/cp1252.txt', code: 'encoding-windows-1252' }))
  })

  it('CRLF line ends parse like LF, with an info finding', () => {
    const [profile] = parsePage(pageOf('pages/crlf.txt', seedText.replace(/\n/g, '\r\n'))).profiles
    expect(content(profile!)).toEqual(content(reference))
    expect(codes(profile)).toContain('line-endings-crlf')
  })

  it('a page with no recognisable title is quarantined with a message saying what was expected', () => {
    const html = parsePage(pageOf('pages/untitled.html', '<html><body><ul><li>Writes code</li><li>Reviews code</li></ul></body></html>'))
    const text = parsePage(pageOf('pages/untitled.txt', '• Writes code\n• Reviews code\n'))
    for (const [result, file] of [
      [html, 'pages/untitled.html'],
      [text, 'pages/untitled.txt'],
    ] as const) {
      expect(result.profiles).toEqual([])
      expect(result.rejected).toEqual([{ file, stage: 'parse', message: expect.stringContaining(`${file}: no recognisable title`) }])
    }
  })

  it('Markdown whose front matter is not valid YAML is quarantined with the YAML problem', () => {
    const result = parsePage(pageOf('pages/bad.md', '---\ntitle: "unclosed\ntopics: [\n---\n# Body\n'))
    expect(result.rejected[0]!.message).toMatch(/^pages\/bad\.md: cannot be read: the YAML front matter is not valid YAML/)
  })
})

describe('two pages that claim the same code', () => {
  const pages: PageInput[] = [pageOf('pages/b-copy.txt', seedText), pageOf('pages/a-original.html', seedHtml)]

  it('keeps the first in path order, quarantines the other naming both files, and warns on the kept one', async () => {
    const sorted = [...pages].sort((x, y) => (x.path < y.path ? -1 : 1))
    const result = await collectParsed(parsePages(sorted, { workers: 0 }))
    expect(result.ok.map((p) => p.source.path)).toEqual(['pages/a-original.html'])
    expect(result.rejected).toEqual([
      {
        file: 'pages/b-copy.txt',
        stage: 'parse',
        message: expect.stringMatching(/^pages\/b-copy\.txt: code EDE\.GEN\.P3 .* is already claimed by pages\/a-original\.html/),
      },
    ])
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ file: 'pages/a-original.html', code: 'duplicate-code', message: expect.stringContaining('pages/b-copy.txt') }),
    )
  })
})
