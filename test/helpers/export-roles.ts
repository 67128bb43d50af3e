// Readable role profiles for export tests: a complete one, varied through overrides.

import type { ExportRole, ReleaseSnapshot, RoleProfile } from '../../src/model/index.js'

export const snapshot: ReleaseSnapshot = { release: 3, createdAt: '2026-11-02T09:30:00.000Z', effectiveDate: '2026-11-02', effectiveDatePolicy: 'publication' }

export function roleProfile(code: string, overrides: Partial<RoleProfile> = {}): RoleProfile {
  return {
    code,
    title: `Engineering – DevOps Engineering Professional ${code}`,
    function: 'Engineering',
    discipline: 'DevOps Engineering',
    track: 'Professional',
    level: {
      code: 'P3',
      name: 'Mid-Level Professional',
      descriptor: 'Fully competent professional; works independently on standard projects',
      scope: null,
      autonomy: 'Works independently',
      complexity: null,
      impact: null,
      decisionRights: null,
      leadership: null,
      typicalExperience: '3–5 yrs',
    },
    status: 'draft',
    confidence: 0.7,
    confidenceBand: 'medium',
    scope: 'global',
    sourceVersion: 1,
    summary: 'Builds and runs delivery pipelines, "infrastructure as code", and on-call tooling.',
    story: {
      who: 'Product teams',
      externalProblem: null,
      internalProblem: null,
      whyItMatters: 'Releases stall, outages last longer',
      plan: ['Automate, then measure', 'Review with teams'],
      stakes: null,
      success: null,
    },
    components: [
      { kind: 'responsibility', text: 'Maintain CI/CD pipelines', tags: ['common', 'level'] },
      { kind: 'responsibility', text: 'Run incident reviews, write "post-mortems"', tags: [] },
      { kind: 'skill', text: 'Terraform', tags: ['common'] },
    ],
    coreOutputs: ['Reliable pipelines'],
    adjacentRoles: [{ code: 'SRE.GEN.P3', title: 'Site Reliability Engineer', distance: 1, band: 'near' }],
    aliases: [
      {
        text: 'DevOps Engineer',
        key: 'devops engineer',
        variants: ['Dev Ops Engineer'],
        type: 'common',
        confidence: 0.82,
        band: 'high',
        approved: true,
        evidence: [{ source: 'page', confidence: 0.7 }],
      },
    ],
    classifications: [
      {
        system: 'SOC2018',
        code: '15-1252',
        title: 'Software Developers',
        source: 'declared',
        confidence: 0.9,
        reviewStatus: 'accepted',
        evidence: ['declared on page'],
      },
      {
        system: 'SOC2018',
        code: '15-1244',
        title: 'Network and Computer Systems Administrators',
        source: 'inferred_from_text',
        confidence: 0.4,
        reviewStatus: 'rejected',
        evidence: ['terms: infrastructure'],
      },
    ],
    source: { path: `pages/${code}.txt`, format: 'canon-text', contentHash: 'ab12' },
    findings: [],
    ...overrides,
  }
}

export const active = (profile: RoleProfile): ExportRole => ({ profile, state: 'active' })

/** An async iterable over `items`, as a store's reader would give them. */
export async function* streamOf<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item
}
