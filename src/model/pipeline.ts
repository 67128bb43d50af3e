// Pipelines: the validated form of a pipeline file (pipelines/<name>.yaml) that `canon run` and `canon schedule` run.

import type { ExportMode } from './export.js'

export type ExportSince = 'none' | 'previous'
export type BuildScope = 'changed' | 'all'
export type ExportWhen = 'always' | 'published'

/** Build the canon from raw/: discover → … → load; `scope: all` re-parses every page (no content-hash reuse). */
export interface BuildStep {
  kind: 'build'
  scope: BuildScope
}

/** Export the current release in the given profiles; `since: previous` writes the delta since the release before it. */
export interface ExportStep {
  kind: 'export'
  profiles: string[]
  since: ExportSince
  mode: ExportMode | null
  /** `published`: only when this run's build published a release (a no-change rebuild exports nothing). */
  when: ExportWhen
}

/** Write the static site of the current release beside its exports (out/releases/<N>/site/). */
export interface SiteStep {
  kind: 'site'
  /** `published`: only when this run's build published a release. */
  when: ExportWhen
}

export type PipelineStep = BuildStep | ExportStep | SiteStep

/** Settings a pipeline file may set; secrets are not among them (they come from the environment). */
export interface PipelineFileSettings {
  raw?: string
  reference?: string
  edits?: string
  out?: string
  dataDir?: string
  metricsFile?: string | null
  lockTimeoutSeconds?: number
  /** Largest share of the current roles (percent) a build may remove before it stops and asks for `--allow-mass-removal`. */
  maxRemovalPercent?: number
  /** Parse time budget per page (seconds), enforced on the parser's worker threads. */
  pageTimeoutSeconds?: number
  /** Largest number of HTML elements (tags) a page may have; a page over it is quarantined unparsed. */
  maxPageElements?: number
  /** Largest page read, in bytes. */
  maxPageBytes?: number
}

export interface PipelineDefinition {
  name: string
  description: string
  /** Cron expression `canon schedule` runs this pipeline on, when it declares one. */
  schedule: string | null
  timezone: string | null
  steps: PipelineStep[]
  settings: PipelineFileSettings
  /** The file it came from, for messages. */
  file: string
}
