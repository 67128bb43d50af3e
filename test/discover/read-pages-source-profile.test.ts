import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { hashContent, hashPageWithProfile, isPageInput, readPageFile, readPages, type DiscoveredPage } from '../../src/discover/read-pages.js'
import type { PageInput, UnreadPage } from '../../src/model/index.js'

function rawTree(files: Record<string, string>): string {
  const raw = mkdtempSync(path.join(tmpdir(), 'canon-source-profile-'))
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(raw, name)
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, content)
  }
  return raw
}

async function all(iterable: AsyncIterable<DiscoveredPage | UnreadPage>): Promise<(DiscoveredPage | UnreadPage)[]> {
  const out: (DiscoveredPage | UnreadPage)[] = []
  for await (const item of iterable) out.push(item)
  return out
}

const bytes = (text: string) => new TextEncoder().encode(text)

describe('readPages with source profiles (canon-source.yaml)', () => {
  it('reads structured ladder files as pages, never a source profile, and gives each page the nearest profile above it', async () => {
    const raw = rawTree({
      'pages/acme/canon-source.yaml': 'role:\n  title: Engineer\n',
      'pages/acme/ladder.csv': 'Level,Expectation\nL1,Ships small changes\n',
      'pages/acme/data/canon-source.yaml': 'ignore:\n  - Benefits\n',
      'pages/acme/data/analyst.json': '{}',
      'pages/acme/data/deep/scientist.yml': 'a: 1',
      'pages/other/page.md': '# Page',
    })
    const pages = (await all(readPages(raw))) as PageInput[]
    expect(pages.map((p) => [p.path, p.sourceProfile?.path ?? null])).toEqual([
      ['pages/acme/data/analyst.json', 'pages/acme/data/canon-source.yaml'],
      ['pages/acme/data/deep/scientist.yml', 'pages/acme/data/canon-source.yaml'],
      ['pages/acme/ladder.csv', 'pages/acme/canon-source.yaml'],
      ['pages/other/page.md', null],
    ])
    expect(pages[2]!.sourceProfile!.role.title).toBe('Engineer')
  })

  it("a page's content hash covers its source profile, so editing the profile changes it", async () => {
    const raw = rawTree({ 'pages/acme/canon-source.yaml': 'role:\n  title: Engineer\n', 'pages/acme/a.md': '# A', 'pages/b.md': '# A' })
    const [a, b] = (await all(readPages(raw))) as PageInput[]
    expect(a!.contentHash).toBe(hashPageWithProfile(bytes('# A'), bytes('role:\n  title: Engineer\n')))
    expect(b!.contentHash).toBe(hashContent(bytes('# A')))
    expect(a!.contentHash).not.toBe(b!.contentHash)
  })

  it('an invalid profile sets aside the pages below it, each message naming the profile’s file and line; others are read', async () => {
    const raw = rawTree({ 'pages/acme/canon-source.yaml': 'level:\n  heading: 12\n', 'pages/acme/a.md': '# A', 'pages/acme/b.csv': 'x', 'pages/c.md': '# C' })
    const items = await all(readPages(raw))
    const problem = 'pages/acme/canon-source.yaml: line 2: heading: expected a heading depth from 1 to 6 (2 for ## headings)'
    expect(items.map((i) => (isPageInput(i as DiscoveredPage) ? (i as PageInput).path : i))).toEqual([
      { file: 'pages/acme/a.md', stage: 'discover', message: `pages/acme/a.md: not parsed, as its source profile is not valid: ${problem}` },
      { file: 'pages/acme/b.csv', stage: 'discover', message: `pages/acme/b.csv: not parsed, as its source profile is not valid: ${problem}` },
      'pages/c.md',
    ])
  })

  it('a page under a source profile is read on every build (no stamp), so editing or removing the profile is seen', async () => {
    const raw = rawTree({ 'pages/acme/canon-source.yaml': 'role:\n  title: Engineer\n', 'pages/acme/a.md': '# A', 'pages/b.md': '# B' })
    const hourAgo = (Date.now() - 3_600_000) / 1000
    for (const file of ['pages/acme/a.md', 'pages/acme/canon-source.yaml', 'pages/b.md']) utimesSync(path.join(raw, file), hourAgo, hourAgo)
    const [a, b] = (await all(readPages(raw))) as PageInput[]
    expect(a!.stamp).toBeUndefined()
    expect(b!.stamp).toBeDefined()
    // What a page cache would know of both: a page read with its (then) stamp.
    const stamp = { size: 3, mtimeMs: hourAgo * 1000, readAtMs: Date.now() }
    const known = (page: string) => (page === 'pages/acme/a.md' ? { stamp, contentHash: a!.contentHash } : { stamp: b!.stamp!, contentHash: b!.contentHash })
    const again = await all(readPages(raw, { known }))
    expect(again.map((i) => ('unread' in i ? 'unread' : 'read'))).toEqual(['read', 'unread'])
    // The profile removed: the cache holds no stamp for a page read under a profile (discover gave it none), so
    // the page is read with its own hash, which no longer matches the cached one. (With the stamp above it could
    // be skipped whenever the file's mtime matched it exactly: that stamp is never recorded for such a page.)
    rmSync(path.join(raw, 'pages/acme/canon-source.yaml'))
    const cached = (page: string) => (page === 'pages/acme/a.md' ? undefined : known(page))
    const [plain] = (await all(readPages(raw, { known: cached }))) as PageInput[]
    expect(plain!.contentHash).toBe(hashContent(bytes('# A')))
    expect(plain!.contentHash).not.toBe(a!.contentHash)
    expect(plain!.sourceProfile).toBeUndefined()
  })

  it('readPageFile (canon parse) finds the nearest profile in the file’s folder or above, but not above a pages folder', async () => {
    const raw = rawTree({
      'canon-source.yaml': 'role:\n  title: Above pages\n',
      'pages/acme/canon-source.yaml': 'role:\n  title: Engineer\n',
      'pages/acme/team/a.md': '# A',
      'pages/b.md': '# B',
    })
    const a = (await readPageFile(path.join(raw, 'pages/acme/team/a.md'), { displayPath: 'pages/acme/team/a.md' })) as PageInput
    expect(a.sourceProfile).toMatchObject({ path: 'pages/acme/canon-source.yaml', role: { title: 'Engineer' } })
    const b = (await readPageFile(path.join(raw, 'pages/b.md'), { displayPath: 'pages/b.md' })) as PageInput
    expect(b.sourceProfile).toBeUndefined()
    const invalid = rawTree({ 'x/canon-source.yaml': 'rol: 1\n', 'x/a.md': '# A' })
    expect(await readPageFile(path.join(invalid, 'x/a.md'), { displayPath: 'x/a.md' })).toEqual({
      file: 'x/a.md',
      stage: 'discover',
      message:
        'x/a.md: not parsed, as its source profile is not valid: x/canon-source.yaml: line 1: unknown key "rol" (expected role, level, sections, ignore)',
    })
  })
})
