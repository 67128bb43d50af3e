// What an incremental rebuild reads of the current release instead of every profile: which active roles claim
// an alias key, every active role's title, function, track and pages (its role family), and code review counts.
// By index, no JSON.

import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { FEATURES_VERSION } from '../adjacency/features.js'

/** An active role's title, function, track and the pages that define it: what its role family is decided by. */
export interface ActiveFamilyFacts {
  title: string
  /**
   * The title's alias key as kept with the version's adjacency features (`aliasKey(title)`, made when the
   * version was loaded); null when its features are not kept, or were made by other feature code.
   */
  titleKey: string | null
  function: string | null
  track: string | null
  paths: string[]
}

/** The family facts of every active role; the pages from the page cache's role codes (no profile JSON read). */
export async function readActiveFamilyFacts(db: Kysely<Database>, release: number): Promise<Map<string, ActiveFamilyFacts>> {
  const rows = await db
    .selectFrom('release_roles as rr')
    .innerJoin('role_versions as rv', 'rv.id', 'rr.role_version_id')
    .leftJoin('adjacency_features as af', (join) => join.onRef('af.role_version_id', '=', 'rv.id').on('af.version', '=', FEATURES_VERSION))
    .select(['rr.role_code as code', 'rv.title', 'rv.function', 'rv.track', 'af.title_key'])
    .where('rr.release_number', '=', release)
    .where('rr.state', '=', 'active')
    .execute()
  const facts = new Map(
    rows.map((row) => [row.code, { title: row.title, titleKey: row.title_key, function: row.function, track: row.track, paths: [] as string[] }]),
  )
  // The codes as JSON: parsed natively (a text[] of every page goes through pg's array parser in JavaScript).
  for (const page of await db
    .selectFrom('pages')
    .select(['path', sql<string[]>`to_json(role_codes)`.as('role_codes')])
    .execute()) {
    for (const code of page.role_codes) facts.get(code)?.paths.push(page.path)
  }
  return facts
}

/** One active role's stored alias key. */
export interface StoredAliasClaim {
  code: string
  key: string
}

/** The alias keys stored for active roles: those of roles `codes`, or of any role whose alias has one of `keys`. */
export async function readAliasClaims(
  db: Kysely<Database>,
  release: number,
  by: { codes: readonly string[] } | { keys: readonly string[] },
): Promise<StoredAliasClaim[]> {
  if (('codes' in by ? by.codes : by.keys).length === 0) return []
  const query = db
    .selectFrom('release_roles as rr')
    .innerJoin('aliases as a', 'a.role_version_id', 'rr.role_version_id')
    .select(['rr.role_code as code', 'a.key'])
    .where('rr.release_number', '=', release)
    .where('rr.state', '=', 'active')
  const rows = await ('codes' in by
    ? query.where('rr.role_code', '=', sql<string>`any(${by.codes}::text[])`)
    : query.where('a.key', '=', sql<string>`any(${by.keys}::text[])`)
  ).execute()
  return rows
}

/** How many SOC 2018 rows of the active roles `codes` are auto-accepted and how many need review. */
export async function readReviewCounts(
  db: Kysely<Database>,
  release: number,
  codes: readonly string[],
): Promise<{ autoAccepted: number; needsReview: number }> {
  if (codes.length === 0) return { autoAccepted: 0, needsReview: 0 }
  const row = await db
    .selectFrom('release_roles as rr')
    .innerJoin('classifications as c', 'c.role_version_id', 'rr.role_version_id')
    .select([
      sql<number>`count(*) filter (where c.review_status = 'auto_accepted')::int`.as('autoAccepted'),
      sql<number>`count(*) filter (where c.review_status = 'needs_review')::int`.as('needsReview'),
    ])
    .where('rr.release_number', '=', release)
    .where('rr.state', '=', 'active')
    .where('c.system', '=', 'SOC2018')
    .where('rr.role_code', '=', sql<string>`any(${codes}::text[])`)
    .executeTakeFirstOrThrow()
  return row
}
