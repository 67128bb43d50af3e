import { describe, expect, it } from 'vitest'
import { classifyWithCache } from '../../src/batch/classification-cache.js'
import type { ClassificationCache } from '../../src/model/index.js'
import { databaseClassificationCache } from '../../src/store/classification-cache.js'
import { classifierInput } from '../../src/classify/classify-roles.js'
import type { Classification, RoleProfile } from '../../src/model/index.js'
import { testBackends, useTestDatabase } from '../helpers/databases.js'
import { alias, makeProfile } from '../helpers/profiles.js'

/** A cache in a Map, counting what was written. */
function memoryCache(): ClassificationCache & { entries: Map<string, Classification[]>; writes: number } {
  const entries = new Map<string, Classification[]>()
  return {
    entries,
    writes: 0,
    async read(keys) {
      return new Map(keys.filter((key) => entries.has(key)).map((key) => [key, structuredClone(entries.get(key)!)]))
    },
    async write(_version, fresh) {
      this.writes += 1
      for (const [key, rows] of fresh) entries.set(key, rows)
    },
  }
}

/** A stand-in classifier: one row whose code depends on the summary; records which roles it saw. */
function fakeClassifier(seen: string[]) {
  return (roles: RoleProfile[]) =>
    roles.map((role) => {
      seen.push(role.code)
      const row: Classification = {
        system: 'SOC2018',
        code: (role.summary ?? '').includes('nurse') ? '29-1141' : '15-1252',
        title: 'x',
        source: 'inferred_from_text',
        confidence: 0.5,
        reviewStatus: 'needs_review',
        evidence: [role.summary ?? ''],
      }
      return { ...role, classifications: [...role.classifications, row] }
    })
}

const input = (role: RoleProfile) => JSON.stringify([role.title, role.summary, role.aliases.map((alias) => alias.text)])

describe('classifyWithCache', () => {
  it('classifies each distinct input once, then only the roles whose inputs changed, with the same rows as classifying afresh', async () => {
    const cache = memoryCache()
    const seen: string[] = []
    const options = { cache, version: 'v1', input, classify: fakeClassifier(seen) }
    const roles = [
      makeProfile('A.P1', { summary: 'writes code' }),
      makeProfile('B.P1', { summary: 'cares as a nurse' }),
      makeProfile('C.P1', { summary: 'writes code' }),
    ]
    // A.P1 and C.P1 differ in title, so both are classified; a copy of A.P1 under another code is not.
    const first = await classifyWithCache([...roles, { ...roles[0]!, code: 'A2.P1' }], options)
    expect(seen).toEqual(['A.P1', 'B.P1', 'C.P1'])
    expect(first.reused).toBe(0)
    expect(first.roles.map((role) => role.classifications.at(-1)!.code)).toEqual(['15-1252', '29-1141', '15-1252', '15-1252'])

    seen.length = 0
    const edited = [roles[0]!, makeProfile('B.P1', { summary: 'writes code now' }), roles[2]!]
    const second = await classifyWithCache(edited, options)
    expect(seen).toEqual(['B.P1'])
    expect(second.reused).toBe(2)
    expect(second.roles).toEqual(fakeClassifier([])(edited))
  })

  it('keeps the page-declared rows first and appends the cached ones', async () => {
    const cache = memoryCache()
    const declared: Classification = {
      system: 'SOC2018',
      code: '15-0000',
      title: 'Computer and Mathematical Occupations',
      source: 'declared',
      confidence: 0.5,
      reviewStatus: 'needs_review',
      evidence: [],
    }
    const role = makeProfile('A.P1', { classifications: [declared] })
    const options = { cache, version: 'v1', input, classify: fakeClassifier([]) }
    await classifyWithCache([role], options)
    const again = await classifyWithCache([role], options)
    expect(again.reused).toBe(1)
    expect(again.roles[0]!.classifications.map((row) => row.source)).toEqual(['declared', 'inferred_from_text'])
  })

  it('writes nothing and needs no classifier when every input is cached; a new version misses', async () => {
    const cache = memoryCache()
    const seen: string[] = []
    const roles = [makeProfile('A.P1')]
    await classifyWithCache(roles, { cache, version: 'v1', input, classify: fakeClassifier(seen) })
    const again = await classifyWithCache(roles, {
      cache,
      version: 'v1',
      input,
      classify: () => {
        throw new Error('must not classify')
      },
    })
    expect(again.reused).toBe(1)
    expect(cache.writes).toBe(1)
    await classifyWithCache(roles, { cache, version: 'v2', input, classify: fakeClassifier(seen) })
    expect(seen).toEqual(['A.P1', 'A.P1'])
  })
})

describe.each(testBackends)('the classification cache table on %s', (backend) => {
  const t = useTestDatabase(backend)
  const row = (code: string): Classification => ({
    system: 'SOC2018',
    code,
    title: 't',
    source: 'inferred_from_title',
    confidence: 0.9,
    reviewStatus: 'auto_accepted',
    evidence: ['title read as "x"'],
  })

  it('reads back what was written, replaces a key written again, and drops the entries of older classifier versions', async () => {
    const cache = databaseClassificationCache(t.db)
    await cache.write(
      'v1',
      new Map([
        ['k1', [row('15-1252')]],
        ['k2', [row('29-1141')]],
      ]),
    )
    expect(await cache.read(['k1', 'k2', 'k3'])).toEqual(
      new Map([
        ['k1', [row('15-1252')]],
        ['k2', [row('29-1141')]],
      ]),
    )
    await cache.write('v1', new Map([['k1', [row('15-1244')]]]))
    expect((await cache.read(['k1'])).get('k1')).toEqual([row('15-1244')])
    await cache.write('v2', new Map([['k3', [row('11-1021')]]]))
    expect([...(await cache.read(['k1', 'k2', 'k3'])).keys()]).toEqual(['k3'])
  })
})

describe('classifierInput', () => {
  it('changes with every field the classifier reads, and not with the fields it does not', () => {
    const base = makeProfile('A.P1', { summary: 'Builds things' })
    const key = (role: RoleProfile) => JSON.stringify(classifierInput(role))
    const read: Partial<RoleProfile>[] = [
      { title: 'Other' },
      { discipline: 'Data' },
      { function: 'Product' },
      { track: 'Manager' },
      { summary: 'Other' },
      { aliases: [alias('Build Engineer')] },
      { components: [{ kind: 'responsibility', text: 'Runs builds', tags: [] }] },
      { coreOutputs: ['Pipelines'] },
      {
        classifications: [{ system: 'SOC2018', code: '15-0000', title: 'x', source: 'declared', confidence: 0.5, reviewStatus: 'needs_review', evidence: [] }],
      },
    ]
    for (const change of read) expect(key({ ...base, ...change }), JSON.stringify(change)).not.toBe(key(base))
    expect(key({ ...base, code: 'B.P1', status: 'approved', source: { ...base.source, path: 'pages/other.txt' } })).toBe(key(base))
  })
})
