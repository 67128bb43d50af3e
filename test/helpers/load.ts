// Plans and applies candidates against whatever the test database holds, as a build would (without stages).

import type { CanonDb } from '../../src/db/open.js'
import { applyLoadPlan, type ApplyOptions } from '../../src/store/apply-load-plan.js'
import type { LoadPlan, RoleProfile } from '../../src/model/index.js'
import { planRelease, type PlanExtras } from '../../src/plan/plan-release.js'
import { getCurrentRelease, readReleaseState } from '../../src/store/index.js'
import { startRun } from '../../src/store/runs.js'

export async function planAgainstCurrent(db: CanonDb, candidates: RoleProfile[], extras: PlanExtras = {}): Promise<LoadPlan> {
  const current = await getCurrentRelease(db)
  const roles = await readReleaseState(db, current?.number ?? null)
  return planRelease({ release: current?.number ?? null, roles }, candidates, extras)
}

/** Plans and loads `candidates`; returns the plan and the release published (null: nothing changed). */
export async function loadProfiles(
  db: CanonDb,
  candidates: RoleProfile[],
  options: Partial<ApplyOptions> = {},
): Promise<{ plan: LoadPlan; published: number | null }> {
  const plan = await planAgainstCurrent(db, candidates)
  const runId = options.runId ?? (await startRun(db, {}, plan.baseRelease))
  const { published } = await applyLoadPlan(db, plan, { ...options, runId })
  return { plan, published }
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of items) out.push(item)
  return out
}
