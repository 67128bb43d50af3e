// The fault bench: what canon holds against hostile pages and kills, end to end through the CLI (each build a
// child process on a new embedded database, like a nightly on a fresh volume). Prints, against a baseline of the
// sample pages alone measured in the same run:
//   - hostile inputs held: the sample pages plus generated hostile pages (a million nested <i>, a million <p>x,
//     a heading never closed, an empty file, binary bytes): exit code, which pages were quarantined, wall time and
//     peak memory (targets: under 60 s and 1 GB on a quiet 2-core machine, no worse than the baseline);
//   - kills survived: a build killed (SIGKILL) at a logged step, before the commit and in the middle of its
//     exports, then built again: the second build must leave every profile of release 1 exported and out/latest
//     on release 1.

import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CliMeasurement } from './lib/measure-cli.js'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '..', '..')
const measureScript = path.join(here, 'lib', 'measure-cli.js')
const profiles = ['generic', 'workday', 'successfactors']

interface Workspace {
  dir: string
  args: string[]
}

async function workspace(parent: string, name: string, extraPages: Record<string, string | Buffer>): Promise<Workspace> {
  const dir = path.join(parent, name)
  await mkdir(path.join(dir, 'raw'), { recursive: true })
  await cp(path.join(root, 'raw', 'pages'), path.join(dir, 'raw', 'pages'), { recursive: true })
  for (const [file, content] of Object.entries(extraPages)) await writeFile(path.join(dir, 'raw', 'pages', file), content)
  const args = ['build', '--raw', 'raw', '--reference', path.join(root, 'raw', 'reference'), '--out', 'out', '--data-dir', 'db', '--log', 'json']
  return { dir, args }
}

/** Runs canon in a child process; with `killAt`, sends SIGKILL once a log line matches it. */
function canon(ws: Workspace, killAt?: RegExp): Promise<CliMeasurement & { killed: boolean; log: string }> {
  return new Promise((resolve, reject) => {
    const resultFile = path.join(ws.dir, `result-${Date.now()}.json`)
    const child = spawn(process.execPath, [measureScript, resultFile, '--', ...ws.args], {
      cwd: ws.dir,
      env: { ...process.env, DATABASE_URL: '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let log = ''
    let killed = false
    child.stderr.on('data', (chunk: Buffer) => {
      log += chunk.toString()
      if (killAt && !killed && killAt.test(log)) {
        killed = true
        child.kill('SIGKILL')
      }
    })
    child.on('error', reject)
    child.on('close', async () => {
      if (killed) return resolve({ exitCode: -9, seconds: 0, maxRssBytes: 0, stdout: '', killed, log })
      try {
        resolve({ ...(JSON.parse(await readFile(resultFile, 'utf8')) as CliMeasurement), killed, log })
      } catch (error) {
        reject(new Error(`canon did not finish: ${String(error)}\n${log.slice(-2000)}`))
      }
    })
  })
}

const mb = (bytes: number) => Math.round(bytes / (1024 * 1024))

/** Whether every profile of release 1 is exported and out/latest names release 1. */
async function releaseOneExported(ws: Workspace): Promise<boolean> {
  const out = path.join(ws.dir, 'out')
  if (!profiles.every((p) => existsSync(path.join(out, 'releases', '1', p, 'manifest.json')))) return false
  const latest = JSON.parse(await readFile(path.join(out, 'latest.json'), 'utf8').catch(() => '{}')) as { release?: number }
  return latest.release === 1
}

export async function run(): Promise<void> {
  const parent = await mkdtemp(path.join(tmpdir(), 'canon-faults-bench-'))
  try {
    const hostile = {
      'italics.html': `<html><body><h1>Italic Engineer</h1>${'<i>'.repeat(1_000_000)}x</body></html>`,
      'paragraphs.html': `<html><body><h1>Paragraph Engineer</h1>${'<p>x'.repeat(1_000_000)}</body></html>`,
      'open-heading.html': `<html><body><h1>Platform Engineer</h2><p>${Array.from({ length: 1500 }, (_, i) => `word${i}`).join(' ')}</p></body></html>`,
      'empty.html': '',
      'binary.html': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)),
    }
    const sample = await canon(await workspace(parent, 'sample', {}))
    const held = await canon(await workspace(parent, 'hostile', hostile))
    const quarantined = Object.keys(hostile).filter((file) => held.stdout.includes(`pages/${file} (`))
    const lines = [
      `| build | exit | seconds | peak memory |`,
      `|---|---|---|---|`,
      `| sample pages alone (baseline) | ${sample.exitCode} | ${sample.seconds.toFixed(1)} | ${mb(sample.maxRssBytes)} MB |`,
      `| sample + ${Object.keys(hostile).length} hostile pages | ${held.exitCode} | ${held.seconds.toFixed(1)} | ${mb(held.maxRssBytes)} MB |`,
      '',
      `hostile inputs held: ${quarantined.length} of ${Object.keys(hostile).length} quarantined (${quarantined.join(', ')}); exit ${held.exitCode} (3 = published with quarantined pages)`,
      `time ratio hostile / baseline: ${(held.seconds / sample.seconds).toFixed(2)}; peak ${mb(held.maxRssBytes)} MB (target < 1024 MB: ${held.maxRssBytes < 1024 ** 3 ? 'met' : 'NOT met'})`,
    ]

    // Kills at logged steps, each followed by a build that must finish the job.
    const kills: [string, RegExp][] = [
      ['before the commit (after parse)', /"msg":"stage parse done"/],
      ['after the commit, during the exports', /"msg":"exported generic"/],
    ]
    let survived = 0
    for (const [i, [when, step]] of kills.entries()) {
      const ws = await workspace(parent, `kill-${i}`, {})
      const killed = await canon(ws, step)
      const next = await canon(ws)
      const whole = next.exitCode === 0 && (await releaseOneExported(ws))
      if (killed.killed && whole) survived++
      lines.push(
        `kill ${when}: ${killed.killed ? 'killed' : 'NOT killed (step not logged)'}; next build exit ${next.exitCode}, release 1 exported in every profile and latest on it: ${whole ? 'yes' : 'NO'}`,
      )
    }
    lines.push(`kills survived: ${survived} of ${kills.length}`)
    process.stdout.write(`${lines.join('\n')}\n`)
  } finally {
    await rm(parent, { recursive: true, force: true })
  }
}
