// Streams the roles of a release in code order, a page at a time, so 10,000 roles never sit in memory at once.

import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { ReleaseProfile, RoleProfile } from '../model/index.js'

export interface ReadProfilesOptions {
  /** Rows fetched per query (default 500). */
  pageSize?: number
  /** Only active roles (default: active and removed). */
  activeOnly?: boolean
}

/**
 * The roles release `release` holds, ordered by code, each with its state ('active' | 'removed').
 * Ordered by code point (`collate "C"`) whatever the database's collation, so exports and deltas keep one
 * order on every server (an en_US collation would sort `A-B` and `AB` differently).
 */
export async function* readReleaseProfiles(db: Kysely<Database>, release: number, options: ReadProfilesOptions = {}): AsyncIterable<ReleaseProfile> {
  const pageSize = options.pageSize ?? 500
  let after: string | null = null
  for (;;) {
    let query = db
      .selectFrom('release_roles as rr')
      .innerJoin('role_versions as rv', 'rv.id', 'rr.role_version_id')
      .leftJoin('release_adjacency as ra', (join) => join.onRef('ra.release_number', '=', 'rr.release_number').onRef('ra.role_code', '=', 'rr.role_code'))
      .select(['rr.role_code as code', 'rr.state', 'rv.version', 'rv.profile', 'rv.content_hash', 'ra.neighbours'])
      .where('rr.release_number', '=', release)
      .orderBy(sql`rr.role_code collate "C"`)
      .limit(pageSize)
    if (after !== null) query = query.where(sql<string>`rr.role_code collate "C"`, '>', after)
    if (options.activeOnly) query = query.where('rr.state', '=', 'active')
    const rows = await query.execute()
    for (const row of rows) {
      yield {
        profile: row.profile,
        state: row.state,
        version: row.version,
        contentHash: row.content_hash,
        ...(row.neighbours ? { neighbours: row.neighbours } : {}),
      }
    }
    const last = rows.at(-1)
    if (!last || rows.length < pageSize) return
    after = last.code
  }
}

/** The codes of the roles release `release` holds (active and removed), in no particular order. */
export async function readReleaseCodes(db: Kysely<Database>, release: number): Promise<string[]> {
  const rows = await db.selectFrom('release_roles').select('role_code').where('release_number', '=', release).execute()
  return rows.map((row) => row.role_code)
}

/** The profiles of the given role versions, by id, in one query; ids the database lacks are absent. */
export async function readVersionProfiles(db: Kysely<Database>, ids: readonly number[]): Promise<Map<number, RoleProfile>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('role_versions')
    .select(['id', 'profile'])
    .where('id', 'in', [...new Set(ids)])
    .execute()
  return new Map(rows.map((row) => [row.id, row.profile]))
}

/** The profiles and content hashes of the given role versions, by id, in one query (delta exports). */
export async function readVersionContents(db: Kysely<Database>, ids: readonly number[]): Promise<Map<number, { profile: RoleProfile; contentHash: string }>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('role_versions')
    .select(['id', 'profile', 'content_hash'])
    .where('id', 'in', [...new Set(ids)])
    .execute()
  return new Map(rows.map((row) => [row.id, { profile: row.profile, contentHash: row.content_hash }]))
}
