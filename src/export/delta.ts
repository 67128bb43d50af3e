// The roles a delta export writes: those added, changed or removed between release M and release N. The
// database says which roles' versions or states differ (`readChangedRoles`); only those roles' profiles are
// read, so a one-role change costs one profile, not two releases.

import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { ExportRole, RoleChange, RoleState } from '../model/index.js'
import { readChangedRoles, readVersionContents, type ChangedRole, type ReleasedSide } from '../store/index.js'

/** Where a role stands in one release: its state and version number (a new version means new content). */
export interface RoleStanding {
  state: RoleState
  version: number
}

/** How one role present in both releases changed, or null when it did not. Pure. */
export function changeBetween(older: RoleStanding, newer: RoleStanding): RoleChange | null {
  if (older.state === 'removed') return newer.state === 'active' ? 'added' : null
  if (newer.state === 'removed') return 'removed'
  return older.version === newer.version ? null : 'changed'
}

/** What a delta says about a role given its standing in release M and release N (null: not there). Pure. */
export function changeOf(older: RoleStanding | null, newer: RoleStanding | null): RoleChange | null {
  if (newer === null) return older?.state === 'active' ? 'removed' : null
  if (older === null) return newer.state === 'active' ? 'added' : null
  return changeBetween(older, newer)
}

/** Profiles fetched per query; about a page of the full export's reader. */
const profilesPerQuery = 500

/** The delta from release `since` to `release`, each role with its `change`, by code; the newer side's profile. */
export async function* readDeltaRoles(db: Kysely<Database>, since: number, release: number): AsyncGenerator<ExportRole> {
  const changes = (await readChangedRoles(db, since, release)).flatMap((role) => {
    const change = changeOf(role.from, role.to)
    return change === null ? [] : [{ role, change }]
  })
  for (let start = 0; start < changes.length; start += profilesPerQuery) {
    const batch = changes.slice(start, start + profilesPerQuery)
    const contents = await readVersionContents(
      db,
      batch.map(({ role }) => shownSide(role).versionId),
    )
    for (const { role, change } of batch) {
      const side = shownSide(role)
      const content = contents.get(side.versionId)
      if (!content) throw new Error(`delta export: role version ${side.versionId} of "${role.code}" is missing from role_versions`)
      yield {
        profile: content.profile,
        state: change === 'removed' ? 'removed' : 'active',
        contentKey: String(side.version),
        change,
        version: side.version,
        contentHash: content.contentHash,
      }
    }
  }
}

/** The version a delta row shows: release N's when it holds the role, else release M's (a role gone from N). */
function shownSide(role: ChangedRole): ReleasedSide {
  const side = role.to ?? role.from
  if (!side) throw new Error(`delta export: role "${role.code}" is in neither release`)
  return side
}
