// `canon review`: writes what needs a person to one CSV file; `canon review --apply FILE` records the decisions
// a reviewer filled in (all of them or, when any row is wrong, none), for the next build to apply.

import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { migrateToLatest } from '../db/migrate.js'
import { recordDecision } from '../store/decisions.js'
import { toDecision, type DecisionFields } from '../decide/edits-file.js'
import { UsageError } from '../errors.js'
import { ExitCode } from '../exit-codes.js'
import type { DecisionInput } from '../model/index.js'
import type { ReviewDecision } from '../model/index.js'
import { formatReviewFile, parseReviewFile } from '../review/review-file.js'
import { readReviewItems } from '../store/review-items.js'
import type { RegisterCommand } from './commands.js'
import { loggerFor, type CliContext } from './context.js'
import { settingsFor, withDatabase, withDatabaseOptions, type DatabaseFlags } from './database.js'

interface ReviewFlags extends DatabaseFlags {
  out?: string
  apply?: string
  author?: string
  log?: string
}

/** The decision fields `canon decide` and edits files use, for one filled-in row. */
function decisionFields(decision: ReviewDecision, author: string | null, file: string): DecisionFields {
  const reason = decision.reason ?? `canon review ${file}, line ${decision.row}`
  if ('alias' in decision) {
    return { kind: decision.kind, roleCode: decision.roleCode, alias: decision.alias, aliasType: null, author, reason }
  }
  return { kind: decision.kind, roleCode: decision.roleCode, system: decision.system, code: decision.code, author, reason }
}

async function writeReview(ctx: CliContext, flags: ReviewFlags): Promise<void> {
  const log = loggerFor(ctx, flags.log)
  const settings = settingsFor(ctx, flags, log)
  const items = await withDatabase(settings, 'canon review', async (db) => {
    await migrateToLatest(db)
    return readReviewItems(db)
  })
  const file = path.resolve(ctx.cwd, flags.out ?? path.join(settings.out, 'review.csv'))
  await mkdir(path.dirname(file), { recursive: true })
  await writeFile(file, formatReviewFile(items))
  const byKind = new Map<string, number>()
  for (const item of items) byKind.set(item.kind, (byKind.get(item.kind) ?? 0) + 1)
  const counts = [...byKind].map(([kind, n]) => `${n} ${kind.replace(/_/g, ' ')}`).join(', ')
  ctx.stdout(
    items.length === 0
      ? `nothing needs review; wrote an empty review file to ${path.relative(ctx.cwd, file)}\n`
      : `wrote ${items.length} items to review to ${path.relative(ctx.cwd, file)} (${counts})\n` +
          `fill in the decision column, then: canon review --apply ${path.relative(ctx.cwd, file)}\n`,
  )
  ctx.exitCode = ExitCode.ok
}

async function applyReview(ctx: CliContext, flags: ReviewFlags & { apply: string }): Promise<void> {
  const log = loggerFor(ctx, flags.log)
  const file = path.resolve(ctx.cwd, flags.apply)
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new UsageError(`cannot read the review file ${flags.apply}: ${(error as Error).message}`, { cause: error })
  })
  const shown = path.relative(ctx.cwd, file)
  const { decisions, problems } = parseReviewFile(text)
  const author = flags.author ?? ctx.env.CANON_AUTHOR ?? ctx.env.USER ?? null
  const inputs: DecisionInput[] = []
  for (const decision of decisions) {
    const checked = toDecision(decisionFields(decision, author, shown), `${shown}:${decision.row}`)
    if (typeof checked === 'string') problems.push({ line: decision.row, message: checked })
    else {
      const { id: _id, ...input } = checked
      inputs.push(input as DecisionInput)
    }
  }
  if (problems.length > 0) {
    const list = problems
      .sort((a, b) => a.line - b.line)
      .map((p) => `  ${shown}:${p.line}: ${p.message}`)
      .join('\n')
    throw new UsageError(`the review file has ${problems.length} problem(s); nothing was recorded:\n${list}`)
  }
  const settings = settingsFor(ctx, flags, log)
  await withDatabase(settings, 'canon review --apply', async (db) => {
    await migrateToLatest(db)
    // All or nothing: a reviewer re-applies the whole file after fixing a row.
    await db.transaction().execute(async (trx) => {
      for (const input of inputs) await recordDecision(trx, input)
    })
  })
  ctx.stdout(
    inputs.length === 0
      ? `no decisions filled in ${shown}; nothing recorded\n`
      : `recorded ${inputs.length} decision(s) from ${shown}; the next build applies them (canon run rebuild)\n`,
  )
  ctx.exitCode = ExitCode.ok
}

export const registerReview: RegisterCommand = (program, ctx) => {
  withDatabaseOptions(
    program
      .command('review')
      .description('write the items that need a person to one CSV file; --apply FILE records the filled-in decisions'),
  )
    .option('--out <FILE>', 'where to write the review file (default: out/review.csv)')
    .option('--apply <FILE>', 'record the decisions filled in this review file')
    .option('--author <NAME>', 'who decided (default: CANON_AUTHOR or USER)')
    .option('--log <FORMAT>', 'human or json (default: human on a terminal)')
    .action(async (flags: ReviewFlags) => {
      if (flags.apply) await applyReview(ctx, { ...flags, apply: flags.apply })
      else await writeReview(ctx, flags)
    })
}
