// From the command line's flags and environment to resolved settings (src/settings/settings.ts does the
// resolving; this only hands it the flags and prints its notes).

import type { Logger, PipelineFileSettings } from '../model/index.js'
import { resolveSettings, type ResolvedSettings, type RunSettings, type SettingsFlags } from '../settings/settings.js'
import type { CliContext } from './context.js'
import type { RunFlags } from './options.js'

/** The settings flags as the settings layer takes them (flags not given are left out). */
export function settingsFlags(flags: RunFlags): SettingsFlags {
  const given: SettingsFlags = {}
  if (flags.raw) given.raw = flags.raw
  if (flags.reference) given.reference = flags.reference
  if (flags.edits) given.edits = flags.edits
  if (flags.out) given.out = flags.out
  if (flags.dataDir) given.dataDir = flags.dataDir
  if (flags.metricsFile) given.metricsFile = flags.metricsFile
  if (flags.lockTimeout !== undefined) given.lockTimeoutSeconds = flags.lockTimeout
  if (flags.workers !== undefined) given.workers = flags.workers
  if (flags.db) given.db = flags.db
  if (flags.maxRemovalPercent !== undefined) given.maxRemovalPercent = flags.maxRemovalPercent
  if (flags.allowMassRemoval) given.allowMassRemoval = true
  if (flags.pageTimeout !== undefined) given.pageTimeoutSeconds = flags.pageTimeout
  if (flags.maxPageElements !== undefined) given.maxPageElements = flags.maxPageElements
  if (flags.maxPageBytes !== undefined) given.maxPageBytes = flags.maxPageBytes
  return given
}

/** Resolves settings from a pipeline file's settings, the flags and the environment; logs resolution notes. */
export function resolveFromFlags(ctx: CliContext, flags: RunFlags, log: Logger, pipeline?: PipelineFileSettings): ResolvedSettings {
  const resolved = resolveSettings({ ...(pipeline ? { pipeline } : {}), flags: settingsFlags(flags), env: ctx.env, cwd: ctx.cwd })
  for (const note of resolved.notes) log.warn(note)
  return resolved
}

/** The settings a command without a pipeline runs with. */
export function settingsFromFlags(ctx: CliContext, flags: RunFlags, log: Logger): RunSettings {
  return resolveFromFlags(ctx, flags, log).settings
}
