// Run settings resolved once, in layers: defaults ← pipeline file ← command-line flags ← environment.
// The environment contributes secrets only (DATABASE_URL); pipeline files cannot hold them (see definition.ts).

import path from 'node:path'
import type { PipelineFileSettings } from '../model/index.js'

export interface RunSettings {
  /** Absolute paths, resolved against the working directory. */
  raw: string
  reference: string
  edits: string
  out: string
  /** Embedded database's data directory (used when no database URL is given). */
  dataDir: string
  /** Prometheus textfile to write after each run; null writes none. */
  metricsFile: string | null
  /** How long a build waits for another build's lock before exiting 75. */
  lockTimeoutSeconds: number
  /** A Postgres server; null means the embedded database in `dataDir`. A secret: never log it unredacted. */
  databaseUrl: string | null
}

export type SettingKey = keyof RunSettings
export type SettingSource = 'default' | 'pipeline' | 'flag' | 'environment'

/** Flags a command accepts for settings; `db` is the `--db URL` flag. */
export interface SettingsFlags extends PipelineFileSettings {
  db?: string
}

export interface ResolvedSettings {
  settings: RunSettings
  /** Which layer each value came from, for `--print-settings` and tests. */
  sources: Record<SettingKey, SettingSource>
  /** Things the user should know about the resolution (e.g. DATABASE_URL overriding --db). */
  notes: string[]
}

export const defaultSettings: RunSettings = {
  raw: 'raw',
  reference: 'raw/reference',
  edits: 'edits',
  out: 'out',
  dataDir: '.canon/db',
  metricsFile: null,
  lockTimeoutSeconds: 60,
  databaseUrl: null,
}

const pathKeys = ['raw', 'reference', 'edits', 'out', 'dataDir'] as const

/** Resolves settings from their layers; pure (the caller passes env and cwd). */
export function resolveSettings(layers: {
  pipeline?: PipelineFileSettings
  flags?: SettingsFlags
  env: Readonly<Record<string, string | undefined>>
  cwd: string
}): ResolvedSettings {
  const settings: RunSettings = { ...defaultSettings }
  const sources = Object.fromEntries(Object.keys(defaultSettings).map((key) => [key, 'default'])) as Record<
    SettingKey,
    SettingSource
  >
  const notes: string[] = []
  const apply = (values: PipelineFileSettings | undefined, source: SettingSource): void => {
    if (!values) return
    for (const key of [...pathKeys, 'metricsFile', 'lockTimeoutSeconds'] as const) {
      const value = values[key]
      if (value === undefined) continue
      ;(settings as unknown as Record<string, unknown>)[key] = value
      sources[key] = source
    }
  }
  apply(layers.pipeline, 'pipeline')
  apply(layers.flags, 'flag')
  if (layers.flags?.db) {
    settings.databaseUrl = layers.flags.db
    sources.databaseUrl = 'flag'
  }
  const envUrl = layers.env.DATABASE_URL
  if (envUrl) {
    if (settings.databaseUrl && settings.databaseUrl !== envUrl) {
      notes.push('DATABASE_URL is set in the environment and overrides --db (secrets come from the environment)')
    }
    settings.databaseUrl = envUrl
    sources.databaseUrl = 'environment'
  }
  for (const key of pathKeys) settings[key] = path.resolve(layers.cwd, settings[key])
  if (settings.metricsFile !== null) settings.metricsFile = path.resolve(layers.cwd, settings.metricsFile)
  return { settings, sources, notes }
}
