import { describe, expect, it } from 'vitest'
import { changeOf } from '../../src/export/delta.js'
import type { ExportRole } from '../../src/model/index.js'
import { mergeDelta } from '../helpers/export-merge-delta.js'
import { active, roleProfile, streamOf } from '../helpers/export-roles.js'

const activeAt = (version: number) => ({ state: 'active' as const, version })
const removedAt = (version: number) => ({ state: 'removed' as const, version })

describe('changeOf', () => {
  it('calls a role added when only the newer release holds it active, and ignores one that arrives removed', () => {
    expect(changeOf(null, activeAt(1))).toBe('added')
    expect(changeOf(null, removedAt(1))).toBeNull()
  })

  it('calls a role removed when the newer release drops it or marks it removed, and ignores one already removed', () => {
    expect(changeOf(activeAt(1), null)).toBe('removed')
    expect(changeOf(activeAt(1), removedAt(1))).toBe('removed')
    expect(changeOf(removedAt(1), null)).toBeNull()
    expect(changeOf(removedAt(1), removedAt(2))).toBeNull()
  })

  it('calls a revived role added, whatever its version', () => {
    expect(changeOf(removedAt(1), activeAt(1))).toBe('added')
    expect(changeOf(removedAt(1), activeAt(2))).toBe('added')
  })

  it('calls an active role changed only when its version moved', () => {
    expect(changeOf(activeAt(1), activeAt(2))).toBe('changed')
    expect(changeOf(activeAt(2), activeAt(2))).toBeNull()
  })
})

async function collect(items: AsyncIterable<ExportRole>): Promise<[string, string | undefined, string][]> {
  const out: [string, string | undefined, string][] = []
  for await (const r of items) out.push([r.profile.code, r.change, r.state])
  return out
}

const at = (version: number, role: ExportRole): ExportRole => ({ ...role, contentKey: String(version) })

describe('mergeDelta (the oracle the database-side delta is checked against)', () => {
  it('lists roles added, changed and removed between two releases, by code, and skips unchanged ones', async () => {
    const older = [at(1, active(roleProfile('A'))), at(1, active(roleProfile('B'))), at(1, active(roleProfile('C'))), at(1, active(roleProfile('E')))]
    const newer = [
      at(1, active(roleProfile('A'))),
      at(2, active(roleProfile('B', { title: 'Renamed' }))),
      at(1, active(roleProfile('D'))),
      at(1, active(roleProfile('E'))),
      at(1, active(roleProfile('F'))),
    ]
    expect(await collect(mergeDelta(streamOf(older), streamOf(newer)))).toEqual([
      ['B', 'changed', 'active'],
      ['C', 'removed', 'removed'],
      ['D', 'added', 'active'],
      ['F', 'added', 'active'],
    ])
  })

  it('refuses roles that arrive out of code order', async () => {
    const older = [at(1, active(roleProfile('B'))), at(1, active(roleProfile('A')))]
    await expect(collect(mergeDelta(streamOf(older), streamOf([])))).rejects.toThrow('role "A" came after "B"')
  })
})
