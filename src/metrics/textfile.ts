// Prometheus metrics for one run, written as a textfile for node exporter's textfile collector
// (--collector.textfile.directory). prom-client renders the exposition format (HELP/TYPE, label escaping);
// the file is written to a temporary name and renamed, so the collector never reads half a file.

import { exitCodeOfRun } from '../exit-codes.js'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { Gauge, Registry } from 'prom-client'
import type { RunReport } from '../model/index.js'

export interface TextfileFs {
  mkdir: (dir: string) => Promise<unknown>
  writeFile: (file: string, text: string) => Promise<void>
  rename: (from: string, to: string) => Promise<void>
  readFile: (file: string) => Promise<string>
}

const nodeFs: TextfileFs = {
  mkdir: (dir) => mkdir(dir, { recursive: true }),
  writeFile: (file, text) => writeFile(file, text, 'utf8'),
  rename: (from, to) => rename(from, to),
  readFile: (file) => readFile(file, 'utf8'),
}

const lastSuccessName = 'canon_last_success_timestamp_seconds'

/**
 * Renders a run's metrics in the Prometheus text format. `previousLastSuccess` (seconds since the epoch)
 * carries the last success time over a failed run, so alerts on "no success for 26 h" keep working.
 */
export async function renderRunMetrics(report: RunReport, previousLastSuccess: number | null): Promise<string> {
  const registry = new Registry()
  const pipeline = report.pipeline
  const gauge = <L extends string>(name: string, help: string, labelNames: L[]) =>
    new Gauge<L | 'pipeline'>({ name, help, labelNames: ['pipeline', ...labelNames], registers: [registry] })

  const seconds = (ms: number) => ms / 1000
  const runDuration = gauge('canon_run_duration_seconds', 'Wall time of the last run.', [])
  runDuration.set({ pipeline }, seconds(report.finishedAt.getTime() - report.startedAt.getTime()))
  gauge('canon_run_exit_code', 'Exit code of the last run (0 ok, 1 failed, 2 usage, 3 partial, 4 published but export failed, 75 locked).', []).set(
    { pipeline },
    exitCodeOfRun(report.status),
  )
  gauge('canon_run_finished_timestamp_seconds', 'When the last run finished.', []).set({ pipeline }, Math.floor(report.finishedAt.getTime() / 1000))
  const stage = gauge('canon_stage_duration_seconds', 'Wall time of each stage in the last run.', ['stage'])
  for (const s of report.stages) stage.set({ pipeline, stage: s.stage }, seconds(s.durationMs))

  const build = report.build
  if (build) {
    const pages = gauge('canon_pages', 'Pages in the last build, by state.', ['state'])
    pages.set({ pipeline, state: 'seen' }, build.pages.seen)
    pages.set({ pipeline, state: 'parsed' }, build.pages.parsed)
    pages.set({ pipeline, state: 'unchanged' }, build.pages.unchanged)
    gauge('canon_pages_quarantined', 'Pages set aside by a stage in the last build.', []).set({ pipeline }, build.pages.quarantined)
    const roles = gauge('canon_roles_changed', 'Roles changed by the last build, by change.', ['change'])
    roles.set({ pipeline, change: 'added' }, build.roles.added)
    roles.set({ pipeline, change: 'changed' }, build.roles.changed)
    roles.set({ pipeline, change: 'removed' }, build.roles.removed)
    gauge('canon_codes_needing_review', 'Occupation codes with review status needs_review after the last build.', []).set({ pipeline }, build.codes.needsReview)
    gauge('canon_alias_conflicts', 'Alias keys claimed by more than one role after the last build.', []).set({ pipeline }, build.aliases.conflicts)
    gauge('canon_stale_decisions', 'Curation decisions whose target no longer exists.', []).set({ pipeline }, build.staleDecisions)
    if (build.release !== null) gauge('canon_release', 'Current release number.', []).set({ pipeline }, build.release)
  }

  const succeeded = report.status === 'succeeded' || report.status === 'partial'
  const lastSuccess = succeeded ? Math.floor(report.finishedAt.getTime() / 1000) : previousLastSuccess
  if (lastSuccess !== null) {
    gauge(lastSuccessName, 'When a run of this pipeline last published (or found nothing to change).', []).set({ pipeline }, lastSuccess)
  }
  return registry.metrics()
}

/** Reads the last success time from an earlier metrics file, or null when there is none. */
export function readLastSuccess(text: string, pipeline: string): number | null {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${lastSuccessName}{`)) continue
    if (!line.includes(`pipeline="${pipeline}"`)) continue
    const value = Number(line.slice(line.lastIndexOf(' ') + 1))
    if (Number.isFinite(value)) return value
  }
  return null
}

/** Writes the run's metrics to `file` atomically (temporary file in the same folder, then rename). */
export async function writeRunMetrics(file: string, report: RunReport, fs: TextfileFs = nodeFs): Promise<void> {
  const previous = await fs.readFile(file).then(
    (text) => readLastSuccess(text, report.pipeline),
    () => null,
  )
  const text = await renderRunMetrics(report, previous)
  await fs.mkdir(path.dirname(file))
  // The collector only reads *.prom, so a temporary name without that suffix is never half-read.
  const temporary = `${file}.${process.pid}.tmp`
  await fs.writeFile(temporary, text)
  await fs.rename(temporary, file)
}
