// Runs the migrations in `migrations/` with kysely's Migrator. The list is static (not read from disk) so it
// works the same compiled, under tsx and under vitest, where FileMigrationProvider cannot load `.ts` files.

import { Migrator, sql, type Kysely, type Migration, type MigrationResult } from 'kysely'
import * as initialSchema from '../../migrations/20261126201500_initial_schema.js'
import * as classificationCache from '../../migrations/20261126230000_classification_cache.js'
import * as pageRoleCodes from '../../migrations/20261126231500_page_role_codes.js'
import * as lighterLoad from '../../migrations/20261127000000_lighter_load.js'
import * as pageFileStamps from '../../migrations/20261127001000_page_file_stamps.js'
import * as adjacency from '../../migrations/20261207100000_adjacency.js'
import * as adjacencyListHash from '../../migrations/20261207100100_adjacency_list_hash.js'

/** Every migration, by name; names sort in the order they run. */
export const migrations: Record<string, Migration> = {
  '20261126201500_initial_schema': initialSchema,
  '20261126230000_classification_cache': classificationCache,
  '20261126231500_page_role_codes': pageRoleCodes,
  '20261127000000_lighter_load': lighterLoad,
  '20261127001000_page_file_stamps': pageFileStamps,
  '20261207100000_adjacency': adjacency,
  '20261207100100_adjacency_list_hash': adjacencyListHash,
}

export interface MigrateOutcome {
  /** Migrations applied now, in order; empty when the schema was already current. */
  applied: string[]
}

/** Brings the schema up to the latest migration; a second run applies nothing. Throws on failure. */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrateOutcome> {
  // Name the schema: without it kysely looks for its bookkeeping tables in any schema of the database and, when
  // another schema has them (a second canon, a test), skips creating its own.
  const schema = await sql<{ name: string; recorded: boolean }>`
    select current_schema() as name, to_regclass(format('%I.kysely_migration', current_schema())) is not null as recorded`.execute(db)
  // Every migration recorded and no other (the usual start of a build): nothing to do, without the migrator's
  // bookkeeping queries and lock (about half a second on an embedded database).
  if (schema.rows[0]!.recorded) {
    const done = await sql<{ name: string }>`select name from ${sql.id(schema.rows[0]!.name, 'kysely_migration')}`.execute(db)
    const known = Object.keys(migrations)
    const names = new Set(done.rows.map((row) => row.name))
    if (names.size === known.length && known.every((name) => names.has(name))) return { applied: [] }
  }
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: schema.rows[0]!.name,
  })
  const { error, results = [] } = await migrator.migrateToLatest()
  if (error) {
    const failed = results.find((result: MigrationResult) => result.status === 'Error')
    const which = failed ? `migration ${failed.migrationName} failed` : 'migrations failed'
    throw new Error(`${which}: ${error instanceof Error ? error.message : String(error)}`, { cause: error })
  }
  return { applied: results.filter((result) => result.status === 'Success').map((result) => result.migrationName) }
}

/** The migrations not applied yet to `db`, in the order they run (all of them on a new database). */
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const schema = await sql<{ name: string }>`select current_schema() as name`.execute(db)
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableSchema: schema.rows[0]!.name })
  return (await migrator.getMigrations()).filter((info) => info.executedAt === undefined).map((info) => info.name)
}

/**
 * Applies `names` inside the caller's transaction, without kysely's bookkeeping: for a dry run, whose
 * transaction is rolled back (the Migrator opens its own transactions and cannot run inside one).
 */
export async function applyMigrationsInTransaction(trx: Kysely<any>, names: readonly string[]): Promise<void> {
  for (const name of names) await migrations[name]!.up(trx)
}
