// The review loop's two steps over the database: write what needs a person to one CSV file, and record the
// decisions a reviewer filled in (all of them or, when any row is wrong, none) for the next build to apply.

import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Kysely } from 'kysely'
import { migrateToLatest } from '../db/migrate.js'
import type { Database } from '../db/schema.js'
import { toDecision, type DecisionFields } from '../decide/edits-file.js'
import type { Decision, DecisionInput, ReviewDecision, ReviewItem, ReviewProblem } from '../model/index.js'
import { readRecordedDecisions, recordDecision } from '../store/decisions.js'
import { readReviewItems } from '../store/review-items.js'
import { formatReviewFile, parseReviewFile, reviewItemId } from './review-file.js'

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
): { ok: true; decisions: ReviewedInput[] } | { ok: false; problems: ReviewProblem[] } {
  const { decisions, problems } = parseReviewFile(text)
  const inputs: ReviewedInput[] = []
  for (const decision of decisions) {
    const checked = toDecision(decisionFields(decision, options.author, options.file), `${options.file}:${decision.row}`)
    if (typeof checked === 'string') problems.push({ line: decision.row, message: checked })
    else {
      const { id: _id, ...input } = checked
      inputs.push({ ...(input as DecisionInput), row: decision.row, item: decision.item ?? '' })
    }
  }
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => a.line - b.line) }
  return { ok: true, decisions: inputs }
}

/** A reviewed decision with the row it came from and the item it answers. */
export type ReviewedInput = DecisionInput & { row: number; item: string }

/**
 * Records reviewed decisions in one transaction: all of them, or none. A decision already recorded (the same
 * kind, role and alias or code: the file applied twice) is not recorded again; a decision for an item canon is
 * not offering (never was, or no longer) rejects the file with its line.
 */
export async function recordReviewDecisions(
  db: Kysely<Database>,
  decisions: readonly ReviewedInput[],
): Promise<{ ok: true; recorded: number; alreadyRecorded: number } | { ok: false; problems: ReviewProblem[] }> {
  await migrateToLatest(db)
  const known = new Set((await readRecordedDecisions(db)).map(sameDecisionKey))
  const open = new Set((await readReviewItems(db)).map(reviewItemId))
  const fresh: ReviewedInput[] = []
  const problems: ReviewProblem[] = []
  for (const decision of decisions) {
    if (known.has(sameDecisionKey(decision))) continue
    if (!open.has(decision.item)) {
      problems.push({ line: decision.row, message: `item "${decision.item}" is not one canon offers for review now; write a new file with canon review` })
      continue
    }
    known.add(sameDecisionKey(decision))
    fresh.push(decision)
  }
  if (problems.length > 0) return { ok: false, problems }
  await db.transaction().execute(async (trx) => {
    for (const { row: _row, item: _item, ...input } of fresh) await recordDecision(trx, input as DecisionInput)
  })
  return { ok: true, recorded: fresh.length, alreadyRecorded: decisions.length - fresh.length }
}

/** What makes two decisions the same decision, whoever recorded them and why. */
function sameDecisionKey(decision: DecisionInput | Decision): string {
  const d = decision as Partial<Record<'alias' | 'system' | 'code' | 'status', string | null>> & { kind: string; roleCode: string }
  return JSON.stringify([d.kind, d.roleCode, d.alias ?? null, d.system ?? null, d.code ?? null, d.status ?? null])
}

/** The decision fields `canon decide` and edits files use, for one filled-in row. */
function decisionFields(decision: ReviewDecision, author: string | null, file: string): DecisionFields {
  const reason = decision.reason ?? `canon review ${file}, line ${decision.row}`
  if ('alias' in decision) {
    return { kind: decision.kind, roleCode: decision.roleCode, alias: decision.alias, aliasType: null, author, reason }
  }
  return { kind: decision.kind, roleCode: decision.roleCode, system: decision.system, code: decision.code, author, reason }
}
