// normalize: DraftProfile (strings as the page shows them) → RoleProfile (typed values, parsed title, level,
// derived code when the page has none, and findings for everything that needed judgement). Pure.

import { aliasKey } from '../aliases/alias-key.js'
import type { Alias, Classification, DraftProfile, Finding, Level, ProfileSource, RoleProfile, Story } from '../model/index.js'
import { bandOf } from '../vocabulary/confidence-bands.js'
import { APPROVAL_MARK, LEVEL_FIELD_LABELS, LEVEL_GRADE_LABEL, LEVEL_PAY_LABEL } from '../vocabulary/title-words.js'
import { deriveCode } from './derived-code.js'
import { parsePayRange } from './pay-range.js'
import { levelCodeInTitle, parseTitle } from './title.js'

/**
 * Confidence given to a classification a page declares without one (the canon app prints none for its
 * superfunction mappings): 0.5, "as likely right as wrong", so it is never auto-accepted; a finding says so.
 */
export const DECLARED_CLASSIFICATION_DEFAULT_CONFIDENCE = 0.5

/** Confidence given to a declared alias the page shows without a confidence. */
export const DECLARED_ALIAS_DEFAULT_CONFIDENCE = 0.5

/** Turns what a page declares into a RoleProfile; `pageFindings` (decoding, extraction) are kept with it. */
export function normalizeDraft(draft: DraftProfile, source: ProfileSource, pageFindings: readonly Finding[] = []): RoleProfile {
  const findings: Finding[] = [...pageFindings, ...draft.findings]
  const title = (draft.title ?? '').trim()
  const derived: string[] = []

  const level = normalizeLevel(draft, title, findings)
  const parsed = parseTitle(title, level?.code ?? null, level?.name ?? null)
  for (const field of parsed.inferred) derived.push(field)

  let code = draft.code?.trim() || null
  if (code === null) {
    code = deriveCode({
      function: parsed.function,
      discipline: parsed.discipline ?? title,
      track: parsed.track,
      levelCode: level?.code ?? null,
      seniority: parsed.seniority,
    })
    derived.unshift('code')
  } else if (level && !code.endsWith(`.${level.code}`)) {
    findings.push({ severity: 'warning', code: 'code-level-mismatch', field: 'code', message: `code ${code} does not end in the page's level ${level.code}` })
  }

  const badges = draft.badges
  let status = badges?.status ?? null
  if (status === null) {
    status = 'draft'
    derived.push('status')
  }
  const confidence = parseNumber(badges?.confidence ?? null, 'confidence', findings)
  let confidenceBand = badges?.band ?? null
  if (confidence !== null) {
    if (confidenceBand === null) {
      confidenceBand = bandOf(confidence)
      derived.push('confidenceBand')
    } else if (confidenceBand !== bandOf(confidence)) {
      findings.push({
        severity: 'warning',
        code: 'band-mismatch',
        field: 'confidenceBand',
        message: `declared band "${confidenceBand}" does not match confidence ${confidence} (${bandOf(confidence)} by the canon's bands)`,
      })
    }
  }
  const sourceVersion = badges?.version ? Number(badges.version) : null

  for (const count of draft.sectionCounts) {
    if (count.declared !== null && Number(count.declared) !== count.found) {
      findings.push({
        severity: 'warning',
        code: 'section-count-mismatch',
        field: 'components',
        message: `section "${count.heading}" declares ${count.declared} ${count.kind} items but ${count.found} were found; check the page is complete`,
      })
    }
  }

  if (derived.length > 0) {
    findings.push({
      severity: 'info',
      code: 'fields-derived',
      message: `not declared by the page, derived: ${derived.join(', ')}${derived.includes('code') ? ` (code ${code} by the derived-code rule)` : ''}`,
    })
  }

  return {
    code,
    title,
    function: parsed.function,
    discipline: parsed.discipline,
    track: parsed.track,
    level,
    status,
    confidence,
    confidenceBand,
    scope: badges?.scope ?? null,
    sourceVersion: sourceVersion !== null && Number.isFinite(sourceVersion) ? sourceVersion : null,
    summary: draft.summary,
    story: draft.story ? normalizeStory(draft.story) : null,
    components: draft.components.map((c) => ({ kind: c.kind, text: c.text, tags: [...c.tags] })),
    coreOutputs: [...draft.coreOutputs],
    adjacentRoles: draft.adjacentRoles.map((r) => parseAdjacentRole(r)),
    aliases: draft.aliases.map((a) => normalizeAlias(a, findings)).filter((a): a is Alias => a !== null),
    classifications: draft.classifications.map((c) => normalizeClassification(c, findings)).filter((c): c is Classification => c !== null),
    source: { ...source },
    findings,
  }
}

function normalizeLevel(draft: DraftProfile, title: string, findings: Finding[]): Level | null {
  const declared = draft.level
  const code = declared?.code ?? draft.badges?.levelCode ?? levelCodeInTitle(title)
  if (!code) return null
  if (declared?.code && draft.badges?.levelCode && declared.code !== draft.badges.levelCode) {
    findings.push({
      severity: 'warning',
      code: 'level-mismatch',
      field: 'level',
      message: `level section says ${declared.code}, badge says ${draft.badges.levelCode}`,
    })
  }
  const level: Level = {
    code,
    name: declared?.name ?? null,
    descriptor: declared?.descriptor ?? null,
    scope: null,
    autonomy: null,
    complexity: null,
    impact: null,
    decisionRights: null,
    leadership: null,
    typicalExperience: null,
  }
  for (const { label, value } of declared?.fields ?? []) {
    const field = LEVEL_FIELD_LABELS[label.toLowerCase().replace(/\s+/g, ' ').trim()] as keyof Level | undefined
    if (field) (level as unknown as Record<string, string | null>)[field] = value
    // Grade and pay are kept only when the page states them, so profiles without them hash as before.
    else if (LEVEL_GRADE_LABEL.test(label.trim())) level.grade ??= value.trim()
    else if (LEVEL_PAY_LABEL.test(label) && level.payRange === undefined) {
      const pay = parsePayRange(value)
      if (pay) level.payRange = pay
    }
  }
  return level
}

function normalizeStory(story: Story): Story {
  return { ...story, plan: [...story.plan] }
}

function parseNumber(text: string | null, field: string, findings: Finding[]): number | null {
  if (text === null) return null
  const value = Number(text)
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    findings.push({ severity: 'warning', code: 'number-unreadable', field, message: `${field} "${text}" is not a number between 0 and 1; ignored` })
    return null
  }
  return value
}

function normalizeAlias(alias: DraftProfile['aliases'][number], findings: Finding[]): Alias | null {
  const text = alias.text.trim()
  if (text === '') return null
  let declared = parseNumber(alias.confidence, 'aliases', findings)
  const confidence = declared ?? DECLARED_ALIAS_DEFAULT_CONFIDENCE
  if (declared === null) {
    findings.push({
      severity: 'info',
      code: 'alias-confidence-defaulted',
      field: 'aliases',
      message: `alias "${text}" has no confidence; ${DECLARED_ALIAS_DEFAULT_CONFIDENCE} used`,
    })
    declared = null
  }
  return {
    text,
    key: aliasKey(text),
    variants: [],
    type: alias.type ?? 'declared',
    confidence,
    band: alias.band ?? bandOf(confidence),
    approved: alias.approved !== null && APPROVAL_MARK.test(alias.approved.trim()),
    evidence: [{ source: 'declared', confidence: declared }],
  }
}

function normalizeClassification(declared: DraftProfile['classifications'][number], findings: Finding[]): Classification | null {
  const values = declared.values
  const code = values.code?.trim()
  if (!code) {
    findings.push({
      severity: 'warning',
      code: 'classification-without-code',
      field: 'classifications',
      message: `classification row without a code ignored: ${JSON.stringify(values)}`,
    })
    return null
  }
  let confidence = values.confidence !== undefined ? Number(values.confidence) : Number.NaN
  if (!Number.isFinite(confidence) || confidence < 0 || confidence > 1) {
    confidence = DECLARED_CLASSIFICATION_DEFAULT_CONFIDENCE
    findings.push({
      severity: 'info',
      code: 'classification-confidence-defaulted',
      field: 'classifications',
      message: `classification ${code} is declared without a confidence; ${DECLARED_CLASSIFICATION_DEFAULT_CONFIDENCE} used until the classifier scores it`,
    })
  }
  return {
    system: values.system?.trim() || systemOf(code, declared.systemHint),
    code,
    title: values.title?.trim() ?? '',
    source: values.source?.trim() || 'declared',
    confidence,
    reviewStatus: values.reviewStatus?.trim() || 'needs_review',
    evidence: ['declared on the page'],
  }
}

/** The code system, from the code's shape (`15-1252` SOC, `15-1252.00` O*NET-SOC, `2512` ISCO) and the heading. */
function systemOf(code: string, hint: string | null): string {
  if (/^\d{2}-\d{4}\.\d{2}$/.test(code)) return 'ONET-SOC'
  if (/^\d{2}-\d{4}$/.test(code)) return 'SOC2018'
  if (/^\d{1,4}$/.test(code) || /isco/i.test(hint ?? '')) return 'ISCO-08'
  return hint?.trim() || 'SOC2018'
}

const ROLE_CODE = /[A-Z][A-Z0-9]*(?:\.[A-Z0-9]+){2,}/
const MATCH_BAND = /^(?:low|medium|high|near|far|exact|close|strong|weak|partial)$/i

/** An adjacent role: title, code, distance (0–1) and match band, from separate pieces or one line of text. */
function parseAdjacentRole(role: DraftProfile['adjacentRoles'][number]): RoleProfile['adjacentRoles'][number] {
  if (role.parts.length > 1) {
    const result: RoleProfile['adjacentRoles'][number] = { code: null, title: '', distance: null, band: null }
    const title: string[] = []
    for (const part of role.parts) {
      if (result.code === null && new RegExp(`^${ROLE_CODE.source}$`).test(part)) result.code = part
      else if (result.distance === null && /^(?:0(?:\.\d+)?|1(?:\.0+)?)$/.test(part)) result.distance = Number(part)
      else if (result.band === null && MATCH_BAND.test(part)) result.band = part
      else title.push(part)
    }
    result.title = title.join(' ').trim()
    return result
  }
  const text = role.text
  const code = new RegExp(`\\b${ROLE_CODE.source}\\b`).exec(text)?.[0] ?? null
  const distance = /\b(0(?:\.\d+)?|1(?:\.0+)?)\b/.exec(text)?.[1]
  const band = /\b(low|medium|high|near|far|exact)\b/i.exec(text)?.[1] ?? null
  let title = text
  for (const piece of [code, distance, band]) if (piece) title = title.replace(piece, ' ')
  return { code, title: title.replace(/\s+/g, ' ').trim(), distance: distance !== undefined ? Number(distance) : null, band }
}
