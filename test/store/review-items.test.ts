import { describe, expect, it } from 'vitest'
import type { Decision } from '../../src/model/index.js'
import { readReviewItems } from '../../src/store/review-items.js'
import { finishRun, startRun } from '../../src/store/runs.js'
import { testBackends, useTestDatabase } from '../helpers/databases.js'
import { loadProfiles } from '../helpers/load.js'
import { alias, makeProfile, soc } from '../helpers/profiles.js'

describe.each(testBackends)('readReviewItems on %s', (backend) => {
  const t = useTestDatabase(backend)

  it('lists codes needing review, alias conflicts, low-confidence aliases, stale decisions and quarantined pages', async () => {
    await loadProfiles(t.db, [
      makeProfile('A.P3', {
        aliases: [alias('SRE'), alias('Ops Wizard', { band: 'low', confidence: 0.3 })],
        classifications: [soc('15-1244', 'Network and Computer Systems Administrators', { reviewStatus: 'needs_review', confidence: 0.55 })],
      }),
      makeProfile('B.P3', {
        aliases: [alias('SRE'), alias('Platform Engineer', { approved: true, band: 'low' })],
        classifications: [soc('15-1252', 'Software Developers')],
      }),
    ])
    const runId = await startRun(t.db, {}, 1)
    const stale: Decision = {
      id: 'db:7',
      kind: 'approve_alias',
      roleCode: 'C.P3',
      alias: 'Gone',
      aliasType: null,
      author: 'ana',
      reason: null,
      decidedAt: '2026-11-26T00:00:00Z',
    }
    await finishRun(t.db, runId, {
      status: 'partial',
      counts: {},
      staleDecisions: [{ decision: stale, reason: 'role C.P3 is not in the canon' }],
      quarantined: [{ file: 'pages/empty.html', stage: 'extract', message: 'the file is empty' }],
      error: null,
    })

    const items = await readReviewItems(t.db)
    const summary = items.map((i) => [i.kind, i.roleCode, i.subject]).sort((a, b) => String(a).localeCompare(String(b)))
    expect(summary).toEqual([
      ['alias_conflict', 'A.P3', 'SRE'],
      ['alias_conflict', 'B.P3', 'SRE'],
      ['alias_low_confidence', 'A.P3', 'Ops Wizard'],
      ['code_needs_review', 'A.P3', 'SOC2018 15-1244'],
      ['quarantined_page', null, 'pages/empty.html'],
      ['stale_decision', 'C.P3', 'approve_alias Gone'],
    ])
    const conflict = items.find((i) => i.kind === 'alias_conflict' && i.roleCode === 'A.P3')!
    expect(conflict.detail).toContain('also claimed by B.P3')
    const code = items.find((i) => i.kind === 'code_needs_review')!
    expect(code).toMatchObject({ system: 'SOC2018', code: '15-1244', confidence: 0.55 })
  })

  it('finds nothing to review in an empty canon', async () => {
    expect(await readReviewItems(t.db)).toEqual([])
  })
})
