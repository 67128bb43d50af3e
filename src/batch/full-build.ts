// The full path of a build: every role (the parsed pages' and the page cache's) through the role chain,
// planned against the whole current release.

import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { Decision, Quarantined, ReferenceData, SocOccupationRow } from '../model/index.js'
import { readCachedPages } from '../store/page-cache.js'
import { getCurrentRelease, readReleaseState } from '../store/releases.js'
import { readSocOccupations } from '../store/soc-occupations.js'
import { countReviewStatus, type BuildOutcome } from './build-report.js'
import type { CollectedPages } from './collect-pages.js'
import { processRoles, type RoleChain } from './process-roles.js'

export interface FullBuildInput extends RoleChain {
  db: Kysely<Database>
  decisions: Decision[]
  fileDecisions: Decision[]
  editsProblems: Quarantined[]
  pages: CollectedPages
}

/** Every role through classify → decide → aliases → plan: the cached pages' profiles with the parsed ones. */
export async function buildInFull(input: FullBuildInput): Promise<BuildOutcome> {
  const { db, pages } = input
  const reused = await input.timed(
    'cache',
    async () => {
      const entries = await readCachedPages(db, pages.reusedPaths)
      if (input.strings) for (const entry of entries) input.strings.intern(entry)
      return entries
    },
    (r) => ({ pages: r.length }),
  )
  const profiles = [...pages.profiles, ...reused.flatMap((cached) => cached.profiles)]
  const pageProblems = [...pages.rejected, ...reused.flatMap((cached) => cached.rejected)]
  const warnings = pages.warnings.length + reused.reduce((sum, cached) => sum + cached.warnings.length, 0)
  const processed = await processRoles(input, {
    profiles,
    decisions: input.decisions,
    quarantinedBefore: [...pageProblems, ...input.editsProblems],
    planInputs: async () => {
      const current = await getCurrentRelease(db)
      return {
        base: { release: current?.number ?? null, roles: await readReleaseState(db, current?.number ?? null) },
        extras: {
          pages: pages.cacheEntries,
          droppedPages: pages.droppedPages,
          fileDecisions: input.fileDecisions,
          socOccupations: await socRowsIfChanged(db, input.reference),
        },
      }
    },
  })
  const { plan } = processed
  return {
    plan,
    quarantined: [...pageProblems, ...processed.classified.rejected, ...input.editsProblems, ...plan.rejected],
    staleDecisions: processed.staleDecisions,
    conflicts: processed.conflicts,
    aliases: { merged: processed.merged, conflicts: processed.conflicts.length },
    codes: countReviewStatus(processed.profiles),
    warnings: warnings + processed.classified.warnings.length,
    reprocessed: new Set(processed.profiles.map((profile) => profile.code)).size,
    familiesDisagreeing: processed.familiesDisagreeing.length,
  }
}

/** The reference data's SOC rows when they differ from the database's (null: nothing to write). */
async function socRowsIfChanged(db: Kysely<Database>, reference: ReferenceData): Promise<SocOccupationRow[] | null> {
  const wanted: SocOccupationRow[] = [...reference.soc.values()]
    .map((group) => ({ code: group.code, title: group.title, level: group.level, parentCode: group.parent, definition: group.definition }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
  const stored = await readSocOccupations(db)
  return JSON.stringify(stored) === JSON.stringify(wanted) ? null : wanted
}
