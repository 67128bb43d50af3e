// The static site of a release: every page escapes what pages say, and the same release gives the same bytes.

import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { rolePageName } from '../../src/site/html.js'
import { unresolvedDuplicates } from '../../src/adjacency/duplicate-decisions.js'
import { buildSite } from '../../src/site/build-site.js'
import { readReleaseDuplicates } from '../../src/store/adjacency.js'
import { listDecisions } from '../../src/store/decisions.js'
import { renderSite } from '../../src/site/render-site.js'
import { readReleaseProfiles } from '../../src/store/profiles.js'
import { getCurrentRelease } from '../../src/store/releases.js'
import { readReviewItems } from '../../src/store/review-items.js'
import { readRoleHistory } from '../../src/store/role-history.js'
import { testBackends, useTestDatabase } from '../helpers/databases.js'
import { buildSampleRelease, hostileTitle, sampleRoles } from '../helpers/site-release.js'

async function readTree(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
  return new Map(await Promise.all(files.sort().map(async (file) => [file, await readFile(path.join(dir, file), 'utf8')] as const)))
}

describe('rolePageName', () => {
  it('keeps plain codes and gives codes with other characters distinct safe names', () => {
    expect(rolePageName('EDE.GEN.P3')).toBe('EDE.GEN.P3.html')
    const a = rolePageName('A/B')
    const b = rolePageName('A?B')
    expect(a).toMatch(/^A_B-[0-9a-f]{10}\.html$/)
    expect(a).not.toBe(b)
    expect(rolePageName('../x')).not.toContain('/')
  })
})

describe.each(testBackends)('canon site on %s', (backend) => {
  const t = useTestDatabase(backend)
  let out: string | null = null
  afterEach(async () => {
    if (out) await rm(out, { recursive: true, force: true })
  })

  it('writes the grid, a page per role, release, review and search pages, byte-identical when written twice', async () => {
    await buildSampleRelease(t.db)
    out = await mkdtemp(path.join(tmpdir(), 'canon-site-'))
    const first = await buildSite(t.db, { outDir: out })
    expect(first.release).toBe(1)
    const before = await readTree(first.dir)
    await buildSite(t.db, { outDir: out })
    const after = await readTree(first.dir)
    expect([...after.keys()]).toEqual([...before.keys()])
    for (const [file, text] of before) expect(after.get(file), file).toBe(text)
    for (const page of ['index.html', 'release.html', 'review.html', 'search.html']) expect(before.has(page)).toBe(true)
    for (const role of sampleRoles()) expect(before.has(path.join('roles', rolePageName(role.code))), role.code).toBe(true)
  })

  it('writes, a role page at a time, the files renderSite makes of every role at once', async () => {
    await buildSampleRelease(t.db)
    out = await mkdtemp(path.join(tmpdir(), 'canon-site-'))
    const site = await buildSite(t.db, { outDir: out })
    const tree = await readTree(site.dir)
    const release = (await getCurrentRelease(t.db))!
    const history = await readRoleHistory(t.db, release.number)
    const roles = []
    for await (const row of readReleaseProfiles(t.db, release.number)) {
      roles.push({
        profile: row.profile,
        state: row.state,
        version: row.version,
        neighbours: row.neighbours ?? [],
        history: history.get(row.profile.code) ?? [],
      })
    }
    const review = await readReviewItems(t.db)
    const decisions = (await listDecisions(t.db, 100_000)).filter((d) => d.kind === 'mark_distinct' || d.kind === 'merge_into')
    const duplicates = unresolvedDuplicates(await readReleaseDuplicates(t.db, release.number), decisions)
    const files = renderSite({ release, roles, diff: null, review, duplicates }, await readFile(path.join(site.dir, 'assets', 'minisearch.js'), 'utf8'))
    expect(site.files).toBe(files.length)
    expect([...tree.keys()].sort()).toEqual(files.map((file) => path.join(...file.path.split('/'))).sort())
    for (const file of files) expect(tree.get(path.join(...file.path.split('/'))), file.path).toBe(file.content)
  })

  it('escapes hostile titles, aliases and components on every page: no markup from a page reaches the HTML', async () => {
    await buildSampleRelease(t.db)
    out = await mkdtemp(path.join(tmpdir(), 'canon-site-'))
    const site = await buildSite(t.db, { outDir: out })
    const tree = await readTree(site.dir)
    for (const [file, text] of tree) {
      if (!file.endsWith('.html')) continue
      expect(text, file).not.toContain('<script>window.__pwned')
      expect(text, file).not.toContain('<img src=x')
      expect(text, file).not.toContain('<svg onload')
      expect(text, file).not.toContain('<iframe')
      // The only script elements are the site's own.
      for (const [tag] of text.matchAll(/<script\b[^>]*>/g)) expect(tag, file).toMatch(/^<script src="(\.\.\/)?assets\/[a-z-]+\.js">$/)
    }
    const hostile = tree.get(path.join('roles', rolePageName('HOS.P2')))!
    expect(hostile).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;')
    expect(tree.get(path.join('assets', 'search-index.js'))).not.toContain('</script>')
    expect(hostileTitle).toContain('<script>')
  })
})
