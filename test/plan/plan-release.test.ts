import { describe, expect, it } from 'vitest'
import { hashProfile } from '../../src/plan/content-hash.js'
import { planRelease, type BaseRole, type PlanBase } from '../../src/plan/plan-release.js'
import type { RoleProfile } from '../../src/model/index.js'
import { makeProfile } from '../helpers/profiles.js'

function baseOf(release: number, profiles: RoleProfile[], removed: string[] = []): PlanBase {
  const roles = new Map<string, BaseRole>()
  for (const profile of profiles) {
    roles.set(profile.code, {
      code: profile.code,
      title: profile.title,
      path: profile.source.path,
      version: 1,
      contentHash: hashProfile(profile),
      state: removed.includes(profile.code) ? 'removed' : 'active',
    })
  }
  return { release, roles }
}

describe('planRelease', () => {
  it('plans release 1 with version 1 of every role when the database holds no release', () => {
    const plan = planRelease({ release: null, roles: new Map() }, [makeProfile('B.P3'), makeProfile('A.P3')])
    expect(plan.release).toBe(1)
    expect(plan.baseRelease).toBeNull()
    expect(plan.versions.map((v) => [v.code, v.version, v.change])).toEqual([
      ['A.P3', 1, 'added'],
      ['B.P3', 1, 'added'],
    ])
  })

  it('plans nothing when every candidate has the content the current release holds', () => {
    const profiles = [makeProfile('A.P3'), makeProfile('B.P3')]
    const plan = planRelease(baseOf(4, profiles), profiles)
    expect(plan.release).toBeNull()
    expect(plan.versions).toEqual([])
    expect(plan.unchanged).toBe(2)
  })

  it('gives only the changed role a new version, numbered after its current one', () => {
    const profiles = [makeProfile('A.P3'), makeProfile('B.P3')]
    const edited = [profiles[0]!, makeProfile('B.P3', { summary: 'A new summary' })]
    const plan = planRelease(baseOf(4, profiles), edited)
    expect(plan.release).toBe(5)
    expect(plan.versions.map((v) => [v.code, v.version, v.change])).toEqual([['B.P3', 2, 'changed']])
    expect(plan.unchanged).toBe(1)
  })

  it('does not see a change when only the order of an object’s fields differs', () => {
    const profile = makeProfile('A.P3')
    const reordered = Object.fromEntries(Object.entries(profile).reverse()) as unknown as RoleProfile
    expect(planRelease(baseOf(1, [profile]), [reordered]).release).toBeNull()
  })

  it('marks a role whose page disappeared as removed instead of dropping it', () => {
    const profiles = [makeProfile('A.P3'), makeProfile('B.P3')]
    const plan = planRelease(baseOf(2, profiles), [profiles[0]!])
    expect(plan.release).toBe(3)
    expect(plan.removals).toEqual([{ code: 'B.P3', title: 'Role B.P3' }])
  })

  it('does not remove an already removed role again, and brings it back when its page returns', () => {
    const profiles = [makeProfile('A.P3'), makeProfile('B.P3')]
    expect(planRelease(baseOf(2, profiles, ['B.P3']), [profiles[0]!]).release).toBeNull()
    const same = planRelease(baseOf(2, profiles, ['B.P3']), profiles)
    expect(same.reactivated).toEqual([{ code: 'B.P3', title: 'Role B.P3' }])
    expect(same.versions).toEqual([])
    const edited = planRelease(baseOf(2, profiles, ['B.P3']), [profiles[0]!, makeProfile('B.P3', { title: 'Renamed' })])
    expect(edited.versions.map((v) => [v.code, v.version, v.change])).toEqual([['B.P3', 2, 'restored']])
  })

  it('keeps the first page by path when two pages claim one role code, and quarantines the other', () => {
    const first = makeProfile('A.P3', { source: { path: 'pages/a.txt', format: 'canon-text', contentHash: '1'.repeat(64) } })
    const second = makeProfile('A.P3', { title: 'Other', source: { path: 'pages/z.txt', format: 'canon-text', contentHash: '2'.repeat(64) } })
    const plan = planRelease({ release: null, roles: new Map() }, [second, first])
    expect(plan.versions.map((v) => v.profile.source.path)).toEqual(['pages/a.txt'])
    expect(plan.rejected).toEqual([{ file: 'pages/z.txt', stage: 'plan', message: expect.stringContaining('already defined by pages/a.txt') }])
  })

  it('loads a role once, without quarantine, when a second page renders it with the same content (a text copy of an HTML page)', () => {
    const html = makeProfile('A.P3', { source: { path: 'pages/a.html', format: 'canon-html', contentHash: '1'.repeat(64) } })
    const text = makeProfile('A.P3', {
      source: { path: 'pages/a.txt', format: 'canon-text', contentHash: '2'.repeat(64) },
      findings: [{ severity: 'info', code: 'text-copy', message: 'read from a text copy' }],
    })
    const plan = planRelease({ release: null, roles: new Map() }, [text, html])
    expect(plan.versions.map((v) => v.profile.source.path)).toEqual(['pages/a.html'])
    expect(plan.rejected).toEqual([])
    expect(plan.renditions).toEqual([{ file: 'pages/a.txt', code: 'A.P3', sameAs: 'pages/a.html' }])
  })

  it('holds a role at its current version when its page was quarantined this build, instead of removing it', () => {
    const profiles = [makeProfile('A.P3'), makeProfile('B.P3')]
    const plan = planRelease(baseOf(2, profiles), [profiles[0]!], { quarantinedPaths: new Set([profiles[1]!.source.path]) })
    expect(plan.release).toBeNull()
    expect(plan.held).toEqual([{ code: 'B.P3', title: 'Role B.P3' }])
    expect(plan.removals).toEqual([])
  })

  it('quarantines a profile the database would refuse (one alias key twice) and loads the others', () => {
    const bad = makeProfile('B.P3')
    bad.aliases = [bad.aliases[0]!, { ...bad.aliases[0]!, text: 'Again' }]
    const plan = planRelease({ release: null, roles: new Map() }, [makeProfile('A.P3'), bad])
    expect(plan.versions.map((v) => v.code)).toEqual(['A.P3'])
    expect(plan.rejected).toEqual([{ file: 'pages/b.p3.txt', stage: 'plan', message: expect.stringContaining('appears twice') }])
  })

  it('survives a JSON round trip unchanged (a dry run prints exactly what load would apply)', () => {
    const plan = planRelease({ release: null, roles: new Map() }, [makeProfile('A.P3')])
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan)
  })
})
