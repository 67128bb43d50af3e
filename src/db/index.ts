// The database: open it (embedded PGlite or a Postgres server), migrate it, lock it for a build.
export { openDatabase, CanonDb, defaultDataDir, type OpenDatabaseOptions, type Backend } from './open.js'
export { migrateToLatest, migrations } from './migrate.js'
export { acquireBuildLock, type BuildLock } from './build-lock.js'
export type { Database } from './schema.js'
