// Adjacent roles: the features the adjacency stage reads of each role version (kept beside it, so a rebuild
// reads them instead of every profile), each release's neighbour lists keyed by role version, the possible
// duplicates found in each release, and two decision kinds on those duplicates (mark_distinct, merge_into).
// Features carry the version of the code that computed them: a build computes them again when that code
// changed. Frozen once landed.

import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table adjacency_features (
    role_version_id integer primary key references role_versions (id) on delete cascade,
    version text not null,
    title_key text not null,
    alias_keys text[] not null,
    soc text,
    minhash text not null
  )`.execute(db)
  await sql`create table release_adjacency (
    release_number integer not null references releases (number) on delete cascade,
    role_code text collate "C" not null,
    role_version_id integer not null references role_versions (id),
    neighbours jsonb not null,
    primary key (release_number, role_code)
  )`.execute(db)
  await sql`create table release_duplicates (
    release_number integer not null references releases (number) on delete cascade,
    code_a text collate "C" not null,
    code_b text collate "C" not null,
    distance double precision not null,
    reason text not null,
    primary key (release_number, code_a, code_b)
  )`.execute(db)
  // Decisions on a possible duplicate: the other role's code goes in the code column.
  await sql`alter table decisions drop constraint decisions_kind_check`.execute(db)
  await sql`alter table decisions add constraint decisions_kind_check check (kind in (
    'approve_alias', 'reject_alias', 'add_alias', 'accept_code', 'override_code', 'reject_code', 'set_status', 'mark_distinct', 'merge_into'))`.execute(db)
  await sql`alter table decisions add constraint decisions_other_role_check check (kind not in ('mark_distinct', 'merge_into') or code is not null)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from decisions where kind in ('mark_distinct', 'merge_into')`.execute(db)
  await sql`alter table decisions drop constraint decisions_other_role_check`.execute(db)
  await sql`alter table decisions drop constraint decisions_kind_check`.execute(db)
  await sql`alter table decisions add constraint decisions_kind_check check (kind in (
    'approve_alias', 'reject_alias', 'add_alias', 'accept_code', 'override_code', 'reject_code', 'set_status'))`.execute(db)
  await sql`drop table release_duplicates`.execute(db)
  await sql`drop table release_adjacency`.execute(db)
  await sql`drop table adjacency_features`.execute(db)
}
