// Makes the load cheaper for the server: drops indexes no query reads, stores the page cache's parse results as
// `json` (only ever read back whole, so the server keeps the text instead of building jsonb), and compresses the
// two large JSON columns with lz4 where the server has it (pglz cost more than the rest of their insert).
// Frozen in time: never edit once landed; add a new migration instead.

import { sql, type Kysely } from 'kysely'

// Nothing filters or sorts by these: lookups go by primary key, (role_code, version) or release_number.
// aliases (key) and classifications (system, code) stay: an incremental rebuild finds the roles claiming an
// alias key, and people look roles up by code.
const unreadIndexes = [
  { name: 'role_versions_hash', definition: sql`create index role_versions_hash on role_versions (role_code, content_hash)` },
  { name: 'role_versions_title', definition: sql`create index role_versions_title on role_versions (lower(title))` },
  { name: 'release_roles_version', definition: sql`create index release_roles_version on release_roles (role_version_id)` },
]

const pageJsonColumns = [
  { name: 'profiles', default: null },
  { name: 'rejected', default: `'[]'` },
  { name: 'warnings', default: `'[]'` },
] as const

export async function up(db: Kysely<any>): Promise<void> {
  for (const index of unreadIndexes) await sql`drop index ${sql.ref(index.name)}`.execute(db)
  await setPageJsonType(db, 'json')
  // Embedded Postgres (PGlite) is built without lz4: it keeps pglz there.
  for (const [table, column] of [
    ['role_versions', 'profile'],
    ['pages', 'profiles'],
  ] as const) {
    await sql`do $$ begin
      alter table ${sql.table(table)} alter column ${sql.ref(column)} set compression lz4;
    exception when feature_not_supported then null;
    end $$`.execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table role_versions alter column profile set compression default`.execute(db)
  await sql`alter table pages alter column profiles set compression default`.execute(db)
  await setPageJsonType(db, 'jsonb')
  for (const index of unreadIndexes) await index.definition.execute(db)
}

async function setPageJsonType(db: Kysely<any>, type: 'json' | 'jsonb'): Promise<void> {
  for (const column of pageJsonColumns) {
    const name = sql.ref(column.name)
    // A default does not follow a type change: drop it, change the type, set it again in the new type.
    if (column.default) await sql`alter table pages alter column ${name} drop default`.execute(db)
    await sql`alter table pages alter column ${name} type ${sql.raw(type)} using ${name}::${sql.raw(type)}`.execute(db)
    if (column.default) await sql`alter table pages alter column ${name} set default ${sql.raw(`${column.default}::${type}`)}`.execute(db)
  }
}
