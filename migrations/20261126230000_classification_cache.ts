// The classification cache: what the classifier inferred for one set of classifier inputs (a role's titles,
// text and declared codes), keyed by their hash together with the classifier's own version (its code and the
// reference data). A rebuild reclassifies only the roles whose inputs changed. Frozen once landed.

import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table classification_cache (
    input_key text collate "C" primary key,
    classifier_version text not null,
    classifications jsonb not null,
    created_at timestamptz not null default now()
  )`.execute(db)
  await sql`create index classification_cache_version on classification_cache (classifier_version)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table classification_cache`.execute(db)
}
