// A hash of each stored neighbour list, so a release carries the lists that did not change from the release
// before it in one statement instead of writing every role's list again. Null for lists written before it (those
// are written again once). Frozen once landed.

import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table release_adjacency add column list_hash text`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table release_adjacency drop column list_hash`.execute(db)
}
