import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { aliasKey } from '../../src/aliases/alias-key.js'
import { bandOf } from '../../src/vocabulary/confidence-bands.js'
import { scoreAliases, type ScoreAliasesResult } from '../../src/aliases/score-aliases.js'
import type { Alias, AliasDecision, Classification, RoleProfile } from '../../src/model/index.js'

// Few words, so keys collide within roles (merges) and across roles (conflicts) often.
const words = ['Senior', 'Sr.', 'DevOps', 'Dev-Ops', 'Engineer', 'Eng', 'Platform', 'Manager', 'Mgr', 'III', '3', 'II', 'Ops']
const text = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 3 }).map((parts) => parts.join(' '))
const confidence = fc.integer({ min: 0, max: 100 }).map((n) => n / 100)

const alias: fc.Arbitrary<Alias> = fc
  .record({
    text,
    confidence,
    approved: fc.boolean(),
    type: fc.constantFrom('common', 'acronym'),
    second: fc.option(fc.record({ source: fc.constantFrom('hris', 'declared'), detail: fc.constantFrom('x', 'y'), confidence })),
  })
  .map(({ text, confidence, approved, type, second }) => ({
    text,
    key: '',
    variants: [],
    type,
    confidence,
    band: '',
    approved,
    evidence: [{ source: 'declared', confidence }, ...(second ? [second] : [])],
  }))

const classification: fc.Arbitrary<Classification> = fc
  .record({ code: fc.constantFrom('15-1252', '15-1244', '15-0000'), confidence, rejected: fc.boolean() })
  .map(({ code, confidence, rejected }) => ({
    system: 'SOC2018',
    code,
    title: '',
    source: 'inferred_from_title',
    confidence,
    reviewStatus: rejected ? 'rejected' : 'auto_accepted',
    evidence: [],
  }))

function profile(code: string, title: string, aliases: Alias[], classifications: Classification[]): RoleProfile {
  return {
    code,
    title,
    function: null,
    discipline: null,
    track: null,
    level: null,
    status: 'draft',
    confidence: null,
    confidenceBand: null,
    scope: null,
    sourceVersion: null,
    summary: null,
    story: null,
    components: [],
    coreOutputs: [],
    adjacentRoles: [],
    aliases,
    classifications,
    source: { path: `pages/${code}.txt`, format: 'canon-text', contentHash: code },
    findings: [],
  }
}

const roles: fc.Arbitrary<RoleProfile[]> = fc
  .array(fc.record({ title: text, aliases: fc.array(alias, { maxLength: 8 }), classifications: fc.array(classification, { maxLength: 2 }) }), {
    minLength: 1,
    maxLength: 6,
  })
  .map((list) => list.map((r, i) => profile(`R${i}`, r.title, r.aliases, r.classifications)))

const decisions: fc.Arbitrary<AliasDecision[]> = fc.array(
  fc.record({
    action: fc.constantFrom('approve', 'reject', 'add') as fc.Arbitrary<AliasDecision['action']>,
    roleCode: fc.constantFrom('R0', 'R1', 'R2', 'GONE'),
    alias: text,
    author: fc.constantFrom('kim', 'lee'),
    reason: fc.option(fc.constantFrom('checked', 'HRIS')),
  }),
  { maxLength: 4 },
)

const reference = {
  referenceTitles: (code: string) => ({ '15-1252': ['DevOps Engineer', 'Platform Engineer'], '15-1244': ['Senior Engineer', 'Ops Manager'] })[code] ?? [],
}

/** The result with roles in code order, so runs on shuffled inputs compare equal. */
function canonical(result: ScoreAliasesResult) {
  return { ...result, roles: [...result.roles].sort((a, b) => (a.code < b.code ? -1 : 1)) }
}

describe('scoreAliases properties', () => {
  it('does not depend on the order of pages or of aliases within a page', () => {
    fc.assert(
      fc.property(
        roles.chain((list) =>
          fc.tuple(
            fc.constant(list),
            fc
              .shuffledSubarray(list, { minLength: list.length, maxLength: list.length })
              .chain((shuffled) =>
                fc.tuple(
                  ...shuffled.map((r) =>
                    fc.shuffledSubarray(r.aliases, { minLength: r.aliases.length, maxLength: r.aliases.length }).map((aliases) => ({ ...r, aliases })),
                  ),
                ),
              ),
          ),
        ),
        decisions,
        ([original, shuffled], decided) => {
          const options = { ...reference, decisions: decided }
          expect(canonical(scoreAliases(shuffled, options))).toEqual(canonical(scoreAliases(original, options)))
        },
      ),
      { numRuns: 300 },
    )
  })

  it('changes nothing when run again on its own output', () => {
    fc.assert(
      fc.property(roles, decisions, (input, decided) => {
        const options = { ...reference, decisions: decided }
        const once = scoreAliases(input, options)
        const twice = scoreAliases(once.roles, options)
        expect(twice.roles).toEqual(once.roles)
        expect(twice.conflicts).toEqual(once.conflicts)
        expect(twice.merged).toBe(0)
      }),
      { numRuns: 300 },
    )
  })

  it('scores a changed role against the others as scored before, as it scores every role from its page', () => {
    // An incremental rebuild scores the roles whose pages did not change from their stored (scored, decided)
    // versions, with only the changed role's decisions: every role must come out as a full run makes it.
    fc.assert(
      fc.property(roles, decisions, fc.array(alias, { maxLength: 6 }), (input, decided, edited) => {
        const before = scoreAliases(input, { ...reference, decisions: decided })
        const changed = { ...input[0]!, aliases: edited }
        const full = scoreAliases([changed, ...input.slice(1)], { ...reference, decisions: decided })
        const partial = scoreAliases([changed, ...before.roles.slice(1)], {
          ...reference,
          decisions: decided.filter((decision) => decision.roleCode === changed.code),
        })
        expect(partial.roles).toEqual(full.roles)
        expect(partial.conflicts).toEqual(full.conflicts)
      }),
      { numRuns: 300 },
    )
  })

  it('keeps every confidence in [0, 1] with the band that matches it', () => {
    fc.assert(
      fc.property(roles, decisions, (input, decided) => {
        const { roles: out, conflicts } = scoreAliases(input, { ...reference, decisions: decided })
        for (const a of out.flatMap((r) => r.aliases)) {
          expect(a.confidence).toBeGreaterThanOrEqual(0)
          expect(a.confidence).toBeLessThanOrEqual(1)
          expect(a.band).toBe(bandOf(a.confidence))
          if (a.approved) expect(a.confidence).toBe(1)
        }
        for (const c of conflicts.flatMap((conflict) => conflict.claims)) {
          expect(c.confidence).toBeGreaterThanOrEqual(0)
          expect(c.confidence).toBeLessThanOrEqual(1)
        }
      }),
      { numRuns: 300 },
    )
  })

  it("leaves no two aliases of a role with one key, and none equal to the role's title", () => {
    fc.assert(
      fc.property(roles, decisions, (input, decided) => {
        for (const r of scoreAliases(input, { ...reference, decisions: decided }).roles) {
          const keys = r.aliases.map((a) => a.key)
          expect(new Set(keys).size).toBe(keys.length)
          expect(keys).not.toContain(aliasKey(r.title))
          for (const a of r.aliases) expect(a.key).toBe(aliasKey(a.text))
          for (const a of r.aliases) for (const v of a.variants) expect(aliasKey(v)).toBe(a.key)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('keeps every alias of the input that no decision removed, under its key', () => {
    fc.assert(
      fc.property(roles, (input) => {
        const out = scoreAliases(input, reference).roles
        input.forEach((r, i) => {
          const title = aliasKey(r.title)
          const expected = new Set(r.aliases.map((a) => aliasKey(a.text)).filter((k) => k !== '' && k !== title))
          expect(new Set(out[i]!.aliases.map((a) => a.key))).toEqual(expected)
        })
      }),
      { numRuns: 200 },
    )
  })
})
