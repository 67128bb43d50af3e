import { describe, expect, it } from 'vitest'
import { runCounts } from '../../src/metrics/run-counts.js'
import type { RunReport } from '../../src/model/index.js'
import { buildSummary } from '../helpers/run-fixtures.js'

const report = (exports: RunReport['exports']): RunReport => ({
  pipeline: 'rebuild',
  status: 'succeeded',
  startedAt: new Date('2026-12-07T02:00:00Z'),
  finishedAt: new Date('2026-12-07T02:01:00Z'),
  build: buildSummary(),
  exports,
  stages: [],
  error: null,
})

describe('runCounts', () => {
  it('records which profiles of which release the run exported, and the roles held back', () => {
    const counts = runCounts(
      report([
        { release: 4, since: null, profile: 'generic', dir: 'out/releases/4/generic', files: 4, rows: 10 },
        { release: 4, since: 3, profile: 'generic', dir: 'out/releases/4/since-3/generic', files: 4, rows: 2 },
        { release: 4, since: null, profile: 'successfactors', dir: 'out/releases/4/successfactors', files: 1, rows: 9, heldBack: ['A.1'] },
      ]),
    )
    expect(counts).toMatchObject({ exported_generic: 4, exported_generic_since_3: 4, exported_successfactors: 4, export_roles_held_back: 1 })
    expect(Object.keys(runCounts(report([]))).some((key) => key.startsWith('exported_'))).toBe(false)
  })
})
