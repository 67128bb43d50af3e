// Fakes for pipeline-run tests: a build summary with readable defaults and step implementations that record calls.

import type { BuildSummary, ExportSummary } from '../../src/model/index.js'
import type { ExportRequest, PipelineSteps } from '../../src/pipeline/run-pipeline.js'

/** A build summary: 10 pages, 10 roles added in release 1, unless `overrides` say otherwise. */
export function buildSummary(overrides: Partial<BuildSummary> = {}): BuildSummary {
  return {
    runId: 1,
    release: 1,
    previousRelease: null,
    published: true,
    pages: { seen: 10, parsed: 10, unchanged: 0, quarantined: 0 },
    roles: { added: 10, changed: 0, removed: 0, unchanged: 0 },
    aliases: { merged: 4, conflicts: 1 },
    codes: { autoAccepted: 7, needsReview: 3 },
    staleDecisions: 0,
    quarantined: [],
    stages: [
      { stage: 'parse', durationMs: 120, counts: { pages: 10 } },
      { stage: 'load', durationMs: 40, counts: { rows: 300 } },
    ],
    ...overrides,
  }
}

/** Step implementations returning `build`, recording every export request. */
export function fakeSteps(options: {
  build?: () => Promise<BuildSummary>
  releases?: { current: number | null; previous: number | null }
}): PipelineSteps & { exports: ExportRequest[]; builds: number } {
  const exports: ExportRequest[] = []
  const steps = {
    exports,
    builds: 0,
    async build() {
      steps.builds++
      return options.build ? options.build() : buildSummary()
    },
    async export(request: ExportRequest): Promise<ExportSummary[]> {
      exports.push(request)
      return request.profiles.map((profile) => ({
        release: request.release,
        since: request.since,
        profile,
        dir: `${request.settings.out}/releases/${request.release}/${profile}`,
        files: 4,
        rows: 100,
      }))
    },
    async releases() {
      return options.releases ?? { current: null, previous: null }
    },
  }
  return steps
}
