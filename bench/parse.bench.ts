// Parsing canon-app HTML pages (target: the full parse at ≥ 50% of the speed of cheerio.load alone), against
// baselines measured in the same run over the same pages, streamed from disk (readPages) in every pass:
//   1. load-only: bytes → text → cheerio.load (htmlparser2 mode), nothing else; one thread;
//   2. full parse (discover → decode → extract → parse → normalize → duplicate check), one thread;
//   3. full parse on worker threads (one per core), the way `canon build` runs it (the pool is started and
//      warmed up once, before the rounds, as the main thread is warm from the passes before it).
// The corpus (CANON_BENCH_PAGES pages, default 2,400) is rendered from the reference occupations by
// test/helpers/canon-app-corpus.ts into bench/.corpus/parse/ once, one page at a time. Memory: the heap after a
// full GC at half and at the end of each pass; flat means the second half of the corpus does not raise it.

import { availableParallelism, loadavg } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { existsSync, readFileSync } from 'node:fs'
import { load } from 'cheerio'
import { isPageInput, readPages } from '../src/discover/read-pages.js'
import { decodeBytes } from '../src/extract/decode.js'
import { parsePage } from '../src/parse/parse-page.js'
import { parsePages } from '../src/parse/parse-pages.js'
import { WorkerPool } from '../src/parse/worker-pool.js'
import { ensureCorpus, renderCorpusFrom } from '../test/helpers/canon-app-corpus.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const corpusRoot = path.join(root, 'bench/.corpus/parse')
const target = 0.5

interface Pass {
  name: string
  pages: number
  profiles: number
  seconds: number
  /** Heap after a full GC at the corpus's halfway point and at its end (MB): flat means no growth with the corpus. */
  heapMidMb: number
  heapEndMb: number
  /** CPU time of all the process's threads over wall time: about 1 for one thread, up to the core count. */
  coresUsed: number
}

// A full GC before reading the heap, so the figure is what is still held, not garbage not yet collected.
setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void
const heapMb = () => {
  collectGarbage()
  return Math.round((process.memoryUsage().heapUsed / (1024 * 1024)) * 10) / 10
}

async function measure(name: string, total: number, body: (tick: () => void) => Promise<number>): Promise<Pass> {
  collectGarbage()
  let pages = 0
  let heapMid = 0
  let paused = 0
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  const profiles = await body(() => {
    pages++
    if (pages === Math.floor(total / 2)) {
      const before = performance.now()
      heapMid = heapMb()
      paused += performance.now() - before
    }
  })
  const wall = performance.now() - started
  const cpu = process.cpuUsage(cpuBefore)
  const seconds = (wall - paused) / 1000
  return { name, pages, profiles, seconds, heapMidMb: heapMid, heapEndMb: heapMb(), coresUsed: (cpu.user + cpu.system) / 1000 / wall }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

/** Runs the parse benchmark and prints pages/s, the ratio to the load-only baseline, and memory. */
export async function run(): Promise<void> {
  const count = Number(process.env.CANON_BENCH_PAGES ?? 2400)
  const rounds = Number(process.env.CANON_BENCH_ROUNDS ?? 3)
  // Occupations with ten tasks or more: every page has full responsibility lists.
  const corpusDir = await ensureCorpus(corpusRoot, () => renderCorpusFrom(path.join(root, 'raw/reference'), count, (o) => o.tasks.length >= 10))
  const workers = availableParallelism()

  const loadOnly = async (tick: () => void) => {
    for await (const page of readPages(corpusDir)) {
      if (!isPageInput(page)) continue
      const decoded = decodeBytes(page.bytes)
      if (decoded.ok) load(decoded.text, { xml: { xmlMode: false, decodeEntities: true } })
      tick()
    }
    return 0
  }
  // One pool for all rounds, warmed up first: the single-thread pass runs on code the JIT has already
  // optimised (the same process ran the earlier passes), so the workers get the same chance.
  const pool = new WorkerPool(workers)
  for await (const _ of parsePages(readPages(corpusDir), { pool })) void _
  const fullParse = (threads: number) => async (tick: () => void) => {
    let profiles = 0
    let rejected = 0
    for await (const page of parsePages(readPages(corpusDir), threads > 0 ? { pool } : { workers: 0 })) {
      profiles += page.profiles.length
      rejected += page.rejected.length
      tick()
    }
    if (rejected > 0) throw new Error(`parse bench: ${rejected} pages were rejected; the corpus should parse cleanly`)
    return profiles
  }
  const passes: [string, (tick: () => void) => Promise<number>][] = [
    ['cheerio.load only (1 thread)', loadOnly],
    ['full parse (1 thread)', fullParse(0)],
    [`full parse (${workers} worker threads)`, fullParse(workers)],
  ]
  // Rounds interleave the passes, so load from other processes on the machine hits all of them alike; each
  // pass reports its median round.
  const results: Pass[][] = passes.map(() => [])
  for (let round = 0; round < rounds; round++) {
    for (const [i, [name, body]] of passes.entries()) results[i]!.push(await measure(name, count, body))
  }
  await pool.close()
  const rate = (p: Pass) => p.pages / p.seconds
  const summary = results.map((list) => {
    const rates = list.map(rate)
    const mid = median(rates)
    return { pass: list[rates.indexOf(mid)]!, rate: mid, rates }
  })
  const [base, single, pooled] = summary as [(typeof summary)[0], (typeof summary)[0], (typeof summary)[0]]
  const lines = [
    `corpus: ${count} canon-app HTML pages (${path.relative(root, corpusDir)}), ${workers} cores, ${rounds} interleaved rounds (median shown)`,
    ...summary.map(
      ({ pass, rate: r, rates }) =>
        `${pass.name.padEnd(34)} ${r.toFixed(0).padStart(5)} pages/s  (rounds ${rates.map((x) => x.toFixed(0)).join('/')}; ${pass.profiles} profiles; ${pass.coresUsed.toFixed(2)} cores busy; heap after GC ${pass.heapMidMb} MB at half, ${pass.heapEndMb} MB at end)`,
    ),
    `ratio full parse / load-only, 1 thread:  ${(single.rate / base.rate).toFixed(2)}  (target ≥ ${target}: ${single.rate / base.rate >= target ? 'met' : 'NOT met'})`,
    `ratio full parse on workers / load-only: ${(pooled.rate / base.rate).toFixed(2)}  (workers vs 1 thread: ${(pooled.rate / single.rate).toFixed(2)}×)`,
    `load average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${workers} cores (timings from a busy machine are noisy: compare ratios, re-run)`,
  ]
  lines.push(...realPages(), ...largePages())
  process.stdout.write(lines.join('\n') + '\n')
}

/** Pages/s over the real role pages of the development corpus next to the project (../shared/data/role_pages_dev). */
function realPages(): string[] {
  const folder = path.resolve(root, '../shared/data/role_pages_dev')
  const expected = path.join(folder, 'EXPECTED.json')
  if (!existsSync(expected)) return [`real pages: ${path.relative(root, folder)} not found, skipped`]
  const files = (JSON.parse(readFileSync(expected, 'utf8')) as { files: { file: string }[] }).files.map((f) => path.join(folder, f.file))
  const pages = files.map((file) => pageOf(file, readFileSync(file)))
  for (const page of pages) parsePage(page) // warm-up
  const rates: number[] = []
  let profiles = 0
  for (let round = 0; round < 3; round++) {
    const started = performance.now()
    profiles = 0
    for (const page of pages) profiles += parsePage(page).profiles.length
    rates.push(pages.length / ((performance.now() - started) / 1000))
  }
  return [`real pages (${pages.length} files of ${path.relative(root, folder)}, 1 thread): ${median(rates).toFixed(0)} pages/s, ${profiles} profiles`]
}

/** Seconds for one 1 MB page (Markdown and HTML ladders), a 5,000-deep and a 3,000-column page (target: < 2 s each). */
function largePages(): string[] {
  const statement = (i: number, j: number) => `Statement ${j} about the work of the role in area ${i}, with enough words to read as one`
  const md = `# Engineer\n\n${Array.from({ length: 1300 }, (_, i) => `## Level ${(i % 9) + 1} area ${i}\n\nAn engineer at this level works on what matters to the team.\n\n${Array.from({ length: 8 }, (_, j) => `- ${statement(i, j)}`).join('\n')}\n`).join('\n')}`
  const html = `<html><body><main><h1>Engineer</h1>${Array.from({ length: 1300 }, (_, i) => `<h2>Area ${i}</h2><p>An engineer at this level works on what matters to the team.</p><ul>${Array.from({ length: 8 }, (_, j) => `<li>${statement(i, j)}</li>`).join('')}</ul>`).join('')}</main></body></html>`
  const deep = `<html><body><h1>Engineer</h1>${'<div>'.repeat(5000)}<ul><li>Writes code</li></ul>${'</div>'.repeat(5000)}</body></html>`
  const wide = `<html><body><h1>Engineer</h1><table><tr><th>Area</th>${Array.from({ length: 3000 }, (_, i) => `<th>IC${(i % 8) + 1}</th>`).join('')}</tr><tr><td>Scope</td>${'<td>Writes code for the team every day</td>'.repeat(3000)}</tr></table></body></html>`
  return [
    ['Markdown ladder', 'big.md', md],
    ['HTML page', 'big.html', html],
    ['5,000 nested elements', 'deep.html', deep],
    ['3,000-column table', 'wide.html', wide],
  ].map(([label, file, text]) => {
    // CPU time as well as wall time: on a shared machine the wall time mostly measures the other processes.
    const cpuBefore = process.cpuUsage()
    const started = performance.now()
    const result = parsePage(pageOf(file!, new TextEncoder().encode(text!)))
    const seconds = (performance.now() - started) / 1000
    const cpu = process.cpuUsage(cpuBefore)
    const cpuSeconds = (cpu.user + cpu.system) / 1e6
    return `large page: ${label!.padEnd(22)} ${(text!.length / 1e6).toFixed(2)} MB  ${seconds.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU  (${result.profiles.length} profiles; target < 2 s CPU: ${cpuSeconds < 2 ? 'met' : 'NOT met'})`
  })
}

function pageOf(file: string, bytes: Uint8Array) {
  return { path: file, bytes, contentHash: '' }
}
