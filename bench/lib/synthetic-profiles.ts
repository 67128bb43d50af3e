// Synthetic role profiles at the scale the load must handle: every field filled, ~30 components, ~7 aliases and
// 3 codes each, with quotes, commas and non-ASCII in the text. Deterministic: the same count gives the same roles.

import type { RoleProfile } from '../../src/model/index.js'

const kinds = ['responsibility', 'task', 'skill', 'knowledge', 'competency', 'qualification']

/** Role `index` of a synthetic canon; `edit` changes its summary (an edited page). */
export function syntheticProfile(index: number, edit = ''): RoleProfile {
  const code = `SYN.${String(Math.floor(index / 10)).padStart(4, '0')}.P${(index % 10) + 1}`
  const title = `Synthetic – Discipline ${Math.floor(index / 10)} Professional P${(index % 10) + 1}`
  return {
    code,
    title,
    function: 'Synthetic',
    discipline: `Discipline ${Math.floor(index / 10)}`,
    track: 'Professional',
    level: {
      code: `P${(index % 10) + 1}`,
      name: 'Mid-Level Professional',
      descriptor: 'Fully competent professional; works independently',
      scope: 'Team',
      autonomy: 'Independent',
      complexity: 'Moderate',
      impact: 'Team',
      decisionRights: 'Own work',
      leadership: 'None',
      typicalExperience: '3–5 yrs',
    },
    status: 'draft',
    confidence: 0.7,
    confidenceBand: 'medium',
    scope: 'global',
    sourceVersion: 1,
    summary: `Designs, builds and "runs" the things discipline ${Math.floor(index / 10)} needs, café-grade.${edit}`,
    story: {
      who: 'Teams shipping software',
      externalProblem: 'Slow releases',
      internalProblem: 'Manual steps',
      whyItMatters: 'Customers wait',
      plan: ['Automate', 'Measure', 'Improve'],
      stakes: 'Outages',
      success: 'Daily releases',
    },
    components: Array.from({ length: 30 }, (_, at) => ({
      kind: kinds[at % kinds.length]!,
      text: `Component ${at} of ${code}: plans, builds, and reviews work, with "care" — item ${at}`,
      tags: at % 3 === 0 ? ['common', 'level'] : ['common'],
    })),
    coreOutputs: ['Reliable deployments', 'Runbooks'],
    adjacentRoles: [{ code: null, title: 'Platform Engineer', distance: 1, band: 'near' }],
    aliases: Array.from({ length: 7 }, (_, at) => ({
      text: `Alias ${at} for ${code}`,
      key: `alias ${at} for ${code.toLowerCase()}`,
      variants: at === 0 ? [`Alias ${at} for ${code} (variant)`] : [],
      type: 'common',
      confidence: 0.55 + at * 0.05,
      band: 'medium',
      approved: at === 0,
      evidence: [{ source: 'page', confidence: 0.7 }],
    })),
    classifications: [
      {
        system: 'SOC2018',
        code: '15-1252',
        title: 'Software Developers',
        source: 'inferred_from_title',
        confidence: 0.82,
        reviewStatus: 'auto_accepted',
        evidence: ['title: software'],
      },
      {
        system: 'ONET-SOC',
        code: '15-1252.00',
        title: 'Software Developers',
        source: 'derived',
        confidence: 0.82,
        reviewStatus: 'auto_accepted',
        evidence: ['from SOC2018 15-1252'],
      },
      {
        system: 'ISCO-08',
        code: '2512',
        title: 'Software developers',
        source: 'derived',
        confidence: 0.7,
        reviewStatus: 'needs_review',
        evidence: ['crosswalk via SOC 2010 15-1132'],
      },
    ],
    source: { path: `pages/synthetic/${code}.txt`, format: 'canon-text', contentHash: index.toString(16).padStart(64, '0') },
    findings: [{ severity: 'info', code: 'synthetic', message: 'generated for the load bench' }],
  }
}

export function syntheticProfiles(count: number): RoleProfile[] {
  return Array.from({ length: count }, (_, index) => syntheticProfile(index))
}
