// The generic profile: the whole canon as four flat files, DESIGN.md's field names in snake_case, joined on
// the role code. For smaller HRIS admin imports and for people; lists are JSON arrays so they round-trip.

import type { Alias, Classification, Component, Neighbour } from '../../model/index.js'
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

const jobComponents = defineFile<Component>({
  name: 'job_components.csv',
  rows: (r) => r.profile.components,
  columns: {
    role_code: (_, { role }) => role.profile.code,
    kind: (c) => c.kind,
    text: (c) => c.text,
    tags: (c) => listCell(c.tags),
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

export const generic: ExportProfile = {
  name: 'generic',
  description: 'the whole canon in flat files joined on the role code (DESIGN.md field names, snake_case), with the computed adjacent roles',
  defaultMode: 'spreadsheet',
  files: [jobProfiles, jobAliases, jobComponents, jobClassifications, jobAdjacency],
}
