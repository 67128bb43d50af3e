import { describe, expect, it } from 'vitest'
import { canonicalJson, diffReleaseRoles } from '../../src/export/delta.js'
import type { ExportRole } from '../../src/model/index.js'
import { active, roleProfile, streamOf } from './roles.js'

async function collect(items: AsyncIterable<ExportRole>): Promise<[string, string | undefined, string][]> {
  const out: [string, string | undefined, string][] = []
  for await (const r of items) out.push([r.profile.code, r.change, r.state])
  return out
}

describe('diffReleaseRoles', () => {
  it('lists roles added, changed and removed between two releases, by code, and skips unchanged ones', async () => {
    const older = [active(roleProfile('A')), active(roleProfile('B')), active(roleProfile('C')), active(roleProfile('E'))]
    const newer = [
      active(roleProfile('A')),
      active(roleProfile('B', { title: 'Renamed' })),
      active(roleProfile('D')),
      active(roleProfile('E')),
      active(roleProfile('F')),
    ]
    expect(await collect(diffReleaseRoles(streamOf(older), streamOf(newer)))).toEqual([
      ['B', 'changed', 'active'],
      ['C', 'removed', 'removed'],
      ['D', 'added', 'active'],
      ['F', 'added', 'active'],
    ])
  })

  it('treats a role marked removed in the newer release as removed, and one revived as added', async () => {
    const older = [active(roleProfile('A')), { profile: roleProfile('B'), state: 'removed' as const }, { profile: roleProfile('C'), state: 'removed' as const }]
    const newer = [{ profile: roleProfile('A'), state: 'removed' as const }, active(roleProfile('B')), { profile: roleProfile('C'), state: 'removed' as const }]
    expect(await collect(diffReleaseRoles(streamOf(older), streamOf(newer)))).toEqual([
      ['A', 'removed', 'removed'],
      ['B', 'added', 'active'],
    ])
  })

  it('compares content keys when both releases carry them', async () => {
    const older = [{ ...active(roleProfile('A')), contentKey: 'h1' }]
    const newer = [{ ...active(roleProfile('A', { title: 'cosmetic' })), contentKey: 'h1' }]
    expect(await collect(diffReleaseRoles(streamOf(older), streamOf(newer)))).toEqual([])
  })

  it('refuses roles that arrive out of code order', async () => {
    const older = [active(roleProfile('B')), active(roleProfile('A'))]
    await expect(collect(diffReleaseRoles(streamOf(older), streamOf([])))).rejects.toThrow('role "A" came after "B"')
  })
})

describe('canonicalJson', () => {
  it('does not depend on the order of object keys', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }))
  })
})
