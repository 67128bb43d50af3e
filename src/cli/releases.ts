// `canon releases` and `canon runs`: the history, with counts and status; `--json` for machines.

import { loggerFor, type RegisterCommand } from './context.js'
import { withCanonDatabase } from '../settings/database.js'
import { flags as declared, wholeNumber, withDatabaseFlags, type DatabaseFlags } from './options.js'
import { settingsFromFlags } from './settings.js'
import { formatTable } from './table.js'

export const registerReleases: RegisterCommand = (program, ctx) => {
  withDatabaseFlags(program.command('releases').description('list releases, newest first, with what each changed'))
    .addOption(declared.json())
    .action(async (flags: DatabaseFlags & { json?: boolean }) => {
      const settings = settingsFromFlags(ctx, flags, loggerFor(ctx))
      const { listReleases } = await import('../store/releases.js')
      const releases = await withCanonDatabase(settings, 'canon releases', (db) => listReleases(db))
      if (flags.json) return void ctx.stdout(`${JSON.stringify(releases, null, 2)}\n`)
      if (releases.length === 0) return void ctx.stdout('no releases yet; run `canon build`\n')
      ctx.stdout(
        formatTable(
          ['release', 'published', 'run', 'active', 'removed', 'added', 'changed', 'newly removed', 'unchanged'],
          releases.map((r) => [
            `${r.number}${r.isCurrent ? ' (current)' : ''}`,
            r.createdAt.replace('T', ' ').slice(0, 19),
            r.runId,
            r.activeCount,
            r.removedCount,
            r.addedCount,
            r.changedCount,
            r.newlyRemovedCount,
            r.unchangedCount,
          ]),
        ),
      )
    })
}

export const registerRuns: RegisterCommand = (program, ctx) => {
  withDatabaseFlags(program.command('runs').description('list build runs, newest first: status, counts, stale decisions, errors'))
    .option('--limit <N>', 'how many runs (default 20)', wholeNumber(1), 20)
    .addOption(declared.json())
    .action(async (flags: DatabaseFlags & { json?: boolean; limit: number }) => {
      const settings = settingsFromFlags(ctx, flags, loggerFor(ctx))
      const { listRuns } = await import('../store/runs.js')
      const runs = await withCanonDatabase(settings, 'canon runs', (db) => listRuns(db, flags.limit))
      if (flags.json) return void ctx.stdout(`${JSON.stringify(runs, null, 2)}\n`)
      if (runs.length === 0) return void ctx.stdout('no runs yet; run `canon build`\n')
      ctx.stdout(
        formatTable(
          ['run', 'started', 'seconds', 'status', 'release', 'pages parsed/seen', 'added', 'changed', 'removed', 'quarantined', 'stale', 'error'],
          runs.map((run) => [
            run.id,
            run.startedAt.replace('T', ' ').slice(0, 19),
            run.finishedAt ? ((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000).toFixed(1) : '',
            run.status,
            run.release ?? (run.status === 'unchanged' ? `${run.baseRelease ?? ''} (kept)` : ''),
            run.counts['pagesSeen'] === undefined ? '' : `${run.counts['pagesParsed']}/${run.counts['pagesSeen']}`,
            run.counts['rolesAdded'] ?? '',
            run.counts['rolesChanged'] ?? '',
            run.counts['rolesRemoved'] ?? '',
            run.quarantined,
            run.staleDecisions.length,
            run.error ?? '',
          ]),
        ),
      )
    })
}
