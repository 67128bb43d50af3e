// Per-page limits (issue 13, items 2 and 3): an element budget checked before any parser runs, and a time budget
// enforced on the worker threads (a worker past it is ended and replaced; its page quarantined with the reason).

import { describe, expect, it } from 'vitest'
import type { DiscoveredPage } from '../../src/discover/read-pages.js'
import { parsePage } from '../../src/parse/parse-page.js'
import { collectParsed, parsePages } from '../../src/parse/parse-pages.js'
import { pageOf, rawPage } from '../helpers/pages.js'

const echoWorker = new URL('../fixtures/workers/echo-parse-worker.mjs', import.meta.url)

async function* stream(items: DiscoveredPage[]): AsyncGenerator<DiscoveredPage> {
  for (const item of items) yield item
}

/** The two hostile pages of the issue, generated: a million nested <i>, and a million <p>x. */
const italics = () => `<html><body><h1>Italic Engineer</h1>${'<i>'.repeat(1_000_000)}x</body></html>`
const paragraphs = () => `<html><body><h1>Paragraph Engineer</h1>${'<p>x'.repeat(1_000_000)}</body></html>`

describe('per-page limits', () => {
  it('quarantines a page with more elements than the budget, unparsed and at once, naming the limit', () => {
    for (const html of [italics(), paragraphs()]) {
      const started = performance.now()
      const result = parsePage(pageOf('pages/hostile.html', html))
      expect(performance.now() - started).toBeLessThan(2_000)
      expect(result.profiles).toEqual([])
      expect(result.rejected).toEqual([
        {
          file: 'pages/hostile.html',
          stage: 'parse',
          message: 'pages/hostile.html: has more than 50000 HTML elements, the per-page budget (--max-page-elements); quarantined unparsed',
        },
      ])
    }
  })

  it('the element budget is a setting: a real page parses under the default and is refused under a tiny one', () => {
    const page = rawPage('pages/dropbox/ic4_sdet.html')
    expect(parsePage(page).profiles).toHaveLength(1)
    expect(parsePage(page, { maxElements: 10 }).rejected[0]?.message).toMatch(/has more than 10 HTML elements/)
  })

  it('a title over 200 characters (a heading never closed) is a finding of that page alone: quarantined with the reason', () => {
    const words = Array.from({ length: 1500 }, (_, i) => `word${i}`).join(' ')
    const result = parsePage(pageOf('pages/open-heading.html', `<html><body><h1>Platform Engineer<p>${words}</p></body></html>`))
    expect(result.profiles).toEqual([])
    expect(result.rejected).toHaveLength(1)
    expect(result.rejected[0]?.message).toMatch(
      /^pages\/open-heading\.html: the title is \d+ characters, over the 200-character limit \(a heading left open\?\); fix the page's heading$/,
    )
    // A title of 200 characters is a title.
    const ok = parsePage(
      pageOf('pages/long-title.html', `<html><body><h1>${'T'.repeat(200)}</h1><h2>Responsibilities</h2><ul><li>Build things</li></ul></body></html>`),
    )
    expect(ok.rejected).toEqual([])
  })

  it('ends a worker that runs past the time budget, quarantines its page with the reason, and parses the rest', async () => {
    const pages = [pageOf('pages/a.txt', 'A.1'), pageOf('pages/b.txt', 'hang'), pageOf('pages/c.txt', 'C.1'), pageOf('pages/d.txt', 'D.1')]
    const started = performance.now()
    const result = await collectParsed(
      parsePages(stream(pages), { workers: 1, workerScript: echoWorker, smallBatch: 0, inThreadFirst: 0, limits: { timeoutMs: 500 } }),
    )
    expect(performance.now() - started).toBeLessThan(20_000)
    expect(result.ok.map((p) => p.code)).toEqual(['A.1', 'C.1', 'D.1'])
    expect(result.rejected).toEqual([
      {
        file: 'pages/b.txt',
        stage: 'parse',
        message: 'pages/b.txt: parsing took longer than the 0.5 s budget per page (--page-timeout); the worker was stopped and the page quarantined',
      },
    ])
  })

  it('counts the budget from when a worker starts the page, not from when it was queued', async () => {
    // Twelve pages queued behind one worker, each quick: none is charged for the others' time.
    const pages = Array.from({ length: 12 }, (_, i) => pageOf(`pages/${i}.txt`, `R${'x'.repeat(i % 3)}.${i}`))
    const result = await collectParsed(
      parsePages(stream(pages), { workers: 1, workerScript: echoWorker, smallBatch: 0, inThreadFirst: 0, limits: { timeoutMs: 2_000 } }),
    )
    expect(result.rejected).toEqual([])
    expect(result.ok).toHaveLength(12)
  })
})
