// Where each profile of an export goes: out/releases/<N>/<profile>/ for a full export,
// out/releases/<N>/since-<M>/<profile>/ for a delta.

import path from 'node:path'
import type { ExportMode } from '../model/index.js'
import type { ExportProfile } from './profile.js'
import { releaseDir } from './latest.js'
import type { ExportTarget } from './write-export.js'

export interface TargetOptions {
  outDir: string
  release: number
  since: number | null
  profiles: readonly ExportProfile[]
  /** Overrides every profile's default mode when given. */
  mode?: ExportMode | undefined
}

/** One target per profile, with its folder and mode. Pure. */
export function exportTargets(options: TargetOptions): ExportTarget[] {
  const base = releaseDir(options.outDir, options.release)
  const folder = options.since === null ? base : path.join(base, `since-${options.since}`)
  return options.profiles.map((profile) => ({
    profile,
    // HCM Data Loader files are read by a loader only, never opened as a spreadsheet: always verbatim.
    mode: profile.format === 'hdl' ? 'import' : (options.mode ?? profile.defaultMode),
    dir: path.join(folder, profile.name),
  }))
}
