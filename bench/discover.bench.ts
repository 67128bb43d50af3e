// discover on the scale bench's corpus (10,000 canon-app pages, ~7 KB each): `readPages` (stat, read and
// SHA-256 of every page, yielded in path order) with several windows of reads in flight, against how
// discover read before, measured in the same run: one page at a time through node:fs/promises (the baseline
// passes that fs and a window of 1). The pages sit in the OS page cache (a warm-up read comes first), as they
// do for a rebuild.
// Corpus: bench/.corpus/canon-app-<CANON_BENCH_PAGES, default 10000>, written as build.bench does when absent.

import * as fsPromises from 'node:fs/promises'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { DEFAULT_READ_CONCURRENCY, isPageInput, readPages, type DiscoverFs } from '../src/discover/read-pages.js'
import { ensureCorpus, renderCorpusFrom } from '../test/helpers/canon-app-corpus.js'

const here = path.dirname(fileURLToPath(import.meta.url))
// dist/bench → the project root.
const root = path.resolve(here, '..', '..')

/** The bench corpus's raw folder, written first when an earlier bench did not leave it complete. */
async function corpusRaw(pageCount: number): Promise<string> {
  const corpusRoot = path.join(root, 'bench', '.corpus', `canon-app-${pageCount}`)
  return ensureCorpus(corpusRoot, () => renderCorpusFrom(path.join(root, 'raw', 'reference'), pageCount))
}

/** How discover read before: node:fs/promises, one page at a time. */
const baseline = { concurrency: 1, fs: fsPromises as unknown as DiscoverFs }

/** Reads every page; returns how many were read and their bytes, so nothing is optimised away. */
async function readAll(rawDir: string, options: { concurrency: number; fs?: DiscoverFs }): Promise<{ pages: number; bytes: number }> {
  let pages = 0
  let bytes = 0
  for await (const item of readPages(rawDir, options)) {
    if (!isPageInput(item)) throw new Error(`bench page not read: ${item.message}`)
    pages++
    bytes += item.bytes.length
  }
  return { pages, bytes }
}

export async function run(): Promise<void> {
  const pageCount = Number(process.env.CANON_BENCH_PAGES ?? 10_000)
  const rawDir = await corpusRaw(pageCount)
  const windows = [1, 4, DEFAULT_READ_CONCURRENCY, 32]
  // Warm the page cache, so the first reader measured is not charged for the disk.
  const { pages, bytes } = await readAll(rawDir, { concurrency: DEFAULT_READ_CONCURRENCY })
  if (pages !== pageCount) throw new Error(`read ${pages} pages; the corpus has ${pageCount}`)

  const rounds = 5
  const readers = [{ label: 'baseline', options: baseline }, ...windows.map((w) => ({ label: String(w), options: { concurrency: w } }))]
  const best = new Map<string, number>()
  for (let round = 0; round < rounds; round++) {
    // Alternate the order each round, so no reader always runs right after another's garbage.
    for (const { label, options } of round % 2 === 0 ? readers : [...readers].reverse()) {
      const t0 = performance.now()
      await readAll(rawDir, options)
      best.set(label, Math.min(best.get(label) ?? Infinity, performance.now() - t0))
    }
  }
  const before = best.get('baseline')!
  console.log(`discover: ${pages} pages, ${(bytes / pages / 1024).toFixed(1)} KB each on average, page cache warm (best of ${rounds})`)
  console.log(`  baseline one page at a time through node:fs/promises (how discover read before): ${before.toFixed(0)} ms`)
  for (const window of windows) {
    const ms = best.get(String(window))!
    const note = window === DEFAULT_READ_CONCURRENCY ? ' (default)' : ''
    console.log(`  readPages, ${window} in flight${note}: ${ms.toFixed(0)} ms, ratio to baseline ${(ms / before).toFixed(2)}`)
  }
}
