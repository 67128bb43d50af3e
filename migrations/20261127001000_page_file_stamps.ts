// The size and modification time of each cached page's file when it was read, and when: a rebuild does not
// read again a file whose stamp is unchanged and was written well before that read. Null for rows written
// before this migration (those files are read as before). Frozen once landed.

import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table pages add column file_size double precision, add column file_mtime_ms double precision, add column read_at_ms double precision`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table pages drop column file_size, drop column file_mtime_ms, drop column read_at_ms`.execute(db)
}
