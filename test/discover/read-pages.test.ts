import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  hashContent,
  isPageInput,
  nodeDiscoverFs,
  readPages,
  TRUSTED_AGE_MS,
  type DiscoverFs,
  type DiscoveredPage,
  type ReadPagesOptions,
} from '../../src/discover/read-pages.js'
import type { PageInput } from '../../src/model/index.js'

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

  it("gives each page its bytes, their SHA-256 and the file's stamp", async () => {
    const raw = rawTree({ 'pages/a.txt': 'One' })
    const [page] = await all(readPages(raw))
    expect(page).toEqual({
      path: 'pages/a.txt',
      bytes: expect.any(Uint8Array),
      contentHash: hashContent(new TextEncoder().encode('One')),
      stamp: { size: 3, mtimeMs: expect.any(Number), readAtMs: expect.any(Number) },
    })
    expect(hashContent(new TextEncoder().encode('One'))).toMatch(/^[0-9a-f]{64}$/)
  })

  it('reports symbolic links and FIFOs to onSkipped without reading them, and goes on', async () => {
    const raw = rawTree({ 'pages/a.txt': 'One', 'outside.txt': 'Not a page' })
    symlinkSync(path.join(raw, 'outside.txt'), path.join(raw, 'pages', 'link.txt'))
    execFileSync('mkfifo', [path.join(raw, 'pages', 'pipe.txt')])
    const skipped: string[] = []
    const pages = await all(readPages(raw, { onSkipped: (file, kind) => void skipped.push(`${file} ${kind}`) }))
    expect(pages.map((p) => (isPageInput(p) ? p.path : p.file))).toEqual(['pages/a.txt'])
    expect(skipped).toEqual(['pages/link.txt symbolic link', 'pages/pipe.txt FIFO'])
  })

  it('quarantines a subfolder it cannot list, names it, and reads the pages beside it', async () => {
    const raw = rawTree({ 'pages/a.txt': 'One', 'pages/locked/b.txt': 'Two', 'pages/z.txt': 'Three' })
    const denied: DiscoverFs = {
      ...nodeDiscoverFs,
      readdir: async (dir, options) => {
        if (dir.endsWith(`${path.sep}locked`)) throw Object.assign(new Error('permission denied'), { code: 'EACCES' })
        return nodeDiscoverFs.readdir(dir, options)
      },
    }
    const pages = await all(readPages(raw, { fs: denied }))
    expect(pages.map((p) => (isPageInput(p) ? p.path : p.file))).toEqual(['pages/a.txt', 'pages/locked/', 'pages/z.txt'])
    expect(pages[1]).toEqual({
      file: 'pages/locked/',
      stage: 'discover',
      message: 'pages/locked/: cannot read the folder (EACCES); the pages below it keep their current roles until it can be read',
    })
  })

  it('fails when the pages folder itself cannot be listed', async () => {
    const raw = rawTree({ 'pages/a.txt': 'One' })
    const denied: DiscoverFs = {
      ...nodeDiscoverFs,
      readdir: async () => {
        throw Object.assign(new Error('permission denied'), { code: 'EACCES' })
      },
    }
    await expect(all(readPages(raw, { fs: denied }))).rejects.toThrow('permission denied')
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

  it('keeps path order when later files finish reading first, with no more than the window in flight', async () => {
    const { fs, stats } = slowFs(40)
    const pages = await all(readPages('/raw', { fs, concurrency: 8 }))
    expect(pages.map((p) => (isPageInput(p) ? p.path : p.file))).toEqual(names(40).map((name) => `pages/${name}`))
    expect(pages.every((p) => isPageInput(p) && new TextDecoder().decode(p.bytes) === `page ${p.path}`)).toBe(true)
    expect(stats.finishedOutOfOrder).toBe(true)
    expect(stats.maxInFlight).toBe(8)
  })

  it('reads no further than its window ahead of a consumer that stops early', async () => {
    const { fs, stats } = slowFs(40)
    for await (const _ of readPages('/raw', { fs, concurrency: 4 })) break
    // Let any read that was going to start do so.
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(stats.started).toBe(4)
  })
})

describe('readPages with what the page cache recorded', () => {
  const now = Date.now()
  /** raw/pages/a.txt and b.txt, written an hour ago unless `mtimes` says otherwise; counts the reads. */
  function stampedFs(mtimes: Record<string, number> = {}): { fs: DiscoverFs; reads: string[] } {
    const reads: string[] = []
    const fs: DiscoverFs = {
      readdir: async () => ['a.txt', 'b.txt'].map((name) => ({ name, isDirectory: () => false, isFile: () => true })),
      stat: async (file) => ({ size: 6, mtimeMs: mtimes[path.basename(file)] ?? now - 3_600_000 }),
      readFile: async (file) => {
        reads.push(path.basename(file))
        return new TextEncoder().encode(`page ${path.basename(file)[0]}`)
      },
    }
    return { fs, reads }
  }
  const collect = async (fs: DiscoverFs, known: NonNullable<ReadPagesOptions['known']>) => {
    const out = []
    for await (const item of readPages('/raw', { fs, known })) out.push(item)
    return out
  }

  it('skips a file whose size and modification time are as recorded, and records the stamp of the files it reads', async () => {
    const first = stampedFs()
    const read = await collect(first.fs, () => undefined)
    expect(first.reads).toEqual(['a.txt', 'b.txt'])
    const [a] = read as PageInput[]
    expect(a!.stamp).toEqual({ size: 6, mtimeMs: now - 3_600_000, readAtMs: expect.any(Number) })
    const again = stampedFs()
    const known = (page: string) => (page === 'pages/a.txt' ? { stamp: a!.stamp!, contentHash: a!.contentHash } : undefined)
    const second = await collect(again.fs, known)
    expect(again.reads).toEqual(['b.txt'])
    expect(second[0]).toEqual({ path: 'pages/a.txt', contentHash: a!.contentHash, unread: true })
  })

  it('reads a file again when its size or time changed, or when it was written just before the recorded read', async () => {
    const stamp = { size: 6, mtimeMs: now - 3_600_000, readAtMs: now - 1_000 }
    const known = () => ({ stamp, contentHash: 'h' })
    const touched = stampedFs({ 'a.txt': now - 100 })
    await collect(touched.fs, known)
    expect(touched.reads).toEqual(['a.txt'])
    const racy = stampedFs()
    await collect(racy.fs, () => ({ stamp: { ...stamp, readAtMs: stamp.mtimeMs + TRUSTED_AGE_MS - 1 }, contentHash: 'h' }))
    expect(racy.reads).toEqual(['a.txt', 'b.txt'])
    const resized = stampedFs()
    await collect(resized.fs, () => ({ stamp: { ...stamp, size: 7 }, contentHash: 'h' }))
    expect(resized.reads).toEqual(['a.txt', 'b.txt'])
  })
})

function names(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `p${String(i).padStart(3, '0')}.txt`)
}

/** A flat raw/pages of `count` files whose reads take longer the earlier the file sorts, so they finish out of order. */
function slowFs(count: number): { fs: DiscoverFs; stats: { started: number; maxInFlight: number; finishedOutOfOrder: boolean } } {
  const stats = { started: 0, maxInFlight: 0, finishedOutOfOrder: false }
  let inFlight = 0
  let lastFinished = -1
  const files = names(count)
  const fs: DiscoverFs = {
    async readdir(dir) {
      if (dir !== path.join('/raw', 'pages')) throw Object.assign(new Error(`no ${dir}`), { code: 'ENOENT' })
      // Unsorted on purpose: discover sorts.
      return [...files].reverse().map((name) => ({ name, isDirectory: () => false, isFile: () => true }))
    },
    async stat() {
      return { size: 10 }
    },
    async readFile(file) {
      const index = files.indexOf(path.basename(file))
      stats.started++
      stats.maxInFlight = Math.max(stats.maxInFlight, ++inFlight)
      await new Promise((resolve) => setTimeout(resolve, (count - index) % 7))
      inFlight--
      if (index < lastFinished) stats.finishedOutOfOrder = true
      lastFinished = index
      return new TextEncoder().encode(`page pages/${path.basename(file)}`)
    },
  }
  return { fs, stats }
}
