// The scale bench: canon-app HTML pages rendered from the reference occupations (10 levels each, then the same
// roles in other business units past about 10,000 pages), built end to end by `canon run nightly` into the
// Postgres server, then rebuilt by `canon run rebuild` with no change, after editing one page and after adding
// one decision to edits/. Runs that at several corpus sizes in one run (default 2,500 / 10,000 / 40,000 pages)
// and prints, per size, each run's time (rebuilds as a fraction of the full build of the same size, measured in
// the same run), its peak memory and where the time went; then the curve: time and peak memory by size, and
// the largest size's peak against the smallest's. Times are the child process's wall clock, start-up included.
// Targets (2-core machine): full build ≥ 250 pages/s at 10,000 pages (issue 14); one-page-edit and one-decision
// rebuilds ≤ 2% of the full build at 10,000 pages; peak memory < 512 MB at 10,000 pages, flat (within 10%) from
// 2,500 to 40,000 (issue 17).
//
// Server: CANON_BENCH_DATABASE_URL or DATABASE_URL (a database on that server is created and dropped per size),
// default postgres://postgres@127.0.0.1:5432/postgres. Sizes: CANON_BENCH_SIZES (comma-separated page counts)
// or CANON_BENCH_PAGES (one size).

import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureCorpus, renderCorpusFrom } from '../test/helpers/canon-app-corpus.js'
import type { CliMeasurement } from './lib/measure-cli.js'
import { createScratchDatabase } from '../test/helpers/scratch-database.js'

const here = path.dirname(fileURLToPath(import.meta.url))
// dist/bench → the project root.
const root = path.resolve(here, '..', '..')
const referenceDir = path.join(root, 'raw', 'reference')
const measureScript = path.join(here, 'lib', 'measure-cli.js')

const targets = { pagesPerSecond: 250, rebuildFraction: 0.02, peakBytes: 512 * 1024 ** 2, flatness: 0.1 }

/** The sizes to build, from the environment (see the top of this file). */
function benchSizes(): number[] {
  const sizes = process.env.CANON_BENCH_SIZES ?? process.env.CANON_BENCH_PAGES ?? '2500,10000,40000'
  const list = sizes.split(',').map((size) => Number(size.trim()))
  if (list.some((size) => !Number.isInteger(size) || size < 2)) throw new Error(`CANON_BENCH_SIZES: expected page counts such as 2500,10000; found "${sizes}"`)
  return list
}

interface SizeResult {
  pages: number
  full: CliMeasurement
  unchanged: CliMeasurement
  edited: CliMeasurement
  decided: CliMeasurement
}

export async function run(): Promise<void> {
  const serverUrl = process.env.CANON_BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const results: SizeResult[] = []
  for (const pageCount of benchSizes()) results.push(await runSize(pageCount, serverUrl))
  printCurve(results)
}

async function runSize(pageCount: number, serverUrl: string): Promise<SizeResult> {
  const corpusRoot = path.join(root, 'bench', '.corpus', `canon-app-${pageCount}`)
  // The pages are needed anyway: the edit rewrites one of them.
  const pages = await renderCorpusFrom(referenceDir, pageCount)
  const rawDir = await ensureCorpus(corpusRoot, async () => pages)
  const bytes = pages.reduce((total, page) => total + Buffer.byteLength(page.html), 0)
  console.log(`\n### ${pageCount} pages\n`)
  console.log(`corpus: ${pages.length} canon-app HTML pages, ${(bytes / pages.length / 1024).toFixed(1)} KB each on average, in ${path.relative(root, rawDir)}`)

  const work = await mkdtemp(path.join(tmpdir(), 'canon-build-bench-'))
  const edits = path.join(work, 'edits')
  await mkdir(edits)
  const { url, drop } = await createScratchDatabase(serverUrl, 'canon_bench')
  const editedPage = pages[Math.floor(pages.length / 2)]!
  const decidedPage = pages[Math.floor(pages.length / 3)]!
  const editedFile = path.join(rawDir, 'pages', editedPage.file)
  stageTimes.clear()
  try {
    // The commands teams run (pipelines/): `canon run nightly` (build every page, export every profile) for the
    // full build, `canon run rebuild` (build what changed, export the delta since the previous release) for the
    // rebuilds. One more edit goes through `canon build`, which exports the whole release: shown, not a target.
    const common = ['--raw', rawDir, '--reference', referenceDir, '--edits', edits, '--out', path.join(work, 'out'), '--db', url, '--log', 'json']
    const run = (label: string, pipeline: string) =>
      measure(label, work, url, [
        'run',
        pipeline,
        ...common,
        '--pipelines',
        path.join(root, 'pipelines'),
        '--metrics-file',
        path.join(work, `${pipeline}.prom`),
      ])
    const edit = (marker: string) =>
      writeFile(editedFile, editedPage.html.replace('</h1>', `</h1>\n<p>${marker}</p>`).replace(/(<h2>Summary<\/h2>\n<p>)/, `$1${marker} `))

    const full = await run('full build', 'nightly')
    const unchanged = await run('no-change rebuild', 'rebuild')
    await edit('Edited for the bench.')
    const edited = await run('one-page-edit rebuild', 'rebuild')
    // A decision a person adds to edits/: a status for one role (it changes that role and nothing else).
    await writeFile(path.join(edits, 'bench.csv'), `kind,role_code,status,author,reason\nset_status,${decidedPage.code},approved,bench,decided for the bench\n`)
    const decided = await run('one-decision rebuild', 'rebuild')
    await edit('Edited again for the bench.')
    const editedFullExport = await measure('one-page-edit build, full export', work, url, ['build', ...common])

    const pagesPerSecond = pages.length / full.seconds
    const rows = [
      [
        'full build (`canon run nightly`)',
        full,
        `${pagesPerSecond.toFixed(0)} pages/s`,
        `target ≥ ${targets.pagesPerSecond} pages/s`,
        pagesPerSecond >= targets.pagesPerSecond,
      ],
      ['no-change rebuild (`canon run rebuild`)', unchanged, fraction(unchanged.seconds / full.seconds), 'of the full build', null],
      [
        'one-page-edit rebuild (`canon run rebuild`)',
        edited,
        fraction(edited.seconds / full.seconds),
        `target ≤ ${fraction(targets.rebuildFraction)}`,
        edited.seconds / full.seconds <= targets.rebuildFraction,
      ],
      [
        'one-decision rebuild (edits/, `canon run rebuild`)',
        decided,
        fraction(decided.seconds / full.seconds),
        `target ≤ ${fraction(targets.rebuildFraction)}`,
        decided.seconds / full.seconds <= targets.rebuildFraction,
      ],
      [
        'one-page-edit `canon build` (exports the whole release)',
        editedFullExport,
        fraction(editedFullExport.seconds / full.seconds),
        'of the full build',
        null,
      ],
    ] as const
    console.log('')
    console.log('| run | exit | seconds | figure | target | peak memory |')
    console.log('|---|---|---|---|---|---|')
    for (const [label, m, figure, target, ok] of rows) {
      console.log(
        `| ${label} | ${m.exitCode} | ${m.seconds.toFixed(2)} | ${figure} | ${target}${ok === null ? '' : ok ? ' ✓' : ' ✗'} | ${megabytes(m.maxRssBytes)} |`,
      )
    }
    printStageTable()
    console.log(`\nsummary of the one-page-edit rebuild:\n${edited.stdout.trim()}`)
    return { pages: pages.length, full, unchanged, edited, decided }
  } finally {
    await writeFile(editedFile, editedPage.html)
    await drop()
    await rm(work, { recursive: true, force: true })
  }
}

/** The curve: time and peak memory by corpus size, and how far the largest size's peak is from the smallest's. */
function printCurve(results: readonly SizeResult[]): void {
  console.log('\n### The curve\n')
  console.log('| pages | full build (s) | pages/s | peak, full build | peak, any run | one-page edit | one decision |')
  console.log('|---|---|---|---|---|---|---|')
  for (const r of results) {
    const peak = Math.max(r.full.maxRssBytes, r.unchanged.maxRssBytes, r.edited.maxRssBytes, r.decided.maxRssBytes)
    console.log(
      `| ${r.pages} | ${r.full.seconds.toFixed(1)} | ${(r.pages / r.full.seconds).toFixed(0)} | ${megabytes(r.full.maxRssBytes)} | ${megabytes(peak)} | ${fraction(r.edited.seconds / r.full.seconds)} | ${fraction(r.decided.seconds / r.full.seconds)} |`,
    )
  }
  if (results.length < 2) return
  const bySize = [...results].sort((a, b) => a.pages - b.pages)
  const [smallest, largest] = [bySize[0]!, bySize[bySize.length - 1]!]
  const growth = largest.full.maxRssBytes / smallest.full.maxRssBytes - 1
  console.log(
    `\npeak memory of the full build at ${largest.pages} pages against ${smallest.pages}: ${growth >= 0 ? '+' : ''}${fraction(growth)} (target within ${fraction(targets.flatness)} ${Math.abs(growth) <= targets.flatness ? '✓' : '✗'})`,
  )
  for (const r of results) {
    if (r.pages === 10_000)
      console.log(
        `peak memory at 10,000 pages: ${megabytes(r.full.maxRssBytes)} (target < ${megabytes(targets.peakBytes)} ${r.full.maxRssBytes < targets.peakBytes ? '✓' : '✗'})`,
      )
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 ** 2).toFixed(0)} MB`
}

/** Stage durations (ms) of each measured run, from its JSON log lines (`stage X done`). */
const stageTimes = new Map<string, Map<string, number>>()

function stagesFromLog(text: string): Map<string, number> {
  const stages = new Map<string, number>()
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue
    const record = JSON.parse(line) as { msg?: string; stage?: string; durationMs?: number }
    if (record.msg?.startsWith('stage ') && record.stage && typeof record.durationMs === 'number') stages.set(record.stage, record.durationMs)
  }
  return stages
}

/** Where the time went: one column per run, one row per stage, in seconds. */
function printStageTable(): void {
  const runs = [...stageTimes.keys()]
  const stages = [...new Set(runs.flatMap((run) => [...stageTimes.get(run)!.keys()]))]
  console.log(`\n| stage (s) | ${runs.join(' | ')} |`)
  console.log(`|---|${runs.map(() => '---').join('|')}|`)
  for (const stage of stages) {
    console.log(`| ${stage} | ${runs.map((run) => ((stageTimes.get(run)!.get(stage) ?? 0) / 1000).toFixed(2)).join(' | ')} |`)
  }
}

function fraction(value: number): string {
  return `${(value * 100).toFixed(1)}%`
}

/** Runs `canon ARGS` in a child process (see lib/measure-cli.ts) and returns its time, exit code and peak memory. */
async function measure(label: string, work: string, url: string, args: string[]): Promise<CliMeasurement> {
  const resultFile = path.join(work, `${label.replace(/\W+/g, '-')}.json`)
  const logFile = path.join(work, `${label.replace(/\W+/g, '-')}.log`)
  const log: Buffer[] = []
  const began = performance.now()
  const exit = await new Promise<number>((resolve, reject) => {
    // No V8 flags: the build runs as `bin/canon.js` runs it.
    const child = spawn(process.execPath, [measureScript, resultFile, '--', ...args], {
      // In the bench's own folder: the build keeps its index snapshots in .canon/cache there, so the full build
      // starts without one, as the first build of a new canon does.
      cwd: work,
      // DATABASE_URL in the environment wins over --db: the child must not see the server URL the bench was given.
      env: { ...process.env, DATABASE_URL: url },
      stdio: ['ignore', 'inherit', 'pipe'],
    })
    child.stderr.on('data', (chunk: Buffer) => log.push(chunk))
    child.once('error', reject)
    child.once('exit', (code) => resolve(code ?? 1))
  })
  await writeFile(logFile, Buffer.concat(log))
  stageTimes.set(label, stagesFromLog(Buffer.concat(log).toString()))
  if (exit !== 0) throw new Error(`${label}: the measuring process exited ${exit}; log in ${logFile}:\n${Buffer.concat(log).toString().slice(-2000)}`)
  const wall = (performance.now() - began) / 1000
  const result = { ...(JSON.parse(await readFile(resultFile, 'utf8')) as CliMeasurement), seconds: wall }
  if (result.exitCode !== 0 && result.exitCode !== 3) {
    throw new Error(`${label}: canon exited ${result.exitCode}; log:\n${Buffer.concat(log).toString().slice(-2000)}`)
  }
  console.log(`${label}: ${result.seconds.toFixed(2)} s, exit ${result.exitCode}, peak ${(result.maxRssBytes / 1024 ** 2).toFixed(0)} MB`)
  return result
}
