// The role codes each cached page defines, as a column with a GIN index: an incremental rebuild finds the
// pages that define a set of roles without reading every page's profiles. Existing rows are filled from
// their profiles. Frozen once landed.

import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table pages add column role_codes text[] collate "C" not null default '{}'`.execute(db)
  await sql`update pages set role_codes = array(select element->>'code' from jsonb_array_elements(profiles) as element)`.execute(db)
  await sql`create index pages_role_codes on pages using gin (role_codes)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table pages drop column role_codes`.execute(db)
}
