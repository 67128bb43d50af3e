import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { hashContent, isPageInput, readPages, type DiscoveredPage } from '../src/discover/read-pages.js'

async function all(iterable: AsyncIterable<DiscoveredPage>): Promise<DiscoveredPage[]> {
  const out: DiscoveredPage[] = []
  for await (const item of iterable) out.push(item)
  return out
}

function rawTree(files: Record<string, string | Uint8Array>): string {
  const raw = mkdtempSync(path.join(tmpdir(), 'canon-discover-'))
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(raw, name)
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, content)
  }
  return raw
}

describe('readPages', () => {
  it('yields the pages under raw/pages in byte-sorted path order, relative to raw/, skipping non-page files', async () => {
    const raw = rawTree({
      'pages/b/two.md': '# Two',
      'pages/a.txt': 'One',
      'pages/b/LICENSE': 'MIT',
      'pages/B.html': '<h1>Upper</h1>',
      'pages/.hidden.txt': 'hidden',
      'reference/x.csv': 'a,b',
    })
    const pages = await all(readPages(raw))
    expect(pages.map((p) => (isPageInput(p) ? p.path : p.file))).toEqual(['pages/B.html', 'pages/a.txt', 'pages/b/two.md'])
  })

  it('gives each page its bytes and their SHA-256', async () => {
    const raw = rawTree({ 'pages/a.txt': 'One' })
    const [page] = await all(readPages(raw))
    expect(page).toEqual({ path: 'pages/a.txt', bytes: expect.any(Uint8Array), contentHash: hashContent(new TextEncoder().encode('One')) })
    expect(hashContent(new TextEncoder().encode('One'))).toMatch(/^[0-9a-f]{64}$/)
  })

  it('quarantines a page over the size limit unread, naming its size and the limit, and goes on', async () => {
    const raw = rawTree({ 'pages/big.html': 'x'.repeat(2048), 'pages/small.txt': 'ok' })
    const pages = await all(readPages(raw, { maxBytes: 1024 }))
    expect(pages[0]).toEqual({ file: 'pages/big.html', stage: 'discover', message: expect.stringMatching(/2\.0 KB, over the 1\.0 KB page size limit/) })
    expect(isPageInput(pages[1]!)).toBe(true)
  })

  it('yields nothing when there is no pages folder', async () => {
    expect(await all(readPages(rawTree({ 'reference/x.csv': 'a' })))).toEqual([])
  })
})
