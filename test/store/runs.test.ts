import { describe, expect, it } from 'vitest'
import type { RunReport } from '../../src/model/index.js'
import { runCounts } from '../../src/metrics/run-counts.js'
import { renderRunMetrics } from '../../src/metrics/textfile.js'
import { addRunCounts, finishRun, startRun } from '../../src/store/runs.js'
import { testBackends, useTestDatabase } from '../helpers/databases.js'
import { buildSummary } from '../helpers/run-fixtures.js'

const report: RunReport = {
  pipeline: 'nightly',
  status: 'partial',
  startedAt: new Date('2026-11-26T02:00:00Z'),
  finishedAt: new Date('2026-11-26T02:00:42Z'),
  build: buildSummary({ pages: { seen: 12, parsed: 11, unchanged: 0, quarantined: 1 }, roles: { added: 2, changed: 3, removed: 1, unchanged: 5 } }),
  exports: [{ release: 1, since: null, profile: 'generic', dir: '/out/releases/1/generic', files: 4, rows: 250 }],
  stages: [
    { stage: 'build', durationMs: 40_000, counts: {} },
    { stage: 'export', durationMs: 1_500, counts: {} },
  ],
  error: null,
}

describe.each(testBackends)('the run record on %s', (backend) => {
  const t = useTestDatabase(backend)

  it('holds the same counts as the metrics file, next to what the build wrote', async () => {
    const runId = await startRun(t.db, {}, null)
    await finishRun(t.db, runId, { status: 'partial', counts: { roles_written: 5 }, staleDecisions: [], quarantined: [], error: null })
    await addRunCounts(t.db, runId, runCounts(report))

    const row = await t.db.selectFrom('runs').select('counts').where('id', '=', runId).executeTakeFirstOrThrow()
    expect(row.counts).toEqual({ roles_written: 5, ...runCounts(report) })
    expect(row.counts).toMatchObject({
      duration_ms: 42_000,
      stage_build_ms: 40_000,
      stage_export_ms: 1_500,
      pages_seen: 12,
      pages_quarantined: 1,
      roles_added: 2,
      roles_changed: 3,
      roles_removed: 1,
      codes_needing_review: 3,
    })

    // The textfile carries the same numbers.
    const metrics = await renderRunMetrics(report, null)
    expect(metrics).toContain('canon_pages_quarantined{pipeline="nightly"} 1\n')
    expect(metrics).toContain('canon_roles_changed{pipeline="nightly",change="changed"} 3\n')
    expect(metrics).toContain('canon_codes_needing_review{pipeline="nightly"} 3\n')
    expect(metrics).toContain('canon_stage_duration_seconds{pipeline="nightly",stage="build"} 40\n')
  })
})
