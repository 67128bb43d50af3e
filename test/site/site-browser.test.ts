// The site in a real browser: Debian's Chromium (installed by .ci/run when missing; CHROMIUM_PATH overrides
// where it is) driven by playwright-core, which downloads no browser. The grid shows every role of the sample
// release, search finds a role by an alias, a role page shows its adjacent roles and codes, every link resolves,
// no page logs a console error or runs a page's hostile markup, and axe-core finds no serious or critical
// accessibility violation. Never skipped: without Chromium the test fails and says how to install it.

import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildSite } from '../../src/site/build-site.js'
import { rolePageName } from '../../src/site/html.js'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js'
import { buildSampleRelease, sampleRoles } from '../helpers/site-release.js'

const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

describe('the site in Chromium', () => {
  let database: TestDatabase
  let out: string
  let dir: string
  let browser: Browser

  beforeAll(async () => {
    if (!existsSync(chromiumPath)) {
      throw new Error(`no Chromium at ${chromiumPath}: install Debian's (apt-get install -y chromium, as .ci/run does) or set CHROMIUM_PATH`)
    }
    database = await createTestDatabase('pglite')
    await buildSampleRelease(database.db)
    out = await mkdtemp(path.join(tmpdir(), 'canon-site-browser-'))
    dir = (await buildSite(database.db, { outDir: out })).dir
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] })
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await database?.cleanup()
    if (out) await rm(out, { recursive: true, force: true })
  })

  /** Opens a page of the site, collecting console errors and page errors. */
  async function open(file: string): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage()
    const errors: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(pathToFileURL(path.join(dir, file)).href)
    return { page, errors }
  }

  async function seriousViolations(page: Page): Promise<string[]> {
    await page.addScriptTag({ path: axePath })
    const result = await page.evaluate(async () => {
      const page = globalThis as unknown as {
        document: unknown
        axe: { run: (context: unknown, options: object) => Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }> }
      }
      // No CSSOM preload: axe would fetch the stylesheet again, which file:// forbids (a console error of axe's own).
      return page.axe.run(page.document, { preload: false })
    })
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}, ${v.nodes.length} nodes)`)
  }

  /** Every relative link of a page resolves to a file of the site. */
  async function expectLinksResolve(page: Page, file: string): Promise<void> {
    const hrefs = await page.$$eval('a[href], link[href], script[src]', (nodes) =>
      nodes.map((node) => node.getAttribute('href') ?? node.getAttribute('src') ?? ''),
    )
    expect(hrefs.length).toBeGreaterThan(0)
    for (const href of hrefs) {
      const target = path.join(path.dirname(path.join(dir, file)), decodeURIComponent(href.split(/[?#]/)[0]!))
      expect(existsSync(target), `${file} links to ${href}`).toBe(true)
    }
  }

  it('shows every active role of the release on the grid, filters by review state, and passes axe', async () => {
    const { page, errors } = await open('index.html')
    const codes = await page.$$eval('.card .code', (nodes) => nodes.map((node) => node.textContent))
    expect(codes.sort()).toEqual(
      sampleRoles()
        .map((role) => role.code)
        .sort(),
    )
    await page.selectOption('select[data-filter="review"]', 'needs review')
    const shown = await page.$$eval('.card:not([hidden]) .code', (nodes) => nodes.map((node) => node.textContent))
    expect(shown.length).toBeGreaterThan(0)
    expect(shown.length).toBeLessThan(codes.length)
    await page.selectOption('select[data-filter="review"]', '')
    await expectLinksResolve(page, 'index.html')
    expect(await seriousViolations(page)).toEqual([])
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
    expect(errors).toEqual([])
  })

  it('finds a role by one of its aliases', async () => {
    const { page, errors } = await open('search.html')
    await page.fill('#q', 'wrangler')
    await page.waitForSelector('#results li a')
    const hits = await page.$$eval('#results li a', (nodes) => nodes.map((node) => node.getAttribute('href')))
    expect(hits[0]).toBe(`roles/${rolePageName('HOS.P2')}`)
    await page.click('#results li a')
    await page.waitForURL(/roles\//)
    expect(await page.locator('h1').textContent()).toContain('<script>')
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
    expect(await seriousViolations(page)).toEqual([])
    expect(errors).toEqual([])
  })

  it('shows a role page with its adjacent roles and codes; its links resolve', async () => {
    const file = `roles/${rolePageName('DEV.P3')}`
    const { page, errors } = await open(file)
    expect(await page.locator('h1').textContent()).toBe('DevOps Engineer P3')
    const adjacent = page.locator('section[aria-labelledby="adjacent"] tbody tr')
    expect(await adjacent.count()).toBeGreaterThan(0)
    const kinds = await page.$$eval('section[aria-labelledby="adjacent"] tbody tr td:nth-child(2)', (nodes) => nodes.map((node) => node.textContent))
    expect(kinds).toContain('next-level')
    expect(kinds).toContain('previous-level')
    expect(await page.locator('section[aria-labelledby="codes"] td.code').first().textContent()).toBe('15-1252')
    await expectLinksResolve(page, file)
    await page.click('section[aria-labelledby="adjacent"] tbody tr a >> nth=0')
    await page.waitForURL(/roles\/.+\.html$/)
    expect(await seriousViolations(page)).toEqual([])
    expect(errors).toEqual([])
  })

  it('lists the possible duplicate and the review items on the review page, and passes axe on every page', async () => {
    const { page, errors } = await open('review.html')
    expect(await page.locator('main').textContent()).toContain('canon decide distinct DEV.P3 OPS.P3')
    await expectLinksResolve(page, 'review.html')
    expect(await seriousViolations(page)).toEqual([])
    const release = await open('release.html')
    await expectLinksResolve(release.page, 'release.html')
    expect(await seriousViolations(release.page)).toEqual([])
    expect([...errors, ...release.errors]).toEqual([])
  })
})
