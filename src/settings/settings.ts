// Run settings resolved once, in layers: defaults ← pipeline file ← command-line flags ← environment, and every
// value derived from another (the reference folder from raw/, the classifier's cache beside the database)
// derived here and nowhere else. `canon run --print-settings` shows the result and where each value came from.
// The environment contributes secrets only (DATABASE_URL); pipeline files cannot hold them (see definition.ts).

import path from 'node:path'
import { UsageError } from '../errors.js'
import type { PipelineFileSettings } from '../model/index.js'

export interface RunSettings {
  /** Absolute paths, resolved against the working directory. */
  raw: string
  /** Reference data; unless a layer names it, `<raw>/reference`. */
  reference: string
  edits: string
  out: string
  /** Embedded database's data directory (used when no database URL is given). */
  dataDir: string
  /** Where builds keep the classifier's index snapshots: `cache/` beside the embedded database's folder. */
  indexCacheDir: string
  /** Prometheus textfile to write after each run; null writes none. */
  metricsFile: string | null
  /** How long a build waits for another build's lock before exiting 75. */
  lockTimeoutSeconds: number
  /** Parser and classifier worker threads; null: one per core when there are enough pages. */
  workers: number | null
  /** A Postgres server; null means the embedded database in `dataDir`. A secret: never log it unredacted. */
  databaseUrl: string | null
  /** A build that would remove more than this share (percent) of the current roles stops (exit 1). */
  maxRemovalPercent: number
  /** Lets a build remove more than `maxRemovalPercent` of the roles (`--allow-mass-removal`; flag only). */
  allowMassRemoval: boolean
  /** Parse time budget per page, in seconds (worker threads only; see docs/operations.md). */
  pageTimeoutSeconds: number
  /** Largest number of HTML elements a page may have before it is quarantined unparsed. */
  maxPageElements: number
  /** Largest page read, in bytes. */
  maxPageBytes: number
}

export type SettingKey = keyof RunSettings
export type SettingSource = 'default' | 'pipeline' | 'flag' | 'environment' | 'derived'

/** Flags a command accepts for settings; `db` is the `--db URL` flag. */
export interface SettingsFlags extends PipelineFileSettings {
  db?: string
  workers?: number
  allowMassRemoval?: boolean
}

/** Per-page limits' defaults (documented in docs/operations.md, "Limits"). */
export const pageLimitDefaults = { pageTimeoutSeconds: 30, maxPageElements: 50_000, maxPageBytes: 5 * 1024 * 1024 } as const

export interface ResolvedSettings {
  settings: RunSettings
  /** Which layer each value came from, for `--print-settings` and tests. */
  sources: Record<SettingKey, SettingSource>
  /** Things the user should know about the resolution (e.g. DATABASE_URL overriding --db). */
  notes: string[]
}

/** The defaults; `reference` and `indexCacheDir` are derived when no layer sets them. */
export const defaultSettings: Omit<RunSettings, 'reference' | 'indexCacheDir'> = {
  raw: 'raw',
  edits: 'edits',
  out: 'out',
  dataDir: '.canon/db',
  metricsFile: null,
  lockTimeoutSeconds: 60,
  workers: null,
  databaseUrl: null,
  maxRemovalPercent: 20,
  allowMassRemoval: false,
  ...pageLimitDefaults,
}

const layeredKeys = [
  'raw',
  'reference',
  'edits',
  'out',
  'dataDir',
  'metricsFile',
  'lockTimeoutSeconds',
  'workers',
  'maxRemovalPercent',
  'allowMassRemoval',
  'pageTimeoutSeconds',
  'maxPageElements',
  'maxPageBytes',
] as const
const pathKeys = ['raw', 'reference', 'edits', 'out', 'dataDir'] as const

/** Resolves settings from their layers; pure (the caller passes env and cwd). Throws UsageError for a bad URL. */
export function resolveSettings(layers: {
  pipeline?: PipelineFileSettings
  flags?: SettingsFlags
  env: Readonly<Record<string, string | undefined>>
  cwd: string
}): ResolvedSettings {
  const values: Record<string, unknown> = { ...defaultSettings, reference: undefined }
  const sources = Object.fromEntries([...Object.keys(defaultSettings), 'reference', 'indexCacheDir'].map((key) => [key, 'default'])) as Record<
    SettingKey,
    SettingSource
  >
  const notes: string[] = []
  const apply = (layer: Partial<Record<(typeof layeredKeys)[number], unknown>> | undefined, source: SettingSource): void => {
    if (!layer) return
    for (const key of layeredKeys) {
      if (layer[key] === undefined) continue
      values[key] = layer[key]
      sources[key] = source
    }
  }
  apply(layers.pipeline, 'pipeline')
  apply(layers.flags, 'flag')
  if (layers.flags?.db) {
    values.databaseUrl = checkDatabaseUrl(layers.flags.db, '--db')
    sources.databaseUrl = 'flag'
  }
  const envUrl = layers.env.DATABASE_URL
  if (envUrl) {
    if (values.databaseUrl && values.databaseUrl !== envUrl) {
      notes.push('DATABASE_URL is set in the environment and overrides --db (secrets come from the environment)')
    }
    values.databaseUrl = checkDatabaseUrl(envUrl, 'DATABASE_URL')
    sources.databaseUrl = 'environment'
  }
  const settings = values as unknown as RunSettings
  for (const key of pathKeys) {
    if (settings[key] !== undefined) settings[key] = path.resolve(layers.cwd, settings[key])
  }
  if (settings.reference === undefined) {
    settings.reference = path.join(settings.raw, 'reference')
    if (sources.raw !== 'default') sources.reference = 'derived'
  }
  settings.indexCacheDir = path.join(path.dirname(settings.dataDir), 'cache')
  if (sources.dataDir !== 'default') sources.indexCacheDir = 'derived'
  if (settings.metricsFile !== null) settings.metricsFile = path.resolve(layers.cwd, settings.metricsFile)
  return { settings, sources, notes }
}

/** A database URL must name a Postgres server; a folder is the embedded database's `--data-dir`. */
function checkDatabaseUrl(value: string, from: '--db' | 'DATABASE_URL'): string {
  if (/^postgres(?:ql)?:\/\//i.test(value.trim())) return value.trim()
  const shown = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? `a ${value.split(':')[0]}:// URL` : `"${value}"`
  throw new UsageError(
    `${from} must be a Postgres server URL (postgres://user@host:5432/database), not ${shown}; ` +
      `for the embedded database in a folder, use --data-dir ${from === '--db' && !value.includes('://') ? value : 'DIR'}`,
  )
}
