// What changed between two releases: roles added, removed and changed, and for a changed role which fields,
// aliases and codes. The comparison of two profiles is pure; the database only says which versions differ.

import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { ReleaseDiff, RoleChangeDetail, RoleProfile, RoleRef } from '../model/index.js'
import { canonicalJson } from '../plan/content-hash.js'

// RoleProfile's fields in the order DESIGN.md lists them, so a diff names them in a stable, familiar order.
const modelOrder: readonly (keyof RoleProfile)[] = [
  'code', 'title', 'function', 'discipline', 'track', 'level', 'status', 'confidence', 'confidenceBand', 'scope',
  'sourceVersion', 'summary', 'story', 'components', 'coreOutputs', 'adjacentRoles', 'aliases', 'classifications',
  'source', 'findings',
]

/** Which fields, aliases and codes differ between two versions of one role. Pure. */
export function compareProfiles(from: RoleProfile, to: RoleProfile): Pick<RoleChangeDetail, 'fields' | 'aliases' | 'codes'> {
  const extra = [...new Set([...Object.keys(from), ...Object.keys(to)])].filter((key) => !modelOrder.includes(key as keyof RoleProfile)).sort()
  const keys = [...modelOrder, ...extra] as (keyof RoleProfile)[]
  const fields = keys.filter((key) => canonicalJson(from[key] ?? null) !== canonicalJson(to[key] ?? null))
  const aliasTexts = (profile: RoleProfile) => new Map(profile.aliases.map((alias) => [alias.key, alias.text]))
  const codeNames = (profile: RoleProfile) => {
    // A rejected code is not one the role holds.
    const held = profile.classifications.filter((item) => item.reviewStatus !== 'rejected')
    return new Map(held.map((item) => [`${item.system} ${item.code}`, `${item.system} ${item.code}`]))
  }
  return { fields, aliases: gainedAndLost(aliasTexts(from), aliasTexts(to)), codes: gainedAndLost(codeNames(from), codeNames(to)) }
}

function gainedAndLost(from: Map<string, string>, to: Map<string, string>): { added: string[]; removed: string[] } {
  const added = [...to].filter(([key]) => !from.has(key)).map(([, text]) => text)
  const removed = [...from].filter(([key]) => !to.has(key)).map(([, text]) => text)
  return { added: added.sort(), removed: removed.sort() }
}

interface DiffRow {
  code: string
  from_id: number | null
  from_state: string | null
  from_title: string | null
  from_version: number | null
  to_id: number | null
  to_state: string | null
  to_title: string | null
  to_version: number | null
}

/** The difference from release `from` (null: an empty canon) to release `to`, roles in code order. */
export async function diffReleases(db: Kysely<Database>, from: number | null, to: number): Promise<ReleaseDiff> {
  const rows = await sql<DiffRow>`
    with a as (
      select rr.role_code, rr.role_version_id, rr.state, rv.title, rv.version
      from release_roles rr join role_versions rv on rv.id = rr.role_version_id
      where rr.release_number = ${from ?? -1}
    ), b as (
      select rr.role_code, rr.role_version_id, rr.state, rv.title, rv.version
      from release_roles rr join role_versions rv on rv.id = rr.role_version_id
      where rr.release_number = ${to}
    )
    select coalesce(a.role_code, b.role_code) as code,
      a.role_version_id as from_id, a.state as from_state, a.title as from_title, a.version as from_version,
      b.role_version_id as to_id, b.state as to_state, b.title as to_title, b.version as to_version
    from a full join b on a.role_code = b.role_code
    where a.role_version_id is distinct from b.role_version_id or a.state is distinct from b.state
    order by 1`.execute(db)
  const diff: ReleaseDiff = { from, to, added: [], removed: [], changed: [] }
  const changedPairs: DiffRow[] = []
  for (const row of rows.rows) {
    const wasActive = row.from_state === 'active'
    const isActive = row.to_state === 'active'
    if (isActive && !wasActive) diff.added.push(ref(row.code, row.to_title))
    else if (wasActive && !isActive) diff.removed.push(ref(row.code, row.from_title ?? row.to_title))
    else if (wasActive && isActive) changedPairs.push(row)
  }
  for (let start = 0; start < changedPairs.length; start += 500) {
    const batch = changedPairs.slice(start, start + 500)
    const ids = batch.flatMap((row) => [row.from_id!, row.to_id!])
    const profiles = await db.selectFrom('role_versions').select(['id', 'profile']).where('id', 'in', ids).execute()
    const byId = new Map(profiles.map((row) => [row.id, row.profile]))
    for (const row of batch) {
      const before = byId.get(row.from_id!)!
      const after = byId.get(row.to_id!)!
      diff.changed.push({ ...ref(row.code, row.to_title), fromVersion: row.from_version!, toVersion: row.to_version!, ...compareProfiles(before, after) })
    }
  }
  return diff
}

function ref(code: string, title: string | null): RoleRef {
  return { code, title: title ?? '' }
}
