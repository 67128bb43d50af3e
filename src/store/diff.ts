// What changed between two releases: roles added, removed and changed, and for a changed role which fields,
// aliases and codes. The comparison of two profiles is pure; the database only says which versions differ.

import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { ReleaseDiff, RoleChangeDetail, RoleProfile, RoleRef, RoleState } from '../model/index.js'
import { canonicalJson } from '../plan/content-hash.js'
import { readVersionProfiles } from './profiles.js'

// RoleProfile's fields in the order DESIGN.md lists them, so a diff names them in a stable, familiar order.
const modelOrder: readonly (keyof RoleProfile)[] = [
  'code',
  'title',
  'function',
  'discipline',
  'track',
  'level',
  'status',
  'confidence',
  'confidenceBand',
  'scope',
  'sourceVersion',
  'summary',
  'story',
  'components',
  'coreOutputs',
  'adjacentRoles',
  'aliases',
  'classifications',
  'source',
  'findings',
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

/** One side of a changed role: the version and state a release holds for it. */
export interface ReleasedSide {
  versionId: number
  version: number
  title: string
  state: RoleState
}

/** A role whose version or state differs between two releases; a side is null when that release lacks the role. */
export interface ChangedRole {
  code: string
  from: ReleasedSide | null
  to: ReleasedSide | null
}

interface ChangedRow {
  code: string
  from_id: number | null
  from_state: RoleState | null
  from_title: string | null
  from_version: number | null
  to_id: number | null
  to_state: RoleState | null
  to_title: string | null
  to_version: number | null
}

/**
 * The roles whose version or state differs from release `from` (null: an empty canon) to release `to`, by code
 * point (`collate "C"`). Compares the two releases' release_roles rows only; role_versions is read for the
 * changed roles alone, so the cost follows what changed, not the size of the release.
 */
export async function readChangedRoles(db: Kysely<Database>, from: number | null, to: number): Promise<ChangedRole[]> {
  const rows = await sql<ChangedRow>`
    with a as (
      select role_code, role_version_id, state from release_roles where release_number = ${from ?? -1}
    ), b as (
      select role_code, role_version_id, state from release_roles where release_number = ${to}
    ), changed as (
      select coalesce(a.role_code, b.role_code) as code,
        a.role_version_id as from_id, a.state as from_state, b.role_version_id as to_id, b.state as to_state
      from a full join b on a.role_code = b.role_code
      where a.role_version_id is distinct from b.role_version_id or a.state is distinct from b.state
    )
    select c.code, c.from_id, c.from_state, fv.title as from_title, fv.version as from_version,
      c.to_id, c.to_state, tv.title as to_title, tv.version as to_version
    from changed c
    left join role_versions fv on fv.id = c.from_id
    left join role_versions tv on tv.id = c.to_id
    order by c.code collate "C"`.execute(db)
  return rows.rows.map((row) => ({
    code: row.code,
    from: side(row.from_id, row.from_version, row.from_title, row.from_state),
    to: side(row.to_id, row.to_version, row.to_title, row.to_state),
  }))
}

function side(versionId: number | null, version: number | null, title: string | null, state: RoleState | null): ReleasedSide | null {
  return versionId === null || version === null || title === null || state === null ? null : { versionId, version, title, state }
}

/** The difference from release `from` (null: an empty canon) to release `to`, roles in code order. */
export async function diffReleases(db: Kysely<Database>, from: number | null, to: number): Promise<ReleaseDiff> {
  const diff: ReleaseDiff = { from, to, added: [], removed: [], changed: [] }
  const changedPairs: { code: string; from: ReleasedSide; to: ReleasedSide }[] = []
  for (const role of await readChangedRoles(db, from, to)) {
    const wasActive = role.from?.state === 'active'
    const isActive = role.to?.state === 'active'
    if (isActive && !wasActive) diff.added.push(ref(role.code, role.to?.title))
    else if (wasActive && !isActive) diff.removed.push(ref(role.code, role.from?.title ?? role.to?.title))
    else if (role.from && role.to && wasActive && isActive) changedPairs.push({ code: role.code, from: role.from, to: role.to })
  }
  for (let start = 0; start < changedPairs.length; start += 500) {
    const batch = changedPairs.slice(start, start + 500)
    const byId = await readVersionProfiles(
      db,
      batch.flatMap((pair) => [pair.from.versionId, pair.to.versionId]),
    )
    for (const pair of batch) {
      const before = byId.get(pair.from.versionId)!
      const after = byId.get(pair.to.versionId)!
      diff.changed.push({ ...ref(pair.code, pair.to.title), fromVersion: pair.from.version, toVersion: pair.to.version, ...compareProfiles(before, after) })
    }
  }
  return diff
}

function ref(code: string, title: string | null | undefined): RoleRef {
  return { code, title: title ?? '' }
}
