// The review loop's two steps over the database: write what needs a person to one CSV file, and record the
// decisions a reviewer filled in (all of them or, when any row is wrong, none) for the next build to apply.

import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Kysely } from 'kysely'
import { migrateToLatest } from '../db/migrate.js'
import type { Database } from '../db/schema.js'
import { toDecision, type DecisionFields } from '../decide/edits-file.js'
import type { DecisionInput, ReviewDecision, ReviewItem, ReviewProblem } from '../model/index.js'
import { recordDecision } from '../store/decisions.js'
import { readReviewItems } from '../store/review-items.js'
import { formatReviewFile, parseReviewFile } from './review-file.js'

/** Writes every item that needs a reviewer to `file`; returns the items written. */
export async function writeReviewFile(db: Kysely<Database>, file: string): Promise<ReviewItem[]> {
  await migrateToLatest(db)
  const items = await readReviewItems(db)
  await mkdir(path.dirname(file), { recursive: true })
  await writeFile(file, formatReviewFile(items))
  return items
}

/** The decisions a filled-in review file holds, or every problem with its line when any row is wrong. Pure. */
export function readReviewDecisions(
  text: string,
  options: { file: string; author: string | null },
): { ok: true; decisions: DecisionInput[] } | { ok: false; problems: ReviewProblem[] } {
  const { decisions, problems } = parseReviewFile(text)
  const inputs: DecisionInput[] = []
  for (const decision of decisions) {
    const checked = toDecision(decisionFields(decision, options.author, options.file), `${options.file}:${decision.row}`)
    if (typeof checked === 'string') problems.push({ line: decision.row, message: checked })
    else {
      const { id: _id, ...input } = checked
      inputs.push(input as DecisionInput)
    }
  }
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => a.line - b.line) }
  return { ok: true, decisions: inputs }
}

/** Records reviewed decisions in one transaction: all of them, or none if one fails. */
export async function recordReviewDecisions(db: Kysely<Database>, decisions: readonly DecisionInput[]): Promise<void> {
  await migrateToLatest(db)
  await db.transaction().execute(async (trx) => {
    for (const input of decisions) await recordDecision(trx, input)
  })
}

/** The decision fields `canon decide` and edits files use, for one filled-in row. */
function decisionFields(decision: ReviewDecision, author: string | null, file: string): DecisionFields {
  const reason = decision.reason ?? `canon review ${file}, line ${decision.row}`
  if ('alias' in decision) {
    return { kind: decision.kind, roleCode: decision.roleCode, alias: decision.alias, aliasType: null, author, reason }
  }
  return { kind: decision.kind, roleCode: decision.roleCode, system: decision.system, code: decision.code, author, reason }
}
