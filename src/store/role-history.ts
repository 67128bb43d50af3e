// The versions of roles across releases: for the site's role pages.

import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'

/** Every version of every role the release holds, oldest first, with the release that made it (up to `release`). */
export async function readRoleHistory(db: Kysely<Database>, release: number): Promise<Map<string, { version: number; createdRelease: number }[]>> {
  const rows = await db
    .selectFrom('role_versions as rv')
    .innerJoin('release_roles as rr', (join) => join.onRef('rr.role_code', '=', 'rv.role_code').on('rr.release_number', '=', release))
    .select(['rv.role_code', 'rv.version', 'rv.created_release'])
    .where('rv.created_release', '<=', release)
    .orderBy('rv.role_code')
    .orderBy('rv.version')
    .execute()
  const history = new Map<string, { version: number; createdRelease: number }[]>()
  for (const row of rows) {
    const list = history.get(row.role_code)
    const entry = { version: row.version, createdRelease: row.created_release }
    if (list) list.push(entry)
    else history.set(row.role_code, [entry])
  }
  return history
}
