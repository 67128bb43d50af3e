// Reading releases: which is current, their counts, and the role versions one holds.

import { sql, type Kysely } from 'kysely'
import type { ReleaseInfo, RoleState } from '../model/index.js'
import type { Database, ReleaseRow } from '../db/schema.js'

/** The current release, or null before the first build published one. */
export async function getCurrentRelease(db: Kysely<Database>): Promise<ReleaseInfo | null> {
  const row = await db.selectFrom('releases').selectAll().where('is_current', '=', true).executeTakeFirst()
  return row ? toReleaseInfo(row) : null
}

/** Release `number`, or null when there is no such release. */
export async function getRelease(db: Kysely<Database>, number: number): Promise<ReleaseInfo | null> {
  const row = await db.selectFrom('releases').selectAll().where('number', '=', number).executeTakeFirst()
  return row ? toReleaseInfo(row) : null
}

/** Every release, newest first. */
export async function listReleases(db: Kysely<Database>): Promise<ReleaseInfo[]> {
  const rows = await db.selectFrom('releases').selectAll().orderBy('number', 'desc').execute()
  return rows.map(toReleaseInfo)
}

/** What planning needs to know about one role in a release: its version and content hash, not its content. */
export interface ReleasedRole {
  code: string
  title: string
  /** The page the version came from (profile.source.path). */
  path: string
  versionId: number
  version: number
  contentHash: string
  state: RoleState
}

/**
 * Every role the release holds (active and removed), keyed by code, or only the roles with `codes`; an empty
 * map for `null`.
 */
export async function readReleaseState(db: Kysely<Database>, release: number | null, codes?: readonly string[]): Promise<Map<string, ReleasedRole>> {
  if (release === null) return new Map()
  let query = db
    .selectFrom('release_roles as rr')
    .innerJoin('role_versions as rv', 'rv.id', 'rr.role_version_id')
    .select(['rr.role_code as code', 'rv.title', 'rv.id as versionId', 'rv.version', 'rv.content_hash as contentHash', 'rr.state'])
    .select(sql<string>`rv.profile->'source'->>'path'`.as('path'))
    .where('rr.release_number', '=', release)
  if (codes) query = query.where('rr.role_code', '=', sql<string>`any(${codes}::text[])`)
  const rows = await query.execute()
  return new Map(rows.map((row) => [row.code, row]))
}

export function toReleaseInfo(row: ReleaseRow): ReleaseInfo {
  return {
    number: row.number,
    createdAt: new Date(row.created_at).toISOString(),
    isCurrent: row.is_current,
    runId: row.run_id,
    activeCount: row.active_count,
    removedCount: row.removed_count,
    addedCount: row.added_count,
    changedCount: row.changed_count,
    newlyRemovedCount: row.newly_removed_count,
    unchangedCount: row.unchanged_count,
  }
}
