// canon run, exit codes, logs, metrics and the review loop, through the CLI's main(argv, io), on both databases.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import Papa from 'papaparse'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { acquireBuildLock } from '../../src/db/build-lock.js'
import { readLastSuccess } from '../../src/metrics/textfile.js'
import { getCurrentRelease, readReleaseProfiles } from '../../src/store/index.js'
import { testBackends } from '../helpers/databases.js'
import { createWorkspace, type Workspace } from '../helpers/cli-workspace.js'
import { collect } from '../helpers/load.js'

const jsonLines = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)

describe.each(testBackends)('canon run on %s', (backend) => {
  let ws: Workspace
  beforeEach(async () => {
    ws = await createWorkspace(backend)
  })
  afterEach(async () => {
    await ws.cleanup()
  })

  it('runs nightly: publishes, exports every profile, logs one JSON line per stage, writes metrics and the run record; exit 0', async () => {
    const metrics = path.join(ws.dir, 'textfile', 'canon.prom')
    const first = await ws.canon(['run', 'nightly', ...ws.buildArgs, '--metrics-file', metrics])
    expect(first.stderr).not.toMatch(/^canon: /m)
    expect(first.exitCode).toBe(0)
    expect(first.stdout).toMatch(/^canon nightly: published release 1\n/)
    expect(first.stdout).toMatch(/pages +1 seen, 1 parsed, 0 unchanged, 0 quarantined/)
    expect(first.stdout).toContain('out/releases/1/workday')
    expect(first.stdout).toContain('out/releases/1/oracle-hdl')

    const lines = jsonLines(first.stderr)
    const stages = lines.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('stage ')).map((l) => l.stage)
    expect(stages).toEqual(expect.arrayContaining(['build', 'parse', 'classify', 'aliases', 'plan', 'load', 'export']))
    for (const line of lines.filter((l) => typeof l.stage === 'string')) expect(typeof line.durationMs).toBe('number')

    const text = await readFile(metrics, 'utf8')
    expect(text).toContain('canon_pages{pipeline="nightly",state="seen"} 1\n')
    expect(text).toContain('canon_roles_changed{pipeline="nightly",change="added"} 1\n')
    expect(readLastSuccess(text, 'nightly')).toBeGreaterThan(0)

    const db = await ws.open()
    try {
      const run = await db.selectFrom('runs').select(['counts', 'status']).orderBy('id', 'desc').executeTakeFirstOrThrow()
      expect(run.counts).toMatchObject({ pages_seen: 1, roles_added: 1, exit_code: 0 })
      expect(run.counts.stage_export_ms).toBeGreaterThanOrEqual(0)
    } finally {
      await db.destroy()
    }

    const second = await ws.canon(['run', 'rebuild', ...ws.buildArgs])
    expect(second.exitCode).toBe(0)
    expect(second.stdout).toMatch(/^canon rebuild: nothing changed; release 1 is current\n/)
  })

  it('canon build (npm start) prints a summary a person can read, and says nothing changed the second time', async () => {
    const first = await ws.canon(['build', ...ws.buildArgs])
    expect(first.exitCode).toBe(0)
    expect(first.stdout).toMatch(/^canon build: published release 1\n/)
    expect(first.stdout).toMatch(/ {2}pages +1 seen, 1 parsed, 0 unchanged, 0 quarantined\n/)
    expect(first.stdout).toMatch(/ {2}roles +1 added, 0 changed, 0 removed, 0 unchanged\n/)
    expect(first.stdout).toMatch(/ {2}aliases +\d+ merged, \d+ in conflict\n/)
    expect(first.stdout).toMatch(/ {2}codes +\d+ auto-accepted, \d+ need review\n/)
    expect(first.stdout).toContain('out/releases/1/generic')
    const second = await ws.canon(['build', ...ws.buildArgs])
    expect(second.exitCode).toBe(0)
    expect(second.stdout).toMatch(/^canon build: nothing changed; release 1 is current\n/)
    expect(second.stdout).toMatch(/ {2}pages +1 seen, 0 parsed, 1 unchanged, 0 quarantined\n/)
    expect(second.stdout).toContain('  exports    none written: release 1 has not changed\n')
  })

  it('exits 3 when a release went out with a quarantined page, and lists the page', async () => {
    await ws.writePage('broken/empty.html', '')
    const result = await ws.canon(['run', 'nightly', ...ws.buildArgs])
    expect(result.exitCode).toBe(3)
    expect(result.stdout).toMatch(/published release 1/)
    expect(result.stdout).toContain('pages/broken/empty.html')
  })

  it('exits 75 when another build holds the lock', async () => {
    const holder = await ws.open()
    const lock = await acquireBuildLock(holder, { timeoutMs: 1_000 })
    try {
      const result = await ws.canon(['run', 'nightly', ...ws.buildArgs, '--lock-timeout', '1'])
      expect(result.exitCode).toBe(75)
      expect(result.stderr).toMatch(/canon build|lock/i)
    } finally {
      await lock.release()
      await holder.destroy()
    }
  })

  it('goes round the review loop: build → review file → fill → apply → rebuild, and the decisions hold', async () => {
    expect((await ws.canon(['build', ...ws.buildArgs])).exitCode).toBe(0)
    const reviewFile = path.join(ws.dir, 'review.csv')
    const review = await ws.canon(['review', '--out', reviewFile, ...ws.dbArgs])
    expect(review.exitCode).toBe(0)
    const parsed = Papa.parse<Record<string, string>>(await readFile(reviewFile, 'utf8'), { header: true, delimiter: ',', skipEmptyLines: true })
    // A SOC 2018 row: the classifier also lists derived ISCO-08 rows for review, and 15-1244 is a SOC code.
    const codeRow = parsed.data.find((row) => row.kind === 'code_needs_review' && row.role_code === 'EDE.GEN.P3' && row.subject?.startsWith('SOC2018 '))
    expect(codeRow).toBeDefined()
    const aliasRow = parsed.data.find((row) => row.kind?.startsWith('alias_') && row.role_code === 'EDE.GEN.P3')

    // The reviewer overrides the code and, where an alias is listed, approves it.
    codeRow!.decision = 'override'
    codeRow!.value = '15-1244'
    codeRow!.reason = 'runs infrastructure'
    if (aliasRow) aliasRow.decision = 'approve'
    const filled = Papa.unparse({ fields: parsed.meta.fields!, data: parsed.data.map((row) => parsed.meta.fields!.map((f) => row[f] ?? '')) })
    await import('node:fs/promises').then((fs) => fs.writeFile(reviewFile, filled))

    const applied = await ws.canon(['review', '--apply', reviewFile, '--author', 'ana', ...ws.dbArgs])
    expect(applied.stderr).not.toMatch(/^canon: /m)
    expect(applied.exitCode).toBe(0)
    expect(applied.stdout).toMatch(/recorded \d+ decision/)
    // The same file again records nothing twice.
    const twice = await ws.canon(['review', '--apply', reviewFile, '--author', 'ana', ...ws.dbArgs])
    expect(twice.exitCode).toBe(0)
    expect(twice.stdout).toMatch(/recorded 0 decision\(s\) from .* \(\d+ already recorded, not recorded again\)/)
    // A row whose role was changed by hand, or a forged row for an item canon never offered, records nothing.
    const tampered = parsed.data.map((row) => (row === codeRow ? { ...row, role_code: 'ZZZ.GEN.P3', value: '15-1299' } : row))
    const forged = parsed.data.map((row) =>
      row === codeRow ? { ...row, role_code: 'ZZZ.GEN.P3', item: `code_needs_review|ZZZ.GEN.P3|${row.subject}`, value: '15-1299' } : row,
    )
    for (const [rows, message] of [
      [tampered, /the row's kind, role_code or subject was edited/],
      [forged, /is not one canon offers for review now/],
    ] as const) {
      await import('node:fs/promises').then((fs) =>
        fs.writeFile(reviewFile, Papa.unparse({ fields: parsed.meta.fields!, data: rows.map((row) => parsed.meta.fields!.map((f) => row[f] ?? '')) })),
      )
      const refused = await ws.canon(['review', '--apply', reviewFile, '--author', 'ana', ...ws.dbArgs])
      expect(refused.exitCode).toBe(2)
      expect(refused.stderr).toMatch(message)
    }

    const rebuilt = await ws.canon(['build', ...ws.buildArgs])
    expect(rebuilt.exitCode).toBe(0)
    await ws.writePage(
      'canon/seed.txt',
      (await readFile(path.join(ws.dir, 'raw', 'pages', 'canon', 'seed.txt'), 'utf8')).replace('A mid-level DevOps Engineer', 'A mid-level DevOps engineer'),
    )
    expect((await ws.canon(['build', ...ws.buildArgs])).exitCode).toBe(0)

    const db = await ws.open()
    try {
      const current = await getCurrentRelease(db)
      const roles = await collect(readReleaseProfiles(db, current!.number))
      const role = roles.find((r) => r.profile.code === 'EDE.GEN.P3')!.profile
      const soc = role.classifications.filter((c) => c.system === 'SOC2018')
      expect(soc.map((c) => c.code)).toContain('15-1244')
      expect(soc.find((c) => c.code === '15-1244')!.source).toBe('decision')
      if (aliasRow) expect(role.aliases.find((a) => a.text === aliasRow.subject)?.approved).toBe(true)
    } finally {
      await db.destroy()
    }
    // What was decided is no longer asked.
    await ws.canon(['review', '--out', reviewFile, ...ws.dbArgs])
    const again = await readFile(reviewFile, 'utf8')
    expect(again).not.toContain('code_needs_review|EDE.GEN.P3|SOC2018 15-0000')
    // Three builds and six review commands: more than the default minute on a busy machine.
  }, 240_000)
})

describe('canon run, without a database', () => {
  let ws: Workspace
  beforeEach(async () => {
    ws = await createWorkspace('pglite')
  })
  afterEach(async () => {
    await ws.cleanup()
  })

  it.each([
    [['run', 'weekly'], /no pipeline named "weekly"/],
    [['run', 'nightly', '--log', 'xml'], /Allowed choices are human, json/],
    [['run', 'nightly', '--no-such-flag'], /unknown option/],
    [['run'], /missing required argument/],
  ])('exits 2 for bad usage: canon %j', async (args, message) => {
    const result = await ws.canon(args)
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toMatch(message)
  })

  it('exits 2 for a pipeline file that names an export profile that does not exist', async () => {
    await import('node:fs/promises').then((fs) =>
      fs.writeFile(path.join(ws.dir, 'pipelines', 'odd.yaml'), 'steps: [build, { export: { profiles: [oracle] } }]\n'),
    )
    const result = await ws.canon(['run', 'odd', ...ws.buildArgs])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toMatch(/unknown export profile "oracle"/)
  })

  it('prints the resolved settings and where each came from, with the password redacted', async () => {
    const result = await ws.canon(['run', 'nightly', '--out', 'exports', '--print-settings'], { DATABASE_URL: 'postgres://canon:hunter2@db.example/canon' })
    expect(result.exitCode).toBe(0)
    const printed = JSON.parse(result.stdout)
    expect(printed.settings.out).toBe(path.join(ws.dir, 'exports'))
    expect(printed.sources).toMatchObject({ out: 'flag', metricsFile: 'pipeline', raw: 'default', databaseUrl: 'environment' })
    expect(printed.settings.metricsFile).toBe(path.join(ws.dir, 'out', 'metrics', 'canon-nightly.prom'))
    expect(result.stdout).not.toContain('hunter2')
  })

  it('exits 1 when the database cannot be reached, and never logs its password', async () => {
    const metrics = path.join(ws.dir, 'canon.prom')
    const result = await ws.canon(['run', 'nightly', '--reference', path.resolve('raw/reference'), '--metrics-file', metrics], {
      DATABASE_URL: 'postgres://canon:hunter2@127.0.0.1:1/canon',
    })
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toMatch(/failed; nothing published/)
    expect(`${result.stdout}${result.stderr}${await readFile(metrics, 'utf8')}`).not.toContain('hunter2')
    expect(await readFile(metrics, 'utf8')).toContain('canon_run_exit_code{pipeline="nightly"} 1\n')
  })
})

describe.each(testBackends.filter((b) => b === 'postgres'))('secrets on %s', (backend) => {
  it('a build with a password in DATABASE_URL never writes the password to any log or output', async () => {
    const ws = await createWorkspace(backend)
    try {
      const url = new URL(ws.env.DATABASE_URL!)
      url.username = url.username || 'postgres'
      url.password = 'Sup3r-Secret-Pw'
      const env = { DATABASE_URL: url.toString() }
      const runs = [
        await ws.canon(['run', 'nightly', ...ws.buildArgs, '--log', 'json'], env),
        await ws.canon(['build', ...ws.buildArgs, '--log', 'human'], env),
        await ws.canon(['runs', ...ws.dbArgs], env),
      ]
      expect(runs[0]!.exitCode).toBe(0)
      for (const result of runs) expect(`${result.stdout}${result.stderr}`).not.toContain('Sup3r-Secret-Pw')
      expect(runs[0]!.stderr).toContain(':***@')
    } finally {
      await ws.cleanup()
    }
  })
})
