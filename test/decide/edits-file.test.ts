import { describe, expect, it } from 'vitest'
import { parseEditsCsv, parseEditsJson } from '../../src/decide/edits-file.js'

describe('edits files', () => {
  it('reads one decision per CSV row, in any column order, with file and line as the decision id', () => {
    const csv = [
      'role_code,kind,alias,system,code,status,author,reason,decided_at',
      'EDE.GEN.P3,approve_alias,Sr DevOps Engineer,,,,ann,"common in ads, checked",2026-11-20',
      'EDE.GEN.P3,override_code,,,15-1244,,bob,,',
      'EDE.GEN.P3,set_status,,,,Approved,carol,,',
    ].join('\n')
    const { decisions, problems } = parseEditsCsv(csv, 'edits/review.csv')
    expect(problems).toEqual([])
    expect(decisions).toEqual([
      {
        id: 'edits/review.csv:2',
        kind: 'approve_alias',
        roleCode: 'EDE.GEN.P3',
        alias: 'Sr DevOps Engineer',
        aliasType: null,
        author: 'ann',
        reason: 'common in ads, checked',
        decidedAt: '2026-11-20T00:00:00.000Z',
      },
      {
        id: 'edits/review.csv:3',
        kind: 'override_code',
        roleCode: 'EDE.GEN.P3',
        system: 'SOC2018',
        code: '15-1244',
        author: 'bob',
        reason: null,
        decidedAt: null,
      },
      { id: 'edits/review.csv:4', kind: 'set_status', roleCode: 'EDE.GEN.P3', status: 'approved', author: 'carol', reason: null, decidedAt: null },
    ])
  })

  it('reports a bad row with its line and reason and keeps the good rows', () => {
    const csv = 'kind,role_code,alias,author\napprove_alias,A.P3,,ann\nreject_alias,A.P3,Ops Guy,\nadd_alias,A.P3,Pipeline Person,ann\nset_status,A.P3,,ann\n'
    const { decisions, problems } = parseEditsCsv(csv, 'edits/x.csv')
    expect(decisions.map((d) => d.id)).toEqual(['edits/x.csv:4'])
    expect(problems.map((p) => p.message)).toEqual([
      'edits/x.csv:2: approve_alias needs the alias text in the alias column',
      'edits/x.csv:3: author is empty; say who made the decision',
      'edits/x.csv:5: status "" is not one of draft, review, approved, deprecated',
    ])
  })

  it('refuses a file whose header lacks the required columns, naming them', () => {
    expect(parseEditsCsv('role,who\nA.P3,ann\n', 'edits/bad.csv').problems[0]!.message).toContain('the header lacks kind, role_code, author')
  })

  it('reads the JSON form with camelCase fields', () => {
    const { decisions, problems } = parseEditsJson(
      JSON.stringify([{ kind: 'reject_code', roleCode: 'A.P3', system: 'SOC2018', code: '15-1252', author: 'ann' }, { kind: 'nope' }]),
      'edits/d.json',
    )
    expect(decisions).toEqual([
      { id: 'edits/d.json#1', kind: 'reject_code', roleCode: 'A.P3', system: 'SOC2018', code: '15-1252', author: 'ann', reason: null, decidedAt: null },
    ])
    expect(problems).toHaveLength(1)
  })

  it('checks the type and name of every JSON field, naming the file, the line and the decision (no stack trace)', () => {
    const text = [
      '[',
      '  { "kind": "reject_code", "roleCode": "A.P3", "code": "15-1252", "author": "ann" },',
      '  { "kind": "reject_code", "roleCode": "A.P3", "code": "15-1252",',
      '    "author": 123 },',
      '  { "kind": "set_status", "role_code": "A.P3", "status": "approved", "author": "ann" },',
      '  { "kind": "set_status", "roleCode": ["A.P3"], "status": "approved", "author": "ann" },',
      '  "not an object"',
      ']',
    ].join('\n')
    const { decisions, problems } = parseEditsJson(text, 'edits/d.json')
    expect(decisions.map((d) => d.id)).toEqual(['edits/d.json#1'])
    expect(problems.map((p) => p.message)).toEqual([
      'edits/d.json:3: decision 2: author must be text, found number (123)',
      'edits/d.json:5: decision 3: unknown field "role_code"; expected kind, roleCode, alias, aliasType, system, code, status, author, reason, decidedAt',
      'edits/d.json:6: decision 4: roleCode must be text, found a list (["A.P3"])',
      'edits/d.json:7: decision 5: expected an object',
    ])
  })
})
