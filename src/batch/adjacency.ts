// Adjacency in a build: the release a plan publishes gets every active role's neighbours and its possible
// duplicates, computed by the pure adjacency stage over all of its roles: the plan's new versions (features
// computed from their profiles) and every other role it keeps (features read as stored beside their versions).
// The same roles give the same result whichever path (full or incremental) made the plan.

import type { Kysely } from 'kysely'
import { computeAdjacency } from '../adjacency/compute-adjacency.js'
import { unresolvedDuplicates } from '../adjacency/duplicate-decisions.js'
import { adjacencyFeatures } from '../adjacency/features.js'
import type { Database } from '../db/schema.js'
import type { Decision, LoadPlan, Logger, PlannedAdjacency, PossibleDuplicate } from '../model/index.js'
import { readReleaseFeatures } from '../store/adjacency.js'
import { readVersionProfiles } from '../store/profiles.js'

/** The adjacency of the release `plan` publishes; null when it publishes none. */
export async function planAdjacency(db: Kysely<Database>, plan: LoadPlan, decisions: readonly Decision[]): Promise<PlannedAdjacency | null> {
  if (plan.release === null) return null
  const features = plan.versions.map((version) => adjacencyFeatures(version.profile))
  const stored =
    plan.baseRelease === null
      ? []
      : await readReleaseFeatures(db, plan.baseRelease, {
          exclude: [...plan.versions.map((version) => version.code), ...plan.removals.map((role) => role.code)],
          include: plan.reactivated.map((role) => role.code),
        })
  // Versions stored before their features were kept (or by older feature code): computed now, kept by the load.
  const missing = stored.filter((role) => role.features === null)
  const profiles = await readVersionProfiles(
    db,
    missing.map((role) => role.roleVersionId),
  )
  const backfill = missing.map((role) => ({ roleVersionId: role.roleVersionId, features: adjacencyFeatures(profiles.get(role.roleVersionId)!) }))
  const result = computeAdjacency([...features, ...stored.flatMap((role) => (role.features ? [role.features] : [])), ...backfill.map((row) => row.features)])
  // Pairs a person resolved (distinct, or merged) are not reported again.
  return { features, backfill, roles: result.roles, duplicates: unresolvedDuplicates(result.duplicates, decisions) }
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
