// Adjacency in a build: the release a plan publishes gets every active role's neighbours and its possible
// duplicates, as the pure adjacency stage computes them over all of its roles: the plan's new versions (features
// computed from their profiles) and every other role it keeps (features read as stored beside their versions).
// When the base release's adjacency was computed by this code, only the roles a change reaches are computed
// again (updateAdjacency: the changed roles and those sharing a block with them); every other role keeps its
// list and the duplicate pairs among such roles stand. The same roles give the same result whichever path (full
// or incremental) made the plan, and whether the lists were computed in full or updated.

import type { Kysely } from 'kysely'
import { computeAdjacency, updateAdjacency } from '../adjacency/compute-adjacency.js'
import { unresolvedDuplicates } from '../adjacency/duplicate-decisions.js'
import { adjacencyFeatures } from '../adjacency/features.js'
import { compareCodes } from '../common/code-order.js'
import type { Database } from '../db/schema.js'
import type { AdjacencyFeatures, Decision, LoadPlan, Logger, PlannedAdjacency, PossibleDuplicate } from '../model/index.js'
import { hasReleaseAdjacency, readReleaseDuplicates, readReleaseFeatures } from '../store/adjacency.js'
import { readDuplicateDecisionRoles } from '../store/decisions.js'
import { readVersionProfiles } from '../store/profiles.js'
import { releaseCodeVersion } from '../store/runs.js'

/** Past this share of the release's roles changed, the lists are computed in full rather than updated. */
const UPDATE_MAX_CHANGED_SHARE = 0.2

/**
 * The adjacency of the release `plan` publishes; null when it publishes none. `codeVersion`: this build's code,
 * which must be the code that computed the base release's adjacency for its lists to be kept.
 */
export async function planAdjacency(
  db: Kysely<Database>,
  plan: LoadPlan,
  decisions: readonly Decision[],
  codeVersion: string | null = null,
): Promise<PlannedAdjacency | null> {
  if (plan.release === null) return null
  const features = plan.versions.map((version) => adjacencyFeatures(version.profile))
  if (plan.baseRelease === null) {
    const result = computeAdjacency(features)
    return { features, backfill: [], roles: result.roles, duplicates: unresolvedDuplicates(result.duplicates, decisions) }
  }
  const base = plan.baseRelease
  const reactivated = new Set(plan.reactivated.map((role) => role.code))
  const stored = await readReleaseFeatures(db, base, { exclude: [], include: [...reactivated] })
  const replaced = new Set([...plan.versions.map((version) => version.code), ...plan.removals.map((role) => role.code)])
  const kept = stored.filter((role) => !replaced.has(role.code))
  const changes = plan.versions.length + plan.removals.length + plan.reactivated.length
  const updatable =
    codeVersion !== null &&
    stored.every((role) => role.features !== null) &&
    changes <= Math.max(1, stored.length * UPDATE_MAX_CHANGED_SHARE) &&
    (await releaseCodeVersion(db, base)) === codeVersion &&
    (await hasReleaseAdjacency(db, base))
  if (updatable) {
    const before = stored.filter((role) => !reactivated.has(role.code)).map((role) => role.features!)
    const after = [...features, ...kept.map((role) => role.features!)]
    return updateFromBase(db, base, features, before, after, plan, decisions)
  }
  // Versions stored before their features were kept (or by older feature code): computed now, kept by the load.
  const missing = kept.filter((role) => role.features === null)
  const profiles = await readVersionProfiles(
    db,
    missing.map((role) => role.roleVersionId),
  )
  const backfill = missing.map((role) => ({ roleVersionId: role.roleVersionId, features: adjacencyFeatures(profiles.get(role.roleVersionId)!) }))
  const result = computeAdjacency([...features, ...kept.flatMap((role) => (role.features ? [role.features] : [])), ...backfill.map((row) => row.features)])
  // Pairs a person resolved (distinct, or merged) are not reported again.
  return { features, backfill, roles: result.roles, duplicates: unresolvedDuplicates(result.duplicates, decisions) }
}

/**
 * The adjacency of `after` from the base release's: the lists of the roles the change reaches computed again,
 * and of the plan's roles (a new version, or back from removal: their rows are written anew). Duplicate pairs a
 * decision names, now or ever, are found again too: the base release's pairs are those its decisions left.
 */
async function updateFromBase(
  db: Kysely<Database>,
  base: number,
  features: AdjacencyFeatures[],
  before: readonly AdjacencyFeatures[],
  after: readonly AdjacencyFeatures[],
  plan: LoadPlan,
  decisions: readonly Decision[],
): Promise<PlannedAdjacency> {
  const decided = new Set(await readDuplicateDecisionRoles(db))
  for (const decision of decisions) {
    if (decision.kind === 'mark_distinct' || decision.kind === 'merge_into') decided.add(decision.roleCode).add(decision.otherCode)
  }
  const also = [...plan.versions.map((version) => version.code), ...plan.reactivated.map((role) => role.code), ...decided]
  const update = updateAdjacency(before, after, also)
  const present = new Set(after.map((role) => role.code))
  const stands = (code: string) => present.has(code) && !update.affected.has(code)
  const standing = (await readReleaseDuplicates(db, base)).filter((pair) => stands(pair.codes[0]) && stands(pair.codes[1]))
  const duplicates: PossibleDuplicate[] = [...standing, ...unresolvedDuplicates(update.duplicates, decisions)].sort(
    (a, b) => compareCodes(a.codes[0], b.codes[0]) || compareCodes(a.codes[1], b.codes[1]),
  )
  const gone = before.filter((role) => !present.has(role.code)).map((role) => role.code)
  return { features, backfill: [], roles: update.roles, duplicates, unchangedFrom: { from: base, gone } }
}

/** Logs each possible duplicate: a review item until a person decides (`canon review`). */
export function logDuplicates(logger: Logger, duplicates: readonly PossibleDuplicate[]): void {
  for (const pair of duplicates) {
    logger.info(`possible duplicate roles ${pair.codes[0]} and ${pair.codes[1]} (${pair.reason}, distance ${pair.distance}): canon review lists them`, {
      codes: pair.codes.join(' '),
      reason: pair.reason,
    })
  }
}
