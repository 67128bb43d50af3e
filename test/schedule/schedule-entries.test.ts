import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { scheduleEntries } from '../../src/schedule/schedule-entries.js'
import { parsePipelineFile } from '../../src/pipeline/definition.js'
import { childProcessRunner } from '../../src/schedule/child-runner.js'

const nightly = parsePipelineFile('nightly', 'schedule: "0 2 * * *"\ntimezone: UTC\nsteps: [build]', 'nightly.yaml')
const rebuild = parsePipelineFile('rebuild', 'steps: [build]', 'rebuild.yaml')

describe('scheduleEntries', () => {
  it('schedules every pipeline that declares a schedule when none is named', () => {
    expect(scheduleEntries([], [nightly, rebuild])).toEqual([{ pipeline: 'nightly', cron: '0 2 * * *', timezone: 'UTC' }])
  })

  it('takes NAME=CRON to schedule a pipeline on another expression', () => {
    expect(scheduleEntries(['nightly', 'rebuild=*/30 * * * *'], [nightly, rebuild])).toEqual([
      { pipeline: 'nightly', cron: '0 2 * * *', timezone: 'UTC' },
      { pipeline: 'rebuild', cron: '*/30 * * * *', timezone: null },
    ])
  })

  it.each([
    [['weekly'], /no pipeline named "weekly" \(found: nightly, rebuild\)/],
    [['rebuild'], /pipeline "rebuild" declares no schedule/],
    [['rebuild=61 * * * *'], /rebuild: .*"61 \* \* \* \*" is not a cron expression/],
  ])('refuses %j as bad usage', (args, message) => {
    expect(() => scheduleEntries(args, [nightly, rebuild])).toThrow(message)
  })

  it('says so when no pipeline declares a schedule', () => {
    expect(() => scheduleEntries([], [rebuild])).toThrow(/no pipeline declares a schedule/)
  })
})

describe('childProcessRunner', () => {
  it('runs `SCRIPT run NAME …args` in a child process and resolves with its exit code', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'canon-child-'))
    const script = path.join(dir, 'fake-canon.mjs')
    await writeFile(
      script,
      `import { writeFileSync } from 'node:fs'
writeFileSync(${JSON.stringify(path.join(dir, 'argv.json'))}, JSON.stringify(process.argv.slice(2)))
process.exit(process.argv[3] === 'nightly' ? 3 : 75)\n`,
    )
    const run = childProcessRunner({ node: process.execPath, script, args: ['--log', 'json'], cwd: dir, env: process.env })
    expect(await run('nightly')).toBe(3)
    const { readFile } = await import('node:fs/promises')
    expect(JSON.parse(await readFile(path.join(dir, 'argv.json'), 'utf8'))).toEqual(['run', 'nightly', '--log', 'json'])
    expect(await run('rebuild')).toBe(75)
  })
})

describe('canon schedule', () => {
  it('waits for the next run and stops cleanly with exit 0 on SIGTERM', async () => {
    const { main } = await import('../../src/cli.js')
    let stop: ((signal: string) => void) | null = null
    let stderr = ''
    const pending = main(['schedule', '--pipelines', path.resolve(import.meta.dirname, '../../pipelines'), 'nightly=0 3 1 1 *', '--log', 'json'], {
      stdout: () => {},
      stderr: (text) => void (stderr += text),
      env: {},
      cwd: process.cwd(),
      isTty: false,
      execPath: process.execPath,
      scriptPath: 'bin/canon.js',
      onStopSignal: (handler) => {
        stop = handler
        return () => (stop = null)
      },
    })
    for (let i = 0; i < 100 && !stderr.includes('next run'); i++) await new Promise((resolve) => setTimeout(resolve, 20))
    expect(stderr).toContain('next run: nightly at ')
    stop!('SIGTERM')
    expect(await pending).toBe(0)
    expect(stderr).toContain('schedule stopped')
    expect(stop).toBeNull()
  })

  it('exits 2 for a schedule that is not a cron expression', async () => {
    const { main } = await import('../../src/cli.js')
    let stderr = ''
    const code = await main(['schedule', '--pipelines', path.resolve(import.meta.dirname, '../../pipelines'), 'nightly=every night'], {
      stdout: () => {},
      stderr: (text) => void (stderr += text),
      env: {},
      cwd: process.cwd(),
      isTty: false,
    })
    expect(code).toBe(2)
    expect(stderr).toMatch(/is not a cron expression/)
  })
})
