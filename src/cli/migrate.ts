// `canon migrate`: brings the database schema up to date (builds also do this on every run).

import { withCanonDatabase } from '../settings/database.js'
import { loggerFor, type RegisterCommand } from './context.js'
import { flags as declared, withDatabaseFlags, type DatabaseFlags } from './options.js'
import { settingsFromFlags } from './settings.js'

export const registerMigrate: RegisterCommand = (program, ctx) => {
  withDatabaseFlags(program.command('migrate').description('apply the database migrations that have not run yet'))
    .addOption(declared.log())
    .action(async (flags: DatabaseFlags & { log?: 'human' | 'json' }) => {
      const log = loggerFor(ctx, flags.log)
      try {
        const settings = settingsFromFlags(ctx, flags, log)
        const { migrateToLatest } = await import('../db/migrate.js')
        await withCanonDatabase(settings, 'canon migrate', async (db) => {
          const { applied } = await migrateToLatest(db)
          ctx.stdout(applied.length === 0 ? `schema is up to date (${db.location})\n` : `applied ${applied.join(', ')} (${db.location})\n`)
        })
      } finally {
        log.close()
      }
    })
}
