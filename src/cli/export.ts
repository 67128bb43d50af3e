// `canon export`: writes a release (or a delta) as CSV sets for HRIS import. A thin shell: flags and
// environment are resolved here, the work is `exportRelease`.

import { Option } from 'commander'
import { UsageError } from '../errors.js'
import { ExitCode } from '../exit-codes.js'
import { exportProfiles, findExportProfile } from '../export/profiles/index.js'
import type { ExportMode, LineEnding } from '../model/index.js'
import { isNewEmbeddedDatabase, openCanonDatabase } from '../settings/database.js'
import { loggerFor, type RegisterCommand } from './context.js'
import { flags as declared, releaseNumber, withDatabaseFlags, type DatabaseFlags } from './options.js'
import { settingsFromFlags } from './settings.js'

interface ExportFlags extends DatabaseFlags {
  release?: number
  profile: string[]
  since?: number
  out?: string
  mode?: ExportMode
  eol: LineEnding
  bom?: boolean
  effectiveDate?: string
  includeUnreviewed?: boolean
  log?: 'human' | 'json'
}

const collectProfiles = (value: string, previous: string[]): string[] => [
  ...previous,
  ...value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== ''),
]

export const registerExport: RegisterCommand = (program, ctx) => {
  withDatabaseFlags(program.command('export').description('write a release as CSV sets for HRIS import: out/releases/<N>/<profile>/ with manifest.json'))
    .option('--release <N>', 'release to export (default: the current one)', releaseNumber)
    .option(
      '--profile <NAME>',
      `profile to write, repeatable or comma-separated (default: all of ${exportProfiles.map((p) => p.name).join(', ')})`,
      collectProfiles,
      [],
    )
    .option('--since <M>', 'delta export: only roles added, changed or removed since release M, with a change column', releaseNumber)
    .addOption(declared.outDir())
    .addOption(
      new Option('--mode <MODE>', 'spreadsheet: neutralise formula-looking cells; import: values verbatim (default per profile)').choices([
        'spreadsheet',
        'import',
      ]),
    )
    .addOption(new Option('--eol <EOL>', 'line ending').choices(['crlf', 'lf']).default('crlf'))
    .option('--bom', 'start every file with a UTF-8 byte-order mark (Excel); a usage error for successfactors and oracle-hdl, which reject it')
    .option('--effective-date <YYYY-MM-DD>', 'date the HRIS rows take effect (default: 1900-01-01 for release 1, else the publication date)')
    .option('--include-unreviewed', 'send needs_review classification codes to the HRIS files too (default: held back and listed)')
    .addOption(declared.log())
    .action(async (flags: ExportFlags) => {
      const log = loggerFor(ctx, flags.log)
      const profiles = flags.profile.length === 0 ? undefined : [...new Set(flags.profile)].map(findExportProfile)
      const settings = settingsFromFlags(ctx, flags, log)
      if (isNewEmbeddedDatabase(settings)) {
        throw new UsageError(`there is no canon database at ${settings.dataDir}; run \`canon build\` first (or give --db)`)
      }
      // Each command loads its own work when it runs: the CLI's start-up loads no other command's modules.
      const { exportRelease, heldBackTotal, throwIfExportFailed } = await import('../export/export-release.js')
      const db = await openCanonDatabase(settings, 'canon export')
      try {
        const result = await exportRelease(db, {
          outDir: settings.out,
          release: flags.release,
          since: flags.since ?? null,
          profiles,
          mode: flags.mode,
          eol: flags.eol,
          bom: flags.bom ?? false,
          effectiveDate: flags.effectiveDate ?? null,
          includeUnreviewed: flags.includeUnreviewed ?? false,
          log,
        })
        for (const outcome of result.outcomes) {
          if (!outcome.ok) continue
          const rows = outcome.manifest.files.reduce((sum, file) => sum + file.rows, 0)
          const held = outcome.manifest.heldBackCodes
          const heldText = held
            ? `, ${heldBackTotal(held)} codes held back (${
                Object.entries(held)
                  .map(([reason, n]) => `${n} ${reason}`)
                  .join(', ') || 'none'
              })`
            : ''
          ctx.stdout(`${outcome.profile}: ${outcome.dir} (${outcome.manifest.files.length} files, ${rows} rows, ${outcome.manifest.mode} mode${heldText})\n`)
          // Roles whose values do not fit are left out of that profile alone: listed, and the export is partial.
          for (const v of outcome.manifest.heldBackRoles ?? []) {
            ctx.stderr(`${outcome.profile}: held back ${v.roleCode}: ${v.file} ${v.column} is ${v.length} characters (limit ${v.maxLength})\n`)
            ctx.exitCode = ExitCode.partial
          }
        }
        throwIfExportFailed(result)
      } finally {
        await db.destroy()
        log.close()
      }
    })
}
