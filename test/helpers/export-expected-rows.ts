// What each exported file should hold for a role, derived independently of the profile declarations:
// the generic profile is DESIGN.md's fields flattened and snake_cased; the HRIS profiles are spelled out.

import type { ExportRole, ReleaseSnapshot } from '../../src/model/index.js'

const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
const json = (v: unknown): unknown => (v === null || v === undefined ? null : Array.isArray(v) ? JSON.stringify(v) : v)

function flatten(prefix: string, value: Record<string, unknown> | null, fields: string[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [`${prefix}${snake(f)}`, json(value?.[f] ?? null)]))
}

const levelFields = ['code', 'name', 'descriptor', 'scope', 'autonomy', 'complexity', 'impact', 'decisionRights', 'leadership', 'typicalExperience']
const storyFields = ['who', 'externalProblem', 'internalProblem', 'whyItMatters', 'plan', 'stakes', 'success']

/** Expected rows per file name, for one role, in a given profile. */
export function expectedRows(profile: string, role: ExportRole, snapshot: ReleaseSnapshot): Record<string, Record<string, unknown>[]> {
  const p = role.profile
  const inactive = role.state === 'removed' || p.status === 'deprecated'
  if (profile === 'generic') {
    const child = (items: object[]) =>
      items.map((item) => ({
        role_code: p.code,
        ...Object.fromEntries(Object.entries(item).map(([k, v]) => [snake(k), json(v)])),
      }))
    return {
      'job_profiles.csv': [
        {
          code: p.code,
          title: p.title,
          function: p.function,
          discipline: p.discipline,
          track: p.track,
          ...flatten('level_', p.level as unknown as Record<string, unknown> | null, levelFields),
          status: p.status,
          confidence: p.confidence,
          confidence_band: p.confidenceBand,
          scope: p.scope,
          source_version: p.sourceVersion,
          summary: p.summary,
          ...flatten('story_', p.story as unknown as Record<string, unknown> | null, storyFields),
          core_outputs: json(p.coreOutputs),
          adjacent_roles: json(p.adjacentRoles),
          source_path: p.source.path,
          source_format: p.source.format,
          source_content_hash: p.source.contentHash,
          state: role.state,
        },
      ],
      'job_aliases.csv': child(p.aliases),
      'job_components.csv': child(p.components),
      'job_classifications.csv': child(p.classifications),
      'job_adjacency.csv': (role.state === 'active' ? (role.neighbours ?? []) : []).map((n) => ({
        role_code: p.code,
        adjacent_code: n.code,
        adjacent_title: n.title,
        distance: n.distance,
        band: n.band,
        kind: n.kind,
      })),
    }
  }
  if (profile === 'workday') {
    return {
      'job_profiles.csv': [
        {
          spreadsheet_key: p.code,
          job_code: p.code,
          effective_date: snapshot.effectiveDate,
          job_profile_name: p.title,
          inactive: inactive ? 'Y' : 'N',
          job_family_group: p.function,
          job_family: p.discipline,
          management_level: p.track,
          job_level: p.level?.code,
          job_level_name: p.level?.name,
          job_summary: p.summary,
          job_description: p.components
            .filter((c) => c.kind === 'responsibility')
            .map((c) => c.text)
            .join('\n'),
        },
      ],
      'job_classifications.csv': p.classifications
        .filter((c) => c.reviewStatus !== 'rejected')
        .map((c) => ({
          spreadsheet_key: p.code,
          job_code: p.code,
          effective_date: snapshot.effectiveDate,
          job_classification_group: c.system,
          job_classification_id: c.code,
          job_classification_name: c.title,
        })),
    }
  }
  if (profile === 'successfactors') {
    return {
      'job_classification.csv': [
        {
          externalCode: p.code,
          startDate: snapshot.effectiveDate,
          name: p.title,
          description: p.summary,
          jobFunction: p.discipline,
          jobLevel: p.level?.code,
          status: inactive ? 'I' : 'A',
        },
      ],
    }
  }
  throw new Error(`no expectations for profile ${profile}`)
}
