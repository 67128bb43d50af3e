// Synthetic role profiles for tests: small, readable, and complete in every field the model has.

import type { Alias, Classification, Component, RoleProfile } from '../../src/model/index.js'

export function component(text: string, kind = 'responsibility', tags: string[] = ['common']): Component {
  return { kind, text, tags }
}

export function alias(text: string, overrides: Partial<Alias> = {}): Alias {
  return {
    text,
    key: text.toLowerCase(),
    variants: [],
    type: 'common',
    confidence: 0.7,
    band: 'medium',
    approved: false,
    evidence: [{ source: 'page', confidence: 0.7 }],
    ...overrides,
  }
}

export function soc(code: string, title: string, overrides: Partial<Classification> = {}): Classification {
  return {
    system: 'SOC2018',
    code,
    title,
    source: 'inferred_from_title',
    confidence: 0.82,
    reviewStatus: 'auto_accepted',
    evidence: [`title matches ${title}`],
    ...overrides,
  }
}

/** A role profile with code `code`; the page path follows from the code unless overridden. */
export function makeProfile(code: string, overrides: Partial<RoleProfile> = {}): RoleProfile {
  const title = overrides.title ?? `Role ${code}`
  return {
    code,
    title,
    function: 'Engineering',
    discipline: 'DevOps Engineering',
    track: 'Professional',
    level: {
      code: 'P3',
      name: 'Mid-Level Professional',
      descriptor: 'Fully competent professional',
      scope: null,
      autonomy: null,
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
    summary: `Summary of ${title}`,
    story: null,
    components: [component(`Runs the ${code} pipelines`), component('Kubernetes', 'skill', ['level'])],
    coreOutputs: ['Reliable deployments'],
    adjacentRoles: [],
    aliases: [alias(`${code} Engineer`), alias(`${code} Specialist`)],
    classifications: [soc('15-1252', 'Software Developers')],
    source: { path: `pages/${code.toLowerCase()}.txt`, format: 'canon-text', contentHash: 'f'.repeat(64) },
    findings: [],
    ...overrides,
  }
}
