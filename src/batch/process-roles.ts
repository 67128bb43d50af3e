// Role processing: the one chain every build runs its roles through, whichever path it took (every role, or
// the roles an incremental rebuild reaches): classify → decide (codes) → aliases (with alias decisions) →
// decide (status) → plan. No database here: the plan's base comes in from the caller.

import { applyCodeDecisions, applyStatusDecisions, staleFromAliases, toAliasDecisions, type CodeTitle } from '../decide/apply-decisions.js'
import { type FamilyDisagreement, familyDisagreements } from '../classify/role-families.js'
import type { AliasConflict, ClassificationCache, Decision, LoadPlan, Logger, Quarantined, ReferenceData, RoleProfile, StaleDecision } from '../model/index.js'
import { planRelease, type PlanBase, type PlanExtras } from '../plan/plan-release.js'
import { collectGarbage, WORTH_COLLECTING } from './collect-garbage.js'
import type { StringTable } from './intern-strings.js'
import type { BuildStages, ClassifyStageResult } from './stages.js'

/** Runs one stage of a build, recording its duration and counts in the build's stage reports. */
export type Timed = <T>(stage: string, work: () => Promise<T> | T, counts: (result: T) => Record<string, number>) => Promise<T>

/** What the chain needs besides the roles: the stages, the reference data and how to time and log. */
export interface RoleChain {
  stages: BuildStages
  logger: Logger
  timed: Timed
  reference: ReferenceData
  /** Where classifications are reused from and kept (none for a dry run, which writes nothing). */
  classificationCache: { cache: ClassificationCache; referenceVersion: string } | undefined
  codeTitles: CodeTitle
  /** Where the roles' strings are interned: classification rows come from workers or the cache, every string a copy. */
  strings?: StringTable
}

export interface RoleChainInput {
  profiles: RoleProfile[]
  /** The decisions on these roles (files and database). */
  decisions: readonly Decision[]
  /** Stale decisions found earlier about roles outside this chain (an incremental rebuild's others). */
  staleBefore?: readonly StaleDecision[]
  /**
   * Roles taken as they are stored (classified and decided before): they join at the aliases stage and are
   * planned, no decision applied again (an incremental rebuild's roles sharing a key with a changed role).
   */
  coded?: readonly RoleProfile[]
  /** Roles that join the aliases stage for their claims only: not returned, not planned. */
  context?: readonly RoleProfile[]
  /** Pages set aside before classification: their roles are held at their current version. */
  quarantinedBefore?: readonly Quarantined[]
  /** The release to plan against, and the rest of the plan's inputs; read when planning starts. */
  planInputs: () => Promise<{ base: PlanBase; extras: Omit<PlanExtras, 'staleDecisions' | 'quarantinedPaths'> }>
}

export interface ProcessedRoles {
  plan: LoadPlan
  classified: ClassifyStageResult
  /** The roles as planned: classified, decided, aliases scored. */
  profiles: RoleProfile[]
  staleDecisions: StaleDecision[]
  conflicts: readonly AliasConflict[]
  merged: number
  /** Role families whose levels disagree on the SOC code after decisions (each also logged as a warning). */
  familiesDisagreeing: FamilyDisagreement[]
}

/** Takes roles through classify → decide → aliases → decide → plan. */
export async function processRoles(chain: RoleChain, input: RoleChainInput): Promise<ProcessedRoles> {
  const { stages, timed, reference, decisions } = { ...chain, decisions: input.decisions }
  const classified = await timed(
    'classify',
    () => stages.classifyRoles(input.profiles, reference, chain.logger, chain.classificationCache, chain.strings),
    (r) => ({ roles: r.ok.length, reused: r.reused ?? 0, quarantined: r.rejected.length }),
  )
  if (chain.strings) for (const role of classified.ok) chain.strings.intern(role.classifications)
  // Scoring's garbage (the roles' copies, the workers' answers) goes before aliases and plan grow.
  if (classified.ok.length - (classified.reused ?? 0) >= WORTH_COLLECTING) collectGarbage()
  const coded = await timed(
    'decide',
    () => applyCodeDecisions(classified.ok, decisions, chain.codeTitles),
    (r) => ({ decisions: decisions.length, stale: r.stale.length }),
  )
  // Levels of one role family should share a code (classify decides once per family): report those that do not.
  const familiesDisagreeing = familyDisagreements(coded.profiles)
  for (const family of familiesDisagreeing) {
    const codes = family.codes.map((c) => `${c.code}${c.decided ? ' (decided)' : ''}: ${c.levels.join(', ')}`).join('; ')
    const where = family.pages > 1 ? `${family.file} and ${family.pages - 1} more page${family.pages > 2 ? 's' : ''} of its folder` : family.file
    chain.logger.warn(`role family "${family.title}" in ${where}: levels disagree on the SOC code (${codes})`, { file: family.file })
  }
  const { aliasDecisions, sources } = toAliasDecisions(decisions)
  const planned = [...coded.profiles, ...(input.coded ?? [])]
  const aliased = await timed(
    'aliases',
    () => stages.scoreAliases([...planned, ...(input.context ?? [])], reference, aliasDecisions),
    (r) => ({ roles: r.roles.length, merged: r.merged, conflicts: r.conflicts.length }),
  )
  // Alias keys and variants are made per role from the same titles: one copy of each.
  if (chain.strings) for (let i = 0; i < planned.length; i++) chain.strings.intern(aliased.roles[i]!.aliases)
  const statused = applyStatusDecisions(aliased.roles.slice(0, planned.length), decisions)
  const staleDecisions = [...(input.staleBefore ?? []), ...coded.stale, ...staleFromAliases(aliased.staleDecisions, aliasDecisions, sources), ...statused.stale]
  const setAside = [...(input.quarantinedBefore ?? []), ...classified.rejected]
  const plan = await timed(
    'plan',
    async () => {
      const { base, extras } = await input.planInputs()
      return planRelease(base, statused.profiles, {
        ...extras,
        ...(input.quarantinedBefore ? { quarantinedPaths: new Set(setAside.map((item) => item.file)) } : {}),
        staleDecisions,
      })
    },
    (p) => ({ versions: p.versions.length, removals: p.removals.length, unchanged: p.unchanged }),
  )
  return { plan, classified, profiles: statused.profiles, staleDecisions, conflicts: aliased.conflicts, merged: aliased.merged, familiesDisagreeing }
}
