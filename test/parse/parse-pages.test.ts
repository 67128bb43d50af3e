import { describe, expect, it } from 'vitest'
import type { DiscoveredPage } from '../../src/discover/read-pages.js'
import { collectParsed, parsePages } from '../../src/parse/parse-pages.js'
import { pageOf } from '../helpers/pages.js'

const echoWorker = new URL('../fixtures/workers/echo-parse-worker.mjs', import.meta.url)

async function* stream(items: DiscoveredPage[]): AsyncGenerator<DiscoveredPage> {
  for (const item of items) yield item
}

describe('parsePages', () => {
  it('passes discover quarantine entries through as rejected pages', async () => {
    const tooBig = { file: 'pages/huge.html', stage: 'discover' as const, message: 'pages/huge.html: file is 9.0 MB, over the 5.0 MB page size limit' }
    const result = await collectParsed(parsePages(stream([tooBig, pageOf('pages/empty.txt', '')]), { workers: 0 }))
    expect(result.rejected.map((r) => [r.file, r.stage])).toEqual([
      ['pages/huge.html', 'discover'],
      ['pages/empty.txt', 'parse'],
    ])
  })

  it('on worker threads, yields results in input order even when workers finish out of order', async () => {
    const pages = Array.from({ length: 40 }, (_, i) => pageOf(`pages/${String(i).padStart(2, '0')}.txt`, `R${'x'.repeat(i % 5)}.${i}`))
    const paths: string[] = []
    for await (const page of parsePages(stream(pages), { workers: 2, queueDepth: 2, workerScript: echoWorker, smallBatch: 0, inThreadFirst: 0 }))
      paths.push(page.path)
    expect(paths).toEqual(pages.map((p) => p.path))
  })

  it('a worker that dies on one page quarantines that page and the batch goes on', async () => {
    const pages = [pageOf('pages/a.txt', 'A.1'), pageOf('pages/b.txt', 'crash'), pageOf('pages/c.txt', 'C.1')]
    const result = await collectParsed(parsePages(stream(pages), { workers: 1, workerScript: echoWorker, smallBatch: 0, inThreadFirst: 0 }))
    expect(result.ok.map((p) => p.code)).toEqual(['A.1', 'C.1'])
    expect(result.rejected).toEqual([
      { file: 'pages/b.txt', stage: 'parse', message: expect.stringMatching(/^pages\/b\.txt: the parser failed on this page \(worker crashed on purpose\)/) },
    ])
  })

  it('parses the first pages of a batch in this thread and hands the rest to the workers, keeping input order', async () => {
    const pages = Array.from({ length: 5 }, (_, i) => pageOf(`pages/${i}.txt`, `R.${i}`))
    const result = await collectParsed(parsePages(stream(pages), { workers: 2, workerScript: echoWorker, smallBatch: 0, inThreadFirst: 2 }))
    // The real parser derives a code for the first two ("R.0CF7.X"); the echo worker answers with the page's text.
    expect(result.ok.map((profile) => profile.code)).toEqual(['R.0CF7.X', 'R.F9D1.X', 'R.2', 'R.3', 'R.4'])
  })

  it('parses a small batch in this thread without starting a worker, and a larger one on the workers', async () => {
    const few = Array.from({ length: 3 }, (_, i) => pageOf(`pages/${i}.txt`, `R.${i}`))
    const small = await collectParsed(parsePages(stream(few), { workers: 2, workerScript: echoWorker, smallBatch: 3, inThreadFirst: 0 }))
    // The real parser (this thread) derives a code; the echo worker would answer with the page's text.
    expect(small.ok.map((profile) => profile.code)).toHaveLength(3)
    for (const profile of small.ok) expect(profile.code).toMatch(/^R\.[0-9A-F]{4}\.X$/)
    const more = Array.from({ length: 4 }, (_, i) => pageOf(`pages/${i}.txt`, `R.${i}`))
    const large = await collectParsed(parsePages(stream(more), { workers: 2, workerScript: echoWorker, smallBatch: 3, inThreadFirst: 0 }))
    expect(large.ok.map((profile) => profile.code)).toEqual(['R.0', 'R.1', 'R.2', 'R.3'])
  })
})
