// `canon site`: writes the static site of a release (architecture grid, role pages, release, review, search)
// to out/releases/<N>/site/. A thin shell over `buildSite`.

import { UsageError } from '../errors.js'
import { isNewEmbeddedDatabase, openCanonDatabase } from '../settings/database.js'
import { loggerFor, type RegisterCommand } from './context.js'
import { flags as declared, releaseNumber, withDatabaseFlags, type DatabaseFlags } from './options.js'
import { settingsFromFlags } from './settings.js'

interface SiteFlags extends DatabaseFlags {
  release?: number
  out?: string
}

export const registerSite: RegisterCommand = (program, ctx) => {
  withDatabaseFlags(program.command('site').description('write the static site of a release to out/releases/<N>/site/ (open index.html)'))
    .option('--release <N>', 'release to show (default: the current one)', releaseNumber)
    .addOption(declared.outDir())
    .action(async (flags: SiteFlags) => {
      const log = loggerFor(ctx)
      const settings = settingsFromFlags(ctx, flags, log)
      if (isNewEmbeddedDatabase(settings)) throw new UsageError(`there is no canon database at ${settings.dataDir}; run \`canon build\` first (or give --db)`)
      const { buildSite } = await import('../site/build-site.js')
      const db = await openCanonDatabase(settings, 'canon site')
      try {
        const site = await buildSite(db, { outDir: settings.out, ...(flags.release !== undefined ? { release: flags.release } : {}) })
        ctx.stdout(`site of release ${site.release}: ${site.dir}/index.html (${site.roles} roles, ${site.files} files)\n`)
      } finally {
        await db.destroy()
        log.close()
      }
    })
}
