// What each generic file should hold for a role, derived independently of the profile declarations: DESIGN.md's
// fields flattened and snake_cased. The HRIS profiles are checked against their templates' specs instead
// (export-templates.ts), with their values asserted in profiles.test.ts.

import type { ExportRole, ReleaseSnapshot } from '../../src/model/index.js'

const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
const json = (v: unknown): unknown => (v === null || v === undefined ? null : Array.isArray(v) ? JSON.stringify(v) : v)

function flatten(prefix: string, value: Record<string, unknown> | null, fields: string[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [`${prefix}${snake(f)}`, json(value?.[f] ?? null)]))
}

const levelFields = ['code', 'name', 'descriptor', 'scope', 'autonomy', 'complexity', 'impact', 'decisionRights', 'leadership', 'typicalExperience']
const payFields = ['currency', 'min', 'max', 'period']
const storyFields = ['who', 'externalProblem', 'internalProblem', 'whyItMatters', 'plan', 'stakes', 'success']

/** Expected rows per file name, for one role, in a given profile. */
export function expectedRows(profile: string, role: ExportRole, _snapshot: ReleaseSnapshot): Record<string, Record<string, unknown>[]> {
  const p = role.profile
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
          level_grade: p.level?.grade ?? null,
          level_pay_range: p.level?.payRange?.text ?? null,
          ...flatten('level_pay_', (p.level?.payRange ?? null) as unknown as Record<string, unknown> | null, payFields),
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
          role_version: role.version ?? null,
          content_hash: role.contentHash ?? null,
        },
      ],
      'job_aliases.csv': child(p.aliases),
      'job_components.csv': child(p.components).map((row, i) => ({ ...row, ordinal: i + 1 })),
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
  throw new Error(`no expectations for profile ${profile}`)
}
