// Decisions in the database: `canon decide` records one (origin 'cli'); every build also records the decisions
// it read from edits/ files (origin 'file') once each, by fingerprint, so the table is the full history.

import { createHash } from 'node:crypto'
import type { Kysely, Selectable } from 'kysely'
import type { Database, DecisionsTable } from '../db/schema.js'
import type { Decision, DecisionInput } from '../model/index.js'
import { bulkInsert } from '../db/bulk-insert.js'
import { canonicalJson } from '../plan/content-hash.js'

type DecisionRow = Selectable<DecisionsTable>

/** Identifies a file decision by what it says and which file says it (not its line: moving a row is no change). */
export function decisionFingerprint(decision: Decision): string {
  const { id, ...content } = decision
  const file = id.replace(/[:#]\d+$/, '')
  return `file:${createHash('sha256')
    .update(canonicalJson({ file, ...content }))
    .digest('hex')}`
}

/** Records a decision made on the command line; returns it with its id (`db:N`). */
export async function recordDecision(db: Kysely<Database>, decision: DecisionInput, now: Date = new Date()): Promise<Decision> {
  const row = await db
    .insertInto('decisions')
    .values({
      ...columnsOf(decision as Decision),
      decided_at: decision.decidedAt ?? now.toISOString(),
      origin: 'cli',
      source: 'canon decide',
      fingerprint: `cli:${now.getTime()}:${Math.random().toString(36).slice(2)}`,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return toDecision(row)
}

/** Decisions recorded with `canon decide`, in the order they were recorded. */
export async function readRecordedDecisions(db: Kysely<Database>): Promise<Decision[]> {
  const rows = await db.selectFrom('decisions').selectAll().where('origin', '=', 'cli').orderBy('id').execute()
  return rows.map(toDecision)
}

/**
 * Every role named by a duplicate decision (mark_distinct, merge_into: the role and the other) the table has
 * ever held, from the command line or an edits file: whose possible duplicates decisions may have hidden.
 */
export async function readDuplicateDecisionRoles(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('decisions').select(['role_code', 'code']).where('kind', 'in', ['mark_distinct', 'merge_into']).execute()
  return [...new Set(rows.flatMap((row) => (row.code === null ? [row.role_code] : [row.role_code, row.code])))]
}

/** Every decision in the table (both origins), newest first. */
export async function listDecisions(db: Kysely<Database>, limit = 100): Promise<(Decision & { origin: string; source: string })[]> {
  const rows = await db.selectFrom('decisions').selectAll().orderBy('id', 'desc').limit(limit).execute()
  return rows.map((row) => ({ ...toDecision(row), origin: row.origin, source: row.source }))
}

/** Records the file decisions not recorded before (by fingerprint); returns how many were new. */
export async function recordFileDecisions(db: Kysely<Database>, decisions: readonly Decision[]): Promise<number> {
  if (decisions.length === 0) return 0
  const byFingerprint = new Map(decisions.map((decision) => [decisionFingerprint(decision), decision]))
  const known = await db
    .selectFrom('decisions')
    .select('fingerprint')
    .where('fingerprint', 'in', [...byFingerprint.keys()])
    .execute()
  for (const row of known) byFingerprint.delete(row.fingerprint)
  const fresh = [...byFingerprint].map(([fingerprint, decision]) => ({ fingerprint, decision, columns: columnsOf(decision) }))
  await bulkInsert(
    db,
    'decisions',
    [
      { name: 'kind', type: 'text', value: (row: (typeof fresh)[number]) => row.columns.kind },
      { name: 'role_code', type: 'text', value: (row) => row.columns.role_code },
      { name: 'alias', type: 'text', value: (row) => row.columns.alias },
      { name: 'alias_type', type: 'text', value: (row) => row.columns.alias_type },
      { name: 'system', type: 'text', value: (row) => row.columns.system },
      { name: 'code', type: 'text', value: (row) => row.columns.code },
      { name: 'status', type: 'text', value: (row) => row.columns.status },
      { name: 'author', type: 'text', value: (row) => row.columns.author },
      { name: 'reason', type: 'text', value: (row) => row.columns.reason },
      // A file row without a date is dated when first recorded.
      { name: 'decided_at', type: 'text', value: (row) => row.decision.decidedAt ?? new Date().toISOString() },
      { name: 'origin', type: 'text', value: () => 'file' },
      { name: 'source', type: 'text', value: (row) => row.decision.id },
      { name: 'fingerprint', type: 'text', value: (row) => row.fingerprint },
    ],
    fresh,
    { casts: { decided_at: 'timestamptz' } },
  )
  return fresh.length
}

function columnsOf(decision: Decision) {
  return {
    kind: decision.kind,
    role_code: decision.roleCode,
    alias: 'alias' in decision ? decision.alias : null,
    alias_type: 'aliasType' in decision ? decision.aliasType : null,
    system: 'system' in decision ? decision.system : null,
    code: 'code' in decision ? decision.code : 'otherCode' in decision ? decision.otherCode : null,
    status: 'status' in decision ? decision.status : null,
    author: decision.author,
    reason: decision.reason,
  }
}

function toDecision(row: DecisionRow): Decision {
  const base = { id: `db:${row.id}`, roleCode: row.role_code, author: row.author, reason: row.reason, decidedAt: new Date(row.decided_at).toISOString() }
  switch (row.kind) {
    case 'approve_alias':
    case 'reject_alias':
    case 'add_alias':
      return { ...base, kind: row.kind, alias: row.alias ?? '', aliasType: row.alias_type }
    case 'accept_code':
    case 'override_code':
    case 'reject_code':
      return { ...base, kind: row.kind, system: row.system ?? 'SOC2018', code: row.code ?? '' }
    case 'mark_distinct':
    case 'merge_into':
      return { ...base, kind: row.kind, otherCode: row.code ?? '' }
    default:
      return { ...base, kind: 'set_status', status: row.status ?? '' }
  }
}
