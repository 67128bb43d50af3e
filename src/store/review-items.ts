// Gathers what needs a person from the database: codes needing review and alias conflicts in the current
// release, low-confidence aliases, the last build's stale decisions and quarantined pages.

import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { Decision, ReviewItem, StaleDecision } from '../model/index.js'
import { unresolvedDuplicates } from '../adjacency/duplicate-decisions.js'
import { readReleaseDuplicates } from './adjacency.js'
import { listDecisions } from './decisions.js'
import { getCurrentRelease } from './releases.js'
import { listQuarantine } from './runs.js'

/** Builds that finished and recorded their stale decisions and quarantine (dry runs and failures did not). */
const finishedStatuses = ['published', 'unchanged', 'partial'] as const

/** Every item of the current release and the last finished build that needs a reviewer. */
export async function readReviewItems(db: Kysely<Database>): Promise<ReviewItem[]> {
  const current = await getCurrentRelease(db)
  // Concatenated, not pushed as spread arguments: a large canon has more items than a call takes arguments
  // (112,846 codes needing review at 40,000 pages overflowed the stack).
  const items: ReviewItem[] = current
    ? [...(await codesNeedingReview(db, current.number)), ...(await aliasItems(db, current.number)), ...(await duplicateItems(db, current.number))]
    : []
  const lastRun = await db
    .selectFrom('runs')
    .select(['id', 'stale_decisions'])
    .where('status', 'in', [...finishedStatuses])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (lastRun) {
    for (const stale of (lastRun.stale_decisions ?? []) as StaleDecision[]) {
      items.push({
        kind: 'stale_decision',
        roleCode: stale.decision.roleCode,
        roleTitle: null,
        subject: describeDecision(stale.decision),
        detail: `${stale.reason} (decision ${stale.decision.id} by ${stale.decision.author})`,
        confidence: null,
      })
    }
    for (const q of await listQuarantine(db, lastRun.id)) {
      items.push({ kind: 'quarantined_page', roleCode: null, roleTitle: null, subject: q.file, detail: `${q.stage}: ${q.message}`, confidence: null })
    }
  }
  return items
}

async function codesNeedingReview(db: Kysely<Database>, release: number): Promise<ReviewItem[]> {
  const rows = await db
    .selectFrom('release_roles as rr')
    .innerJoin('role_versions as rv', 'rv.id', 'rr.role_version_id')
    .innerJoin('classifications as c', 'c.role_version_id', 'rv.id')
    .select(['rv.role_code', 'rv.title as role_title', 'c.system', 'c.code', 'c.title', 'c.confidence', 'c.source', 'c.evidence'])
    .where('rr.release_number', '=', release)
    .where('rr.state', '=', 'active')
    .where('c.review_status', '=', 'needs_review')
    .execute()
  return rows.map((row) => ({
    kind: 'code_needs_review' as const,
    roleCode: row.role_code,
    roleTitle: row.role_title,
    subject: `${row.system} ${row.code}`,
    detail: [`${row.title} (${row.source})`, ...row.evidence].join('; '),
    confidence: row.confidence,
    system: row.system,
    code: row.code,
  }))
}

async function aliasItems(db: Kysely<Database>, release: number): Promise<ReviewItem[]> {
  const rows = await db
    .selectFrom('release_roles as rr')
    .innerJoin('role_versions as rv', 'rv.id', 'rr.role_version_id')
    .innerJoin('aliases as a', 'a.role_version_id', 'rv.id')
    .select([
      'rv.role_code',
      'rv.title as role_title',
      'a.key',
      'a.text',
      'a.band',
      'a.confidence',
      'a.approved',
      // Every role of the release that claims the same key: more than one is a conflict.
      sql<string[]>`array_agg(rv.role_code) over (partition by a.key)`.as('claimants'),
    ])
    .where('rr.release_number', '=', release)
    .where('rr.state', '=', 'active')
    .execute()
  const items: ReviewItem[] = []
  for (const row of rows) {
    if (row.approved) continue
    const others = [...new Set(row.claimants)].filter((code) => code !== row.role_code).sort()
    if (others.length > 0) {
      items.push({
        kind: 'alias_conflict',
        roleCode: row.role_code,
        roleTitle: row.role_title,
        subject: row.text,
        detail: `key "${row.key}" also claimed by ${others.join(', ')}; approve it for the role that owns it`,
        confidence: row.confidence,
      })
    } else if (row.band === 'low') {
      items.push({
        kind: 'alias_low_confidence',
        roleCode: row.role_code,
        roleTitle: row.role_title,
        subject: row.text,
        detail: `band low (key "${row.key}")`,
        confidence: row.confidence,
      })
    }
  }
  return items
}

/** The release's possible duplicates that no recorded decision resolves, one item per pair (on its first code). */
async function duplicateItems(db: Kysely<Database>, release: number): Promise<ReviewItem[]> {
  const decisions = (await listDecisions(db, 100_000)).filter((decision) => decision.kind === 'mark_distinct' || decision.kind === 'merge_into')
  return unresolvedDuplicates(await readReleaseDuplicates(db, release), decisions).map((pair) => ({
    kind: 'possible_duplicate' as const,
    roleCode: pair.codes[0],
    roleTitle: pair.titles[0],
    subject: pair.codes[1],
    detail:
      `${pair.titles[1]} (${pair.codes[1]}): ${pair.reason}, distance ${pair.distance}; ` +
      `canon decide distinct ${pair.codes[0]} ${pair.codes[1]}, or canon decide merge ${pair.codes[0]} ${pair.codes[1]} (or the other way round)`,
    confidence: null,
  }))
}

function describeDecision(decision: Decision): string {
  if ('alias' in decision) return `${decision.kind} ${decision.alias}`
  if ('system' in decision) return `${decision.kind} ${decision.system} ${decision.code}`
  if ('otherCode' in decision) return `${decision.kind} ${decision.otherCode}`
  return `${decision.kind} ${decision.status}`
}
