import { describe, expect, it } from 'vitest'
import { aliasDecisionsFrom, staleDecisionsFrom } from '../src/aliases/alias-decisions.js'
import { scoreAliases } from '../src/aliases/score-aliases.js'
import type { Decision } from '../src/model/index.js'

const decisions: Decision[] = [
  { id: 'db:1', kind: 'approve_alias', roleCode: 'A', alias: 'Infra Eng', aliasType: null, author: 'kim', reason: 'ok', decidedAt: '2026-01-01T00:00:00Z' },
  { id: 'db:2', kind: 'set_status', roleCode: 'A', status: 'approved', author: 'kim', reason: null, decidedAt: '2026-01-02T00:00:00Z' },
  { id: 'edits/aliases.csv:3', kind: 'add_alias', roleCode: 'GONE', alias: 'SRE', aliasType: 'acronym', author: 'lee', reason: null, decidedAt: '2026-01-03T00:00:00Z' },
]

describe('alias decisions from the decisions table', () => {
  it('keeps the alias decisions, in order, with their identity, action and type', () => {
    expect(aliasDecisionsFrom(decisions)).toEqual([
      { id: 'db:1', action: 'approve', roleCode: 'A', alias: 'Infra Eng', author: 'kim', reason: 'ok', decidedAt: '2026-01-01T00:00:00Z' },
      { id: 'edits/aliases.csv:3', action: 'add', roleCode: 'GONE', alias: 'SRE', type: 'acronym', author: 'lee', reason: null, decidedAt: '2026-01-03T00:00:00Z' },
    ])
  })

  it('turns the stage\'s stale decisions back into the original entries with the reason', () => {
    const result = scoreAliases([], { referenceTitles: () => [], decisions: aliasDecisionsFrom(decisions) })
    expect(staleDecisionsFrom(result.staleDecisions, decisions)).toEqual([
      { decision: decisions[0], reason: 'role A is not in this build' },
      { decision: decisions[2], reason: 'role GONE is not in this build' },
    ])
  })
})
