import { describe, expect, it } from 'vitest'
import type { RunReport } from '../../src/model/index.js'
import { formatRunSummary } from '../../src/pipeline/summary.js'
import { buildSummary } from '../helpers/run-fixtures.js'

const base: RunReport = {
  pipeline: 'build',
  status: 'succeeded',
  startedAt: new Date(0),
  finishedAt: new Date(1000),
  build: buildSummary(),
  exports: [{ release: 1, since: null, profile: 'generic', dir: '/srv/canon/out/releases/1/generic', files: 4, rows: 120 }],
  stages: [],
  error: null,
}

describe('formatRunSummary', () => {
  it('says what was seen, what changed, what needs review and where the CSVs are', () => {
    expect(formatRunSummary(base, '/srv/canon')).toBe(
      [
        'canon build: published release 1',
        '  pages      10 seen, 10 parsed, 0 unchanged, 0 quarantined',
        '  roles      10 added, 0 changed, 0 removed, 0 unchanged',
        '  aliases    4 merged, 1 in conflict',
        '  codes      7 auto-accepted, 3 need review',
        '  exports    release 1:',
        '               out/releases/1/generic  (generic, 120 rows)',
        '  next: `canon review` writes the items that need a person to one CSV file',
        '',
      ].join('\n'),
    )
  })

  it('says how many classification codes an HRIS profile held back, and why', () => {
    const workday = { release: 1, since: null, profile: 'workday', dir: '/srv/canon/out/releases/1/workday', files: 8, rows: 90 }
    const text = formatRunSummary({ ...base, exports: [{ ...workday, heldBackCodes: { needs_review: 3, rejected: 1 } }] }, '/srv/canon')
    expect(text).toContain('               out/releases/1/workday  (workday, 90 rows, 4 codes held back (3 needs_review, 1 rejected))\n')
    expect(formatRunSummary({ ...base, exports: [{ ...workday, heldBackCodes: {} }] }, '/srv/canon')).toContain('(workday, 90 rows)\n')
  })

  it('says how many role families have levels that disagree on the SOC code, only when some do', () => {
    expect(formatRunSummary({ ...base, build: buildSummary({ familiesDisagreeing: 2 }) }, '/srv/canon')).toContain(
      '  families   2 role families whose levels disagree on the SOC code (see the warnings)\n',
    )
    expect(formatRunSummary({ ...base, build: buildSummary({ familiesDisagreeing: 0 }) }, '/srv/canon')).not.toContain('families ')
  })

  it('says plainly that nothing changed on a rebuild with the same inputs', () => {
    const report = {
      ...base,
      build: buildSummary({
        published: false,
        release: 1,
        previousRelease: 1,
        pages: { seen: 10, parsed: 0, unchanged: 10, quarantined: 0 },
        roles: { added: 0, changed: 0, removed: 0, unchanged: 10 },
      }),
    }
    const text = formatRunSummary({ ...report, exports: [] }, '/srv/canon', '/srv/canon/out')
    expect(text.split('\n')[0]).toBe('canon build: nothing changed; release 1 is current')
    expect(text).toContain('  exports    none written: release 1 has not changed\n')
  })

  it('lists quarantined pages with their stage and reason', () => {
    const report = {
      ...base,
      status: 'partial' as const,
      build: buildSummary({ quarantined: [{ file: 'pages/empty.html', stage: 'extract' as const, message: 'the file is empty' }] }),
    }
    expect(formatRunSummary(report, '/srv/canon')).toContain('    pages/empty.html (extract): the file is empty\n')
  })

  it('says a failed run published nothing, and why', () => {
    const report = { ...base, status: 'failed' as const, build: null, exports: [], error: 'reference file missing' }
    expect(formatRunSummary(report, '/')).toBe('canon build: failed; nothing published\n  reference file missing\n')
  })
})
