// `canon review`: writes what needs a person to one CSV file; `canon review --apply FILE` records the decisions
// a reviewer filled in (all of them or, when any row is wrong, none), for the next build to apply.

import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { UsageError } from '../errors.js'
import { withCanonDatabase } from '../settings/database.js'
import { loggerFor, type CliContext, type RegisterCommand } from './context.js'
import { flags as declared, withDatabaseFlags, type DatabaseFlags } from './options.js'
import { settingsFromFlags } from './settings.js'

interface ReviewFlags extends DatabaseFlags {
  out?: string
  log?: 'human' | 'json'
  apply?: string
  author?: string
}

/** The flags that name the database (`--out` here is the review file, not the export folder). */
const databaseFlags = (flags: ReviewFlags): DatabaseFlags => ({ ...(flags.db ? { db: flags.db } : {}), ...(flags.dataDir ? { dataDir: flags.dataDir } : {}) })

async function writeReview(ctx: CliContext, flags: ReviewFlags): Promise<void> {
  const log = loggerFor(ctx, flags.log)
  try {
    const settings = settingsFromFlags(ctx, databaseFlags(flags), log)
    const file = path.resolve(ctx.cwd, flags.out ?? path.join(settings.out, 'review.csv'))
    // Loaded when the command runs, not when the CLI starts.
    const { writeReviewFile } = await import('../review/review-loop.js')
    const items = await withCanonDatabase(settings, 'canon review', (db) => writeReviewFile(db, file))
    const byKind = new Map<string, number>()
    for (const item of items) byKind.set(item.kind, (byKind.get(item.kind) ?? 0) + 1)
    const counts = [...byKind].map(([kind, n]) => `${n} ${kind.replace(/_/g, ' ')}`).join(', ')
    const shown = path.relative(ctx.cwd, file)
    ctx.stdout(
      items.length === 0
        ? `nothing needs review; wrote an empty review file to ${shown}\n`
        : `wrote ${items.length} items to review to ${shown} (${counts})\nfill in the decision column, then: canon review --apply ${shown}\n`,
    )
  } finally {
    log.close()
  }
}

async function applyReview(ctx: CliContext, flags: ReviewFlags & { apply: string }): Promise<void> {
  const log = loggerFor(ctx, flags.log)
  try {
    const file = path.resolve(ctx.cwd, flags.apply)
    const text = await readFile(file, 'utf8').catch((error: unknown) => {
      throw new UsageError(`cannot read the review file ${flags.apply}: ${(error as Error).message}`, { cause: error })
    })
    const shown = path.relative(ctx.cwd, file)
    const { readReviewDecisions, recordReviewDecisions } = await import('../review/review-loop.js')
    const read = readReviewDecisions(text, { file: shown, author: flags.author ?? ctx.env.CANON_AUTHOR ?? ctx.env.USER ?? null })
    if (!read.ok) {
      const list = read.problems.map((p) => `  ${shown}:${p.line}: ${p.message}`).join('\n')
      throw new UsageError(`the review file has ${read.problems.length} problem(s); nothing was recorded:\n${list}`)
    }
    const settings = settingsFromFlags(ctx, databaseFlags(flags), log)
    const result = await withCanonDatabase(settings, 'canon review --apply', (db) => recordReviewDecisions(db, read.decisions))
    if (!result.ok) {
      const list = result.problems.map((p) => `  ${shown}:${p.line}: ${p.message}`).join('\n')
      throw new UsageError(`the review file has ${result.problems.length} problem(s); nothing was recorded:\n${list}`)
    }
    const again = result.alreadyRecorded > 0 ? ` (${result.alreadyRecorded} already recorded, not recorded again)` : ''
    ctx.stdout(
      read.decisions.length === 0
        ? `no decisions filled in ${shown}; nothing recorded\n`
        : `recorded ${result.recorded} decision(s) from ${shown}${again}; the next build applies them (canon run rebuild)\n`,
    )
  } finally {
    log.close()
  }
}

export const registerReview: RegisterCommand = (program, ctx) => {
  withDatabaseFlags(program.command('review').description('write the items that need a person to one CSV file; --apply FILE records the filled-in decisions'))
    .option('--out <FILE>', 'where to write the review file (default: out/review.csv)')
    .option('--apply <FILE>', 'record the decisions filled in this review file')
    .addOption(declared.author())
    .addOption(declared.log())
    .action(async (flags: ReviewFlags) => {
      if (flags.apply) await applyReview(ctx, { ...flags, apply: flags.apply })
      else await writeReview(ctx, flags)
    })
}
