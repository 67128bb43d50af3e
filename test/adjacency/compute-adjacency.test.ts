import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { computeAdjacency, MAX_BLOCK, updateAdjacency } from '../../src/adjacency/compute-adjacency.js'
import { bandOfDistance, levelPosition, roleDistance, socDistance } from '../../src/adjacency/distance.js'
import { adjacencyFeatures, estimateJaccard, minhashOf, statementWords } from '../../src/adjacency/features.js'
import type { AdjacencyFeatures } from '../../src/model/index.js'
import { alias, component, makeProfile, soc } from '../helpers/profiles.js'
import { seededRandom } from '../helpers/seeded-random.js'

const level = (code: string) => ({ ...makeProfile('X').level!, code })

/** A family of roles on one ladder, sharing most component statements. */
function family(prefix: string, discipline: string, ranks: number[], fn = 'Engineering', socCode = '15-1252'): AdjacencyFeatures[] {
  return ranks.map((rank) =>
    adjacencyFeatures(
      makeProfile(`${prefix}.P${rank}`, {
        title: `${discipline} P${rank}`,
        function: fn,
        discipline,
        level: level(`P${rank}`),
        aliases: [],
        classifications: [soc(socCode, 'Software Developers')],
        components: [
          component(`Designs ${discipline.toLowerCase()} systems and reviews their pipelines`),
          component(`Writes runbooks for ${discipline.toLowerCase()} incidents`),
          component(`Mentors engineers at level ${rank}`),
        ],
      }),
    ),
  )
}

describe('adjacency features', () => {
  it('normalises statement words: case, accents, punctuation, stopwords and plural s', () => {
    expect(statementWords('Designs the Café pipelines, with care!')).toEqual(['design', 'cafe', 'pipeline', 'care'])
  })

  it('estimates the Jaccard similarity of word sets from their signatures', () => {
    const a = minhashOf(['alpha', 'beta', 'gamma', 'delta'])
    expect(estimateJaccard(a, a)).toBe(1)
    expect(estimateJaccard(a, minhashOf(['one', 'two', 'three', 'four']))).toBeLessThan(0.2)
    expect(estimateJaccard(a, [])).toBeNull()
  })

  it('takes the most confident SOC code that is not rejected', () => {
    const features = adjacencyFeatures(
      makeProfile('A', { classifications: [soc('15-1252', 'x', { confidence: 0.9, reviewStatus: 'rejected' }), soc('15-1244', 'y', { confidence: 0.5 })] }),
    )
    expect(features.soc).toBe('15-1244')
  })
})

describe('distance', () => {
  it('reads level codes as ladder and rank', () => {
    expect(levelPosition('P3')).toEqual({ ladder: 'P', rank: 3 })
    expect(levelPosition('IC 4')).toEqual({ ladder: 'IC', rank: 4 })
    expect(levelPosition('Senior')).toBeNull()
  })

  it('measures SOC distance by the deepest group two codes share', () => {
    expect(socDistance('15-1252', '15-1252')).toBe(0)
    expect(socDistance('15-1252', '15-1253')).toBe(0.25)
    expect(socDistance('15-1252', '15-1211')).toBe(0.5)
    expect(socDistance('15-1252', '15-2031')).toBe(0.75)
    expect(socDistance('15-0000', '15-1252')).toBe(0.75)
    expect(socDistance('15-1252', '11-1021')).toBe(1)
  })

  it('puts the next level of a family nearer than a level two steps away, and both nearer than another function', () => {
    const [p2, p3, p4, p5] = family('DEV', 'DevOps', [2, 3, 4, 5])
    const [other] = family('FIN', 'Accounting', [3], 'Finance', '13-2011')
    expect(roleDistance(p3!, p4!)).toBeLessThan(roleDistance(p3!, p5!))
    expect(roleDistance(p3!, p5!)).toBeLessThan(roleDistance(p3!, other!))
    expect(roleDistance(p2!, p3!)).toBeGreaterThanOrEqual(0)
    expect(bandOfDistance(0.3)).toBe('high')
    expect(bandOfDistance(0.31)).toBe('medium')
    expect(bandOfDistance(0.51)).toBe('low')
  })
})

describe('computeAdjacency', () => {
  it('names the next and previous level in a family and a lateral role at the same level', () => {
    const roles = [...family('DEV', 'DevOps', [2, 3, 5]), ...family('SRE', 'Site Reliability', [3])]
    const result = computeAdjacency(roles)
    const p3 = result.roles.find((role) => role.code === 'DEV.P3')!
    const byCode = new Map(p3.neighbours.map((neighbour) => [neighbour.code, neighbour]))
    expect(byCode.get('DEV.P5')?.kind).toBe('next-level')
    expect(byCode.get('DEV.P2')?.kind).toBe('previous-level')
    expect(byCode.get('SRE.P3')?.kind).toBe('lateral')
    expect(p3.neighbours.map((neighbour) => neighbour.distance)).toEqual([...p3.neighbours.map((neighbour) => neighbour.distance)].sort((a, b) => a - b))
  })

  it('reports two codes with the same title key at the same level as a possible duplicate', () => {
    const a = adjacencyFeatures(makeProfile('ACME.DEVOPS.P3', { title: 'DevOps Engineer P3', aliases: [] }))
    const b = adjacencyFeatures(makeProfile('CORP.DEVOPS.P3', { title: 'Dev-Ops Engineer P3', aliases: [] }))
    const c = adjacencyFeatures(makeProfile('CORP.DEVOPS.P4', { title: 'DevOps Engineer P4', level: level('P4'), aliases: [] }))
    const { duplicates } = computeAdjacency([c, b, a])
    expect(duplicates).toHaveLength(1)
    expect(duplicates[0]).toMatchObject({ codes: ['ACME.DEVOPS.P3', 'CORP.DEVOPS.P3'], reason: 'same title key' })
  })

  it('reports a role whose title is an alias of another at the same level', () => {
    const a = adjacencyFeatures(makeProfile('A.P3', { title: 'Platform Engineer', aliases: [alias('Cloud Engineer', { key: 'cloud engineer' })] }))
    const b = adjacencyFeatures(makeProfile('B.P3', { title: 'Cloud Engineer', aliases: [] }))
    expect(computeAdjacency([a, b]).duplicates[0]?.reason).toBe('the title of one is an alias of the other')
  })
})

// Properties over random small canons: roles from a few families, levels, SOC codes and component words.
const words = ['deploy', 'pipeline', 'kubernetes', 'ledger', 'audit', 'forecast', 'incident', 'budget', 'mentor', 'design']
const roleArb = fc.record({
  family: fc.integer({ min: 0, max: 4 }),
  rank: fc.integer({ min: 1, max: 6 }),
  ladder: fc.constantFrom('P', 'M', 'IC'),
  soc: fc.constantFrom('15-1252', '15-1244', '13-2011', '15-0000', null),
  words: fc.uniqueArray(fc.constantFrom(...words), { maxLength: 6 }),
})
const canonArb = fc.uniqueArray(roleArb, { minLength: 1, maxLength: 25, selector: (r) => `${r.family}.${r.ladder}${r.rank}` }).map((roles) =>
  roles.map(
    (r): AdjacencyFeatures => ({
      code: `F${r.family}.${r.ladder}${r.rank}`,
      title: `Family ${r.family} ${r.ladder}${r.rank}`,
      titleKey: `family ${r.family} ${r.ladder}${r.rank}`.toLowerCase(),
      aliasKeys: [],
      function: r.family < 3 ? 'Engineering' : 'Finance',
      discipline: `Family ${r.family}`,
      track: null,
      level: `${r.ladder}${r.rank}`,
      soc: r.soc,
      minhash: minhashOf(r.words),
    }),
  ),
)

describe('computeAdjacency properties', () => {
  it('gives symmetric distances: a role lists another at the distance the other lists it', () => {
    fc.assert(
      fc.property(canonArb, (roles) => {
        const result = computeAdjacency(roles, { maxDistance: 1, maxNeighbours: 100 })
        const distance = new Map(result.roles.flatMap((role) => role.neighbours.map((n) => [`${role.code}>${n.code}`, n.distance] as const)))
        for (const [pair, d] of distance) {
          const [a, b] = pair.split('>')
          expect(distance.get(`${b}>${a}`)).toBe(d)
        }
        for (const a of roles) for (const b of roles) expect(roleDistance(a, b)).toBe(roleDistance(b, a))
      }),
    )
  })

  it('never lists a role as its own neighbour and keeps every distance in [0, 1]', () => {
    fc.assert(
      fc.property(canonArb, (roles) => {
        for (const role of computeAdjacency(roles).roles) {
          for (const neighbour of role.neighbours) {
            expect(neighbour.code).not.toBe(role.code)
            expect(neighbour.distance).toBeGreaterThanOrEqual(0)
            expect(neighbour.distance).toBeLessThanOrEqual(1)
          }
        }
      }),
    )
  })

  it('gives the same result whatever the order of the roles', () => {
    fc.assert(
      fc.property(
        canonArb.chain((roles) => fc.tuple(fc.constant(roles), fc.shuffledSubarray(roles, { minLength: roles.length, maxLength: roles.length }))),
        ([roles, shuffled]) => {
          expect(computeAdjacency(shuffled)).toEqual(computeAdjacency(roles))
        },
      ),
    )
  })
})

/**
 * Roles drawn from few values, so some blocks are large (one function at one level holds more than MAX_BLOCK
 * roles, paired by windows) and small ones may cross that size as roles come and go; signatures from few values
 * share LSH bands.
 */
function drawRole(next: () => number, code: string): AdjacencyFeatures {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!
  const titleKey = next() < 0.05 ? '' : `title ${Math.floor(next() * 200)}`
  const discipline = next() < 0.2 ? null : `discipline ${Math.floor(next() * 80)}`
  // Roles of one discipline share most of a signature: LSH pairs them, and now and then others.
  const base = discipline === null ? next : seededRandom(Number(discipline.slice(11)) + 1)
  return {
    code,
    title: titleKey || 'Untitled',
    titleKey,
    aliasKeys: next() < 0.3 ? [`title ${Math.floor(next() * 200)}`] : [],
    function: next() < 0.7 ? 'Engineering' : pick(['Care', 'Finance', null]),
    discipline,
    track: null,
    level: pick(['P1', 'P2', 'P2', null]),
    soc: next() < 0.1 ? null : `${10 + Math.floor(next() * 30)}-1${Math.floor(next() * 3)}00`,
    minhash: next() < 0.05 ? [] : Array.from({ length: 64 }, () => (next() < 0.3 ? Math.floor(next() * 50) : 50 + Math.floor(base() * 1000))),
  }
}

describe('updateAdjacency', () => {
  it('computes again exactly the lists and duplicates a change moves, and leaves the others as computed before', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const next = seededRandom(seed)
      const before = Array.from({ length: 1000 }, (_, i) => drawRole(next, `R${String(i).padStart(4, '0')}`))
      // A few roles edited, one or two removed, some added (more in some runs: blocks cross MAX_BLOCK); one
      // role listed to be computed anyway.
      const at = (share: number) => Math.floor(share * before.length)
      const edited = new Set([at(next()), at(next())])
      const removed = new Set(seed % 2 === 0 ? [at(next())] : [at(next()), at(next())])
      const after = before.filter((_, i) => !removed.has(i)).map((role, i) => (edited.has(i) ? drawRole(next, role.code) : role))
      for (let i = 0; i < (seed % 4 === 0 ? 12 : 2); i++) after.push(drawRole(next, `N${seed}.${i}`))
      const also = [before[7]!.code]
      const full = computeAdjacency(after)
      const earlier = computeAdjacency(before)
      const update = updateAdjacency(before, after, also)
      expect(update.affected.has(before[7]!.code) || !after.some((role) => role.code === before[7]!.code)).toBe(true)
      // The affected roles as a full computation lists them; every other role as it was listed before.
      const listOf = (result: typeof full) => new Map(result.roles.map((role) => [role.code, role.neighbours]))
      const [now, then] = [listOf(full), listOf(earlier)]
      expect(update.roles.map((role) => role.code)).toEqual(full.roles.map((role) => role.code).filter((code) => update.affected.has(code)))
      for (const role of update.roles) expect(role.neighbours).toEqual(now.get(role.code))
      for (const [code, neighbours] of now) if (!update.affected.has(code)) expect(neighbours, code).toEqual(then.get(code))
      // Duplicates: the earlier pairs of unaffected roles still there and the update's pairs are the full computation's.
      const present = new Set(after.map((role) => role.code))
      const stands = (code: string) => present.has(code) && !update.affected.has(code)
      const untouched = earlier.duplicates.filter((pair) => stands(pair.codes[0]) && stands(pair.codes[1]))
      const merged = [...untouched, ...update.duplicates].map((pair) => pair.codes.join(' ')).sort()
      expect(merged).toEqual(full.duplicates.map((pair) => pair.codes.join(' ')).sort())
      expect(update.duplicates).toEqual(full.duplicates.filter((pair) => update.affected.has(pair.codes[0]) || update.affected.has(pair.codes[1])))
      // Only part of the roles were computed again, though some blocks were large enough to be windowed.
      expect(update.affected.size, `seed ${seed}`).toBeLessThan(after.length / 2)
      expect(after.filter((role) => role.function === 'Engineering' && role.level === 'P2').length).toBeGreaterThan(MAX_BLOCK)
    }
  })
})
