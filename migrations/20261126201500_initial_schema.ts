// The first schema: releases of role versions, their parts, reviewers' decisions, runs and the page cache.
// Frozen in time: never edit once landed; add a new migration instead. Codes and paths sort bytewise
// (collate "C") so every database lists roles in the same order, whatever its default collation.

import { sql, type Kysely } from 'kysely'

const statements = [
  sql`create table runs (
    id serial primary key,
    started_at timestamptz not null default now(),
    finished_at timestamptz,
    status text not null check (status in ('running', 'published', 'unchanged', 'partial', 'failed', 'dry_run', 'abandoned')),
    base_release integer,
    release_number integer,
    options jsonb not null default '{}'::jsonb,
    counts jsonb not null default '{}'::jsonb,
    stale_decisions jsonb not null default '[]'::jsonb,
    error text
  )`,
  sql`create table releases (
    number integer primary key check (number > 0),
    run_id integer not null references runs (id),
    created_at timestamptz not null default now(),
    is_current boolean not null default false,
    active_count integer not null check (active_count >= 0),
    removed_count integer not null check (removed_count >= 0),
    unchanged_count integer not null check (unchanged_count >= 0),
    added_count integer not null check (added_count >= 0),
    changed_count integer not null check (changed_count >= 0),
    newly_removed_count integer not null check (newly_removed_count >= 0)
  )`,
  // At most one current release; the load sets it as its last statement.
  sql`create unique index releases_one_current on releases (is_current) where is_current`,
  sql`alter table runs add constraint runs_release_fk foreign key (release_number) references releases (number)`,
  sql`create table roles (
    code text collate "C" primary key check (code <> ''),
    first_release integer not null references releases (number),
    created_at timestamptz not null default now()
  )`,
  sql`create table role_versions (
    id serial primary key,
    role_code text collate "C" not null references roles (code),
    version integer not null check (version > 0),
    content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
    profile jsonb not null,
    title text not null,
    function text,
    discipline text,
    track text,
    level text,
    status text not null,
    created_release integer not null references releases (number),
    created_at timestamptz not null default now(),
    constraint role_versions_one_number unique (role_code, version)
  )`,
  sql`create index role_versions_hash on role_versions (role_code, content_hash)`,
  sql`create index role_versions_title on role_versions (lower(title))`,
  sql`create table release_roles (
    release_number integer not null references releases (number),
    role_code text collate "C" not null references roles (code),
    role_version_id integer not null references role_versions (id),
    state text not null check (state in ('active', 'removed')),
    primary key (release_number, role_code)
  )`,
  sql`create index release_roles_version on release_roles (role_version_id)`,
  sql`create table components (
    role_version_id integer not null references role_versions (id),
    ordinal integer not null check (ordinal >= 0),
    kind text not null,
    text text not null,
    tags text[] not null default '{}',
    primary key (role_version_id, ordinal)
  )`,
  sql`create table aliases (
    role_version_id integer not null references role_versions (id),
    ordinal integer not null check (ordinal >= 0),
    key text not null,
    text text not null,
    type text not null,
    confidence double precision not null check (confidence between 0 and 1),
    band text not null,
    approved boolean not null,
    variants text[] not null default '{}',
    primary key (role_version_id, ordinal),
    constraint aliases_once_per_version unique (role_version_id, key)
  )`,
  sql`create index aliases_key on aliases (key)`,
  sql`create table classifications (
    role_version_id integer not null references role_versions (id),
    ordinal integer not null check (ordinal >= 0),
    system text not null,
    code text not null,
    title text not null,
    source text not null,
    confidence double precision not null check (confidence between 0 and 1),
    review_status text not null,
    evidence text[] not null default '{}',
    primary key (role_version_id, ordinal)
  )`,
  sql`create index classifications_code on classifications (system, code)`,
  sql`create table soc_occupations (
    code text primary key check (code ~ '^[0-9]{2}-[0-9]{4}$'),
    title text not null,
    level text not null check (level in ('major', 'minor', 'broad', 'detailed')),
    parent_code text references soc_occupations (code) deferrable initially deferred,
    definition text
  )`,
  sql`create table decisions (
    id serial primary key,
    kind text not null check (kind in ('approve_alias', 'reject_alias', 'add_alias', 'accept_code', 'override_code', 'reject_code', 'set_status')),
    role_code text collate "C" not null,
    alias text,
    alias_type text,
    system text,
    code text,
    status text,
    author text not null,
    reason text,
    decided_at timestamptz not null,
    origin text not null check (origin in ('cli', 'file')),
    source text not null,
    fingerprint text not null unique,
    recorded_at timestamptz not null default now(),
    check (kind not like '%_alias' or alias is not null),
    check (kind not like '%_code' or (system is not null and code is not null)),
    check (kind <> 'set_status' or status is not null)
  )`,
  sql`create index decisions_role on decisions (role_code)`,
  sql`create table quarantine (
    id serial primary key,
    run_id integer not null references runs (id),
    file text not null,
    stage text not null,
    message text not null
  )`,
  sql`create index quarantine_run on quarantine (run_id)`,
  sql`create table pages (
    path text collate "C" primary key,
    content_hash text not null,
    parser_version text not null,
    profiles jsonb not null,
    rejected jsonb not null default '[]'::jsonb,
    warnings jsonb not null default '[]'::jsonb,
    run_id integer references runs (id),
    parsed_at timestamptz not null default now()
  )`,
]

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await statement.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'pages',
    'quarantine',
    'decisions',
    'soc_occupations',
    'classifications',
    'aliases',
    'components',
    'release_roles',
    'role_versions',
    'roles',
  ]) {
    await sql`drop table ${sql.table(table)}`.execute(db)
  }
  await sql`alter table runs drop constraint runs_release_fk`.execute(db)
  await sql`drop table releases`.execute(db)
  await sql`drop table runs`.execute(db)
}
