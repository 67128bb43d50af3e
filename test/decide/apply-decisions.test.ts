import { describe, expect, it } from 'vitest'
import { applyCodeDecisions, applyStatusDecisions, orderDecisions, toAliasDecisions } from '../../src/decide/apply-decisions.js'
import type { Decision } from '../../src/model/index.js'
import { makeProfile, soc } from '../helpers/profiles.js'

const titles = (system: string, code: string) => (system === 'SOC2018' && code === '15-1244' ? 'Network and Computer Systems Administrators' : null)
const by = { author: 'ann', reason: 'checked', decidedAt: null }

describe('applying code decisions', () => {
  it('replaces the role’s code in that system with the decided one, accepted, with who and why as evidence', () => {
    const decision: Decision = { id: 'db:1', kind: 'override_code', roleCode: 'A.P3', system: 'SOC2018', code: '15-1244', ...by }
    const { profiles, stale } = applyCodeDecisions([makeProfile('A.P3')], [decision], titles)
    expect(stale).toEqual([])
    expect(profiles[0]!.classifications).toEqual([
      {
        system: 'SOC2018',
        code: '15-1244',
        title: 'Network and Computer Systems Administrators',
        source: 'decision',
        confidence: 1,
        reviewStatus: 'accepted',
        evidence: ['overridden by ann: checked'],
      },
    ])
  })

  it('marks an accepted or rejected code, and calls a decision about a code the role no longer has stale', () => {
    const profile = makeProfile('A.P3', { classifications: [soc('15-1252', 'Software Developers')] })
    const accept: Decision = { id: 'db:1', kind: 'accept_code', roleCode: 'A.P3', system: 'SOC2018', code: '15-1252', ...by }
    const missing: Decision = { id: 'db:2', kind: 'reject_code', roleCode: 'A.P3', system: 'SOC2018', code: '11-1011', ...by }
    const { profiles, stale } = applyCodeDecisions([profile], [accept, missing], titles)
    expect(profiles[0]!.classifications[0]).toMatchObject({
      code: '15-1252',
      reviewStatus: 'accepted',
      evidence: ['title matches Software Developers', 'accepted by ann: checked'],
    })
    expect(stale).toEqual([{ decision: missing, reason: 'role A.P3 no longer has SOC2018 11-1011' }])
  })

  it('calls an override to a code the reference does not know stale rather than inventing a title', () => {
    const decision: Decision = { id: 'db:1', kind: 'override_code', roleCode: 'A.P3', system: 'SOC2018', code: '99-9999', ...by }
    const { profiles, stale } = applyCodeDecisions([makeProfile('A.P3')], [decision], titles)
    expect(profiles[0]!.classifications[0]!.code).toBe('15-1252')
    expect(stale[0]!.reason).toContain('99-9999 is not in the reference data')
  })

  it('applies a decision to each of two profiles that claim the same role code, keeping them distinct', () => {
    const first = makeProfile('A.P3', { summary: 'first' })
    const second = makeProfile('A.P3', { summary: 'second' })
    const decision: Decision = { id: 'db:1', kind: 'override_code', roleCode: 'A.P3', system: 'SOC2018', code: '15-1244', ...by }
    const { profiles } = applyCodeDecisions([first, second], [decision], titles)
    expect(profiles.map((p) => [p.summary, p.classifications[0]!.code])).toEqual([
      ['first', '15-1244'],
      ['second', '15-1244'],
    ])
  })
})

describe('ordering and status decisions', () => {
  it('applies decisions oldest first, undated ones before dated ones, so the later decision wins', () => {
    const later: Decision = {
      id: 'b',
      kind: 'set_status',
      roleCode: 'A.P3',
      status: 'approved',
      author: 'x',
      reason: null,
      decidedAt: '2026-11-02T00:00:00.000Z',
    }
    const earlier: Decision = {
      id: 'a',
      kind: 'set_status',
      roleCode: 'A.P3',
      status: 'review',
      author: 'x',
      reason: null,
      decidedAt: '2026-11-01T00:00:00.000Z',
    }
    const undated: Decision = { id: 'c', kind: 'set_status', roleCode: 'A.P3', status: 'deprecated', author: 'x', reason: null, decidedAt: null }
    expect(orderDecisions([later, earlier, undated]).map((d) => d.id)).toEqual(['c', 'a', 'b'])
    expect(applyStatusDecisions([makeProfile('A.P3')], [later, earlier, undated]).profiles[0]!.status).toBe('approved')
  })

  it('hands alias decisions to the aliases stage in its own shape', () => {
    const decision: Decision = { id: 'x', kind: 'add_alias', roleCode: 'A.P3', alias: 'Pipeline Wrangler', aliasType: 'informal', ...by }
    expect(toAliasDecisions([decision]).aliasDecisions).toEqual([
      { id: 'x', action: 'add', roleCode: 'A.P3', alias: 'Pipeline Wrangler', type: 'informal', author: 'ann', reason: 'checked' },
    ])
  })
})
