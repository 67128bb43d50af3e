import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { RunReport } from '../../src/model/index.js'
import { readLastSuccess, renderRunMetrics, writeRunMetrics, type TextfileFs } from '../../src/metrics/textfile.js'
import { buildSummary } from '../helpers/run-fixtures.js'

function report(overrides: Partial<RunReport> = {}): RunReport {
  return {
    pipeline: 'nightly',
    status: 'succeeded',
    startedAt: new Date('2026-11-26T02:00:00Z'),
    finishedAt: new Date('2026-11-26T02:01:30Z'),
    build: buildSummary({ roles: { added: 2, changed: 3, removed: 1, unchanged: 94 } }),
    exports: [],
    stages: [
      { stage: 'build', durationMs: 80_000, counts: {} },
      { stage: 'export', durationMs: 2_500, counts: {} },
    ],
    error: null,
    ...overrides,
  }
}

/** Parses exposition text into `name{labels} → value` for assertions. */
function samples(text: string): Map<string, number> {
  const result = new Map<string, number>()
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue
    const at = line.lastIndexOf(' ')
    result.set(line.slice(0, at), Number(line.slice(at + 1)))
  }
  return result
}

describe('renderRunMetrics', () => {
  it('writes stage durations, pages, quarantined, roles changed, codes needing review and the last success time', async () => {
    const text = await renderRunMetrics(report(), null)
    const s = samples(text)
    expect(s.get('canon_stage_duration_seconds{pipeline="nightly",stage="build"}')).toBe(80)
    expect(s.get('canon_stage_duration_seconds{pipeline="nightly",stage="export"}')).toBe(2.5)
    expect(s.get('canon_run_duration_seconds{pipeline="nightly"}')).toBe(90)
    expect(s.get('canon_pages{pipeline="nightly",state="seen"}')).toBe(10)
    expect(s.get('canon_pages_quarantined{pipeline="nightly"}')).toBe(0)
    expect(s.get('canon_roles_changed{pipeline="nightly",change="added"}')).toBe(2)
    expect(s.get('canon_roles_changed{pipeline="nightly",change="changed"}')).toBe(3)
    expect(s.get('canon_roles_changed{pipeline="nightly",change="removed"}')).toBe(1)
    expect(s.get('canon_codes_needing_review{pipeline="nightly"}')).toBe(3)
    expect(s.get('canon_run_exit_code{pipeline="nightly"}')).toBe(0)
    expect(s.get('canon_last_success_timestamp_seconds{pipeline="nightly"}')).toBe(Date.parse('2026-11-26T02:01:30Z') / 1000)
    expect(text).toContain('# TYPE canon_codes_needing_review gauge')
    expect(text).toContain('# HELP canon_pages_quarantined ')
  })

  it('keeps the previous last success time after a failed run', async () => {
    const text = await renderRunMetrics(report({ status: 'failed', build: null, error: 'boom' }), 1_700_000_000)
    const s = samples(text)
    expect(s.get('canon_last_success_timestamp_seconds{pipeline="nightly"}')).toBe(1_700_000_000)
    expect(s.get('canon_run_exit_code{pipeline="nightly"}')).toBe(1)
    expect(readLastSuccess(text, 'nightly')).toBe(1_700_000_000)
    expect(readLastSuccess(text, 'rebuild')).toBeNull()
  })
})

describe('writeRunMetrics', () => {
  it('writes a temporary file beside the target and renames it into place', async () => {
    const calls: string[] = []
    const fs: TextfileFs = {
      mkdir: async (dir) => void calls.push(`mkdir ${dir}`),
      readFile: async () => Promise.reject(new Error('ENOENT')),
      writeFile: async (file) => void calls.push(`write ${file}`),
      rename: async (from, to) => void calls.push(`rename ${from} ${to}`),
    }
    await writeRunMetrics('/var/lib/textfile/canon.prom', report(), fs)
    const temporary = `/var/lib/textfile/canon.prom.${process.pid}.tmp`
    expect(calls).toEqual(['mkdir /var/lib/textfile', `write ${temporary}`, `rename ${temporary} /var/lib/textfile/canon.prom`])
  })

  it('on disk, leaves only the .prom file and carries the last success over a failed run', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'canon-metrics-'))
    const file = path.join(dir, 'textfile', 'canon.prom')
    await writeRunMetrics(file, report())
    await writeRunMetrics(file, report({ status: 'failed', finishedAt: new Date('2026-11-27T02:00:00Z') }))
    expect(await readdir(path.dirname(file))).toEqual(['canon.prom'])
    const text = await readFile(file, 'utf8')
    expect(readLastSuccess(text, 'nightly')).toBe(Date.parse('2026-11-26T02:01:30Z') / 1000)
    await writeFile(file, 'garbage\n')
    await writeRunMetrics(file, report({ status: 'failed' }))
    expect(readLastSuccess(await readFile(file, 'utf8'), 'nightly')).toBeNull()
  })
})
