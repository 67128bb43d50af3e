// The generic profile: the whole canon as five flat files (profiles, aliases, components, classifications and
// the computed adjacent roles), DESIGN.md's field names in snake_case, joined on the role code, with a
// Frictionless Data Package (datapackage.json) describing them for machines. For warehouse loads, smaller HRIS
// admin imports and people; lists are JSON arrays so they round-trip.

import type { Alias, Classification, Component, Neighbour } from '../../model/index.js'
import { dataPackage } from '../datapackage.js'
import { defineFile, listCell, oneRowPerRole, type ExportProfile } from '../profile.js'

const jobProfiles = defineFile({
  name: 'job_profiles.csv',
  rows: oneRowPerRole,
  columns: {
    code: (r) => r.profile.code,
    title: (r) => r.profile.title,
    function: (r) => r.profile.function,
    discipline: (r) => r.profile.discipline,
    track: (r) => r.profile.track,
    level_code: (r) => r.profile.level?.code ?? null,
    level_name: (r) => r.profile.level?.name ?? null,
    level_descriptor: (r) => r.profile.level?.descriptor ?? null,
    level_scope: (r) => r.profile.level?.scope ?? null,
    level_autonomy: (r) => r.profile.level?.autonomy ?? null,
    level_complexity: (r) => r.profile.level?.complexity ?? null,
    level_impact: (r) => r.profile.level?.impact ?? null,
    level_decision_rights: (r) => r.profile.level?.decisionRights ?? null,
    level_leadership: (r) => r.profile.level?.leadership ?? null,
    level_typical_experience: (r) => r.profile.level?.typicalExperience ?? null,
    level_grade: (r) => r.profile.level?.grade ?? null,
    level_pay_range: (r) => r.profile.level?.payRange?.text ?? null,
    level_pay_currency: (r) => r.profile.level?.payRange?.currency ?? null,
    level_pay_min: (r) => r.profile.level?.payRange?.min ?? null,
    level_pay_max: (r) => r.profile.level?.payRange?.max ?? null,
    level_pay_period: (r) => r.profile.level?.payRange?.period ?? null,
    status: (r) => r.profile.status,
    confidence: (r) => r.profile.confidence,
    confidence_band: (r) => r.profile.confidenceBand,
    scope: (r) => r.profile.scope,
    source_version: (r) => r.profile.sourceVersion,
    summary: (r) => r.profile.summary,
    story_who: (r) => r.profile.story?.who ?? null,
    story_external_problem: (r) => r.profile.story?.externalProblem ?? null,
    story_internal_problem: (r) => r.profile.story?.internalProblem ?? null,
    story_why_it_matters: (r) => r.profile.story?.whyItMatters ?? null,
    story_plan: (r) => listCell(r.profile.story?.plan),
    story_stakes: (r) => r.profile.story?.stakes ?? null,
    story_success: (r) => r.profile.story?.success ?? null,
    core_outputs: (r) => listCell(r.profile.coreOutputs),
    adjacent_roles: (r) => listCell(r.profile.adjacentRoles),
    source_path: (r) => r.profile.source.path,
    source_format: (r) => r.profile.source.format,
    source_content_hash: (r) => r.profile.source.contentHash,
    state: (r) => r.state,
    role_version: (r) => r.version ?? null,
    content_hash: (r) => r.contentHash ?? null,
  },
})

const jobAliases = defineFile<Alias>({
  name: 'job_aliases.csv',
  rows: (r) => r.profile.aliases,
  columns: {
    role_code: (_, { role }) => role.profile.code,
    text: (a) => a.text,
    key: (a) => a.key,
    variants: (a) => listCell(a.variants),
    type: (a) => a.type,
    confidence: (a) => a.confidence,
    band: (a) => a.band,
    approved: (a) => a.approved,
    evidence: (a) => listCell(a.evidence),
  },
})

const jobComponents = defineFile<{ component: Component; ordinal: number }>({
  name: 'job_components.csv',
  rows: (r) => r.profile.components.map((component, i) => ({ component, ordinal: i + 1 })),
  columns: {
    role_code: (_, { role }) => role.profile.code,
    ordinal: (c) => c.ordinal,
    kind: ({ component: c }) => c.kind,
    text: ({ component: c }) => c.text,
    tags: ({ component: c }) => listCell(c.tags),
  },
})

const jobClassifications = defineFile<Classification>({
  name: 'job_classifications.csv',
  rows: (r) => r.profile.classifications,
  columns: {
    role_code: (_, { role }) => role.profile.code,
    system: (c) => c.system,
    code: (c) => c.code,
    title: (c) => c.title,
    source: (c) => c.source,
    confidence: (c) => c.confidence,
    review_status: (c) => c.reviewStatus,
    evidence: (c) => listCell(c.evidence),
  },
})

// Adjacent roles computed by the build (docs/adjacency.md), nearest first; none for a removed role, a delta, or a
// release published before adjacency was computed.
const jobAdjacency = defineFile<Neighbour>({
  name: 'job_adjacency.csv',
  rows: (r) => (r.state === 'active' ? (r.neighbours ?? []) : []),
  columns: {
    role_code: (_, { role }) => role.profile.code,
    adjacent_code: (n) => n.code,
    adjacent_title: (n) => n.title,
    distance: (n) => n.distance,
    band: (n) => n.band,
    kind: (n) => n.kind,
  },
})

const files = [jobProfiles, jobAliases, jobComponents, jobClassifications, jobAdjacency].map((file) => ({ ...file, purpose: 'data' as const }))

export const generic: ExportProfile = {
  name: 'generic',
  description:
    'the whole canon in flat files joined on the role code (DESIGN.md field names, snake_case), with the computed adjacent roles and datapackage.json',
  defaultMode: 'spreadsheet',
  files,
  dateFormat: 'YYYY-MM-DD',
  bom: 'optional',
  deltaChanges: 'column',
  format: 'csv',
  extraFiles: (manifest) => [{ name: 'datapackage.json', text: `${JSON.stringify(dataPackage(manifest, files), null, 2)}\n` }],
}
