// Exports a release from the database: the thin shell over the pure export core. Reads the release's roles
// through the store (streamed in code order), writes every requested profile in one pass, and moves
// out/latest when the current release was exported in full.

import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { UsageError } from '../errors.js'
import type { ExportMode, ExportRole, ExportSummary, LineEnding, Logger, ReleaseInfo, ReleaseProfile, ReleaseSnapshot } from '../model/index.js'
import { getCurrentRelease, getRelease } from '../store/releases.js'
import { readReleaseProfiles } from '../store/profiles.js'
import { readDeltaRoles } from './delta.js'
import { ExportValidationError } from './export-error.js'
import { pointLatest } from './latest.js'
import { readAhead } from './read-ahead.js'
import type { ExportProfile } from './profile.js'
import { exportProfiles } from './profiles/index.js'
import { exportTargets } from './targets.js'
import { writeExport, type ExportOutcome } from './write-export.js'

export interface ExportReleaseOptions {
  /** Folder holding `releases/` and `latest` (usually `out`). */
  outDir: string
  /** Release to export; the current one when absent. */
  release?: number | undefined
  /** Write only what changed since this release (a delta export). */
  since?: number | null | undefined
  /** Profiles to write; all of them when absent. */
  profiles?: readonly ExportProfile[] | undefined
  /** Overrides each profile's default mode. */
  mode?: ExportMode | undefined
  eol?: LineEnding | undefined
  bom?: boolean | undefined
  now?: () => Date
  log?: Logger
}

export interface ExportReleaseResult {
  release: number
  since: number | null
  outcomes: ExportOutcome[]
  /** Whether out/latest now points at this release (a full export of the current release). */
  latest: boolean
}

/** The date HRIS rows take effect: the day (UTC) the release was published. */
export const effectiveDateOf = (createdAt: string): string => createdAt.slice(0, 10)

/** Writes the release's CSV sets; a role whose values do not fit a profile is held back from that profile alone. */
export async function exportRelease(db: Kysely<Database>, options: ExportReleaseOptions): Promise<ExportReleaseResult> {
  const info = await resolveRelease(db, options.release)
  const since = options.since ?? null
  if (since !== null) {
    if (since >= info.number) {
      throw new UsageError(`--since ${since}: a delta compares with an earlier release; release ${info.number} is being exported`)
    }
    if (!(await getRelease(db, since))) throw new UsageError(`--since ${since}: there is no release ${since}`)
  }
  const snapshot: ReleaseSnapshot = { release: info.number, createdAt: info.createdAt, effectiveDate: effectiveDateOf(info.createdAt) }
  const roles = since === null ? releaseRoles(db, info.number) : readAhead(readDeltaRoles(db, since, info.number), rolesReadAhead)
  const targets = exportTargets({ outDir: options.outDir, release: info.number, since, profiles: options.profiles ?? exportProfiles, mode: options.mode })
  const outcomes = await writeExport({
    snapshot,
    roles,
    targets,
    eol: options.eol ?? 'crlf',
    bom: options.bom ?? false,
    since,
    ...(options.now ? { now: options.now } : {}),
  })
  for (const outcome of outcomes) {
    if (outcome.ok) {
      const rows = outcome.manifest.files.reduce((sum, file) => sum + file.rows, 0)
      options.log?.info(`exported ${outcome.profile}`, { release: info.number, since, profile: outcome.profile, dir: outcome.dir, rows })
      const heldBack = outcome.manifest.heldBack ?? []
      if (heldBack.length > 0) {
        const roles = new Set(heldBack.map((v) => v.roleCode))
        options.log?.warn(
          `${outcome.profile}: ${roles.size} role(s) held back, with values longer than the target system accepts (never cut; listed in manifest.json): ` +
            heldBack
              .slice(0, 20)
              .map((v) => `${v.roleCode} ${v.file} ${v.column} is ${v.length} characters (limit ${v.maxLength})`)
              .join('; ') +
            (heldBack.length > 20 ? `; … and ${heldBack.length - 20} more` : ''),
          { release: info.number, profile: outcome.profile, heldBack: roles.size },
        )
      }
    } else {
      options.log?.error(outcome.error.message, { release: info.number, profile: outcome.profile })
    }
  }

  let latest = false
  // Only the release that is current now (not merely when the export started) moves latest, and only forward.
  if (since === null && outcomes.some((o) => o.ok) && (await getCurrentRelease(db))?.number === info.number) {
    const pointed = await pointLatest(options.outDir, info.number)
    if (!pointed.symlink) options.log?.warn('could not create the out/latest symlink here; out/latest.json names the current release')
    latest = pointed.moved
  }
  return { release: info.number, since, outcomes, latest }
}

/** The written profiles in the run report's terms (see src/model/run.ts). */
export function exportSummaries(result: ExportReleaseResult): ExportSummary[] {
  return result.outcomes.flatMap((outcome) =>
    outcome.ok
      ? [
          {
            release: result.release,
            since: result.since,
            profile: outcome.profile,
            dir: outcome.dir,
            files: outcome.manifest.files.length,
            rows: outcome.manifest.files.reduce((sum, file) => sum + file.rows, 0),
            ...(outcome.manifest.heldBack ? { heldBack: [...new Set(outcome.manifest.heldBack.map((v) => v.roleCode))] } : {}),
          },
        ]
      : [],
  )
}

/** Throws the failure of the first profile that could not be written (its message lists the roles). */
export function throwIfExportFailed(result: ExportReleaseResult): void {
  const failures = result.outcomes.filter((o): o is Extract<ExportOutcome, { ok: false }> => !o.ok)
  if (failures.length === 1) throw failures[0]!.error
  if (failures.length > 1) {
    throw new ExportValidationError(
      failures.map((f) => f.profile).join(' and '),
      failures.flatMap((f) => f.error.violations),
    )
  }
}

async function resolveRelease(db: Kysely<Database>, requested: number | undefined): Promise<ReleaseInfo> {
  if (requested === undefined) {
    const current = await getCurrentRelease(db)
    if (!current) throw new UsageError('there is no release to export yet; run `canon build` first')
    return current
  }
  const found = await getRelease(db, requested)
  if (!found) throw new UsageError(`there is no release ${requested}; \`canon releases\` lists them`)
  return found
}

/** Roles read ahead of the writer: about two of the store's pages, so the next query runs while rows are written. */
const rolesReadAhead = 1000

/** A release's roles as the export reads them; the role version number identifies the content. */
async function* releaseRoles(db: Kysely<Database>, release: number): AsyncGenerator<ExportRole> {
  for await (const row of readAhead(readReleaseProfiles(db, release) as AsyncIterable<ReleaseProfile>, rolesReadAhead)) {
    yield { profile: row.profile, state: row.state, contentKey: String(row.version), ...(row.neighbours ? { neighbours: row.neighbours } : {}) }
  }
}
