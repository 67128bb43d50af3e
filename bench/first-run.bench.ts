// A newcomer's first build of the sample pages (raw/pages) after `npm install`, and the no-change rebuild after
// it, each `node bin/canon.js build` in its own process on a new data directory, timed from outside (wall) and
// from inside (CPU of all its threads, written at exit). Baselines measured in the same run: node's start-up,
// and opening and closing an empty in-memory PGlite. The targets (issue 17): first build ≤ 5 s, no-change
// rebuild ≤ 1 s. `npm start` adds its incremental tsc check (timed here too).
//   npm run bench -- first-run            (CANON_RAW: the pages folder's parent, default raw)

import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

interface Cost {
  wall: number
  cpu: number
}

/** Runs `node ...args` in the package folder; wall seconds from here, CPU seconds (user + system) from inside. */
async function measure(args: string[], scratch: string): Promise<Cost> {
  const cpuFile = path.join(scratch, `cpu-${Math.random().toString(36).slice(2)}.json`)
  const hook = `data:text/javascript,import{writeFileSync}from'node:fs';process.on('exit',()=>{const u=process.cpuUsage();writeFileSync(${JSON.stringify(cpuFile)},JSON.stringify(u))})`
  const began = performance.now()
  const child = spawnSync(process.execPath, ['--import', hook, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  const wall = (performance.now() - began) / 1000
  if (child.status !== 0) throw new Error(`node ${args.join(' ')} exited ${child.status}: ${child.stderr.slice(-2000)}`)
  const usage = JSON.parse(await readFile(cpuFile, 'utf8')) as { user: number; system: number }
  return { wall, cpu: (usage.user + usage.system) / 1e6 }
}

const seconds = (value: number) => `${value.toFixed(2)} s`

export async function run(): Promise<void> {
  const raw = path.resolve(process.env.CANON_RAW ?? path.join(root, 'raw'))
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'canon-first-run-'))
  try {
    const nodeStart = await measure(['-e', ''], scratch)
    const pglite = await measure(
      ['--input-type=module', '-e', "const { PGlite } = await import('@electric-sql/pglite'); await (await PGlite.create()).close()"],
      scratch,
    )
    const tsc = await measure([path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], scratch)
    const build = ['bin/canon.js', 'build', '--raw', raw, '--data-dir', path.join(scratch, 'db'), '--out', path.join(scratch, 'out')]
    build.push('--edits', path.join(scratch, 'edits'), '--log', 'json')
    const first = await measure(build, scratch)
    const rebuild = await measure(build, scratch)
    const rows: [string, Cost, string][] = [
      ['node start-up (baseline)', nodeStart, ''],
      ['empty in-memory PGlite open + close (baseline)', pglite, ''],
      ['tsc incremental check, nothing to do (npm start runs it first)', tsc, ''],
      ['first build of the sample pages', first, '≤ 5 s'],
      ['no-change rebuild', rebuild, '≤ 1 s'],
    ]
    process.stdout.write(`pages: ${path.join(raw, 'pages')}; ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(2)}\n\n`)
    process.stdout.write('| step | wall | CPU | wall ÷ empty PGlite | wall ÷ node start-up | target |\n|---|---|---|---|---|---|\n')
    for (const [name, cost, target] of rows) {
      process.stdout.write(
        `| ${name} | ${seconds(cost.wall)} | ${seconds(cost.cpu)} | ${(cost.wall / pglite.wall).toFixed(2)} | ${(cost.wall / nodeStart.wall).toFixed(1)} | ${target} |\n`,
      )
    }
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
}
