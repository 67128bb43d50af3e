// `canon migrate`: brings the database schema up to date (builds also do this on every run).

import { migrateToLatest } from '../db/migrate.js'
import type { RegisterCommand } from './commands.js'
import { loggerFor } from './context.js'
import { settingsFor, withDatabase, withDatabaseOptions, type DatabaseFlags } from './database.js'

export const registerMigrate: RegisterCommand = (program, ctx) => {
  withDatabaseOptions(program.command('migrate').description('apply the database migrations that have not run yet'))
    .option('--log <FORMAT>', 'human or json (default: human on a terminal)')
    .action(async (flags: DatabaseFlags & { log?: string }) => {
      const log = loggerFor(ctx, flags.log)
      const settings = settingsFor(ctx, flags, log)
      await withDatabase(settings, 'canon migrate', async (db) => {
        const { applied } = await migrateToLatest(db)
        ctx.stdout(applied.length === 0 ? `schema is up to date (${db.location})\n` : `applied ${applied.join(', ')} (${db.location})\n`)
      })
    })
}
