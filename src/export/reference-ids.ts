// Stable reference IDs for the objects HRIS profiles load before job profiles (job families, family groups,
// management levels, job levels, classification groups, competencies). Derived from canon's own values by one
// documented rule (docs/exports.md, "Reference IDs"), so every release gives an object the same ID and a reload
// updates it instead of creating a second one. Pure.

import { createHash } from 'node:crypto'
import type { RoleProfile } from '../model/index.js'
import { KNOWN_COMPONENT_BADGES } from '../parse/canon-app.js'

/** The longest ID every target takes: Oracle HDL codes (30); SuccessFactors' externalCode allows 32. */
export const maxReferenceIdLength = 30

/** The text an ID is derived from: trimmed, spaces collapsed, lower case (so case or spacing never splits an object). */
const nameKey = (parts: readonly (string | null | undefined)[]): string => parts.map((p) => (p ?? '').trim().replace(/\s+/g, ' ').toLowerCase()).join('|')

/**
 * `<PREFIX>_<SLUG>`: the name's letters and digits in upper case (accents dropped), other runs as `_`. When that
 * is longer than 30 characters it is cut and ends with `_` and the first 4 hex digits of SHA-256 over the name,
 * so two long names that share a beginning keep different IDs.
 */
export function referenceId(prefix: string, parts: readonly (string | null | undefined)[]): string {
  // Every role asks for its family's, group's and level's IDs in several files: a few hundred distinct names.
  const key = `${prefix}\u0000${parts.join('\u0000')}`
  const known = idCache.get(key)
  if (known !== undefined) return known
  const id = deriveReferenceId(prefix, parts)
  if (idCache.size >= idCacheLimit) idCache.clear()
  idCache.set(key, id)
  return id
}

/** Derived IDs by prefix and parts (a pure function's results, so sharing them across exports is safe). */
const idCache = new Map<string, string>()
const idCacheLimit = 50_000

function deriveReferenceId(prefix: string, parts: readonly (string | null | undefined)[]): string {
  const text = parts
    .map((p) => (p ?? '').trim())
    .filter((p) => p !== '')
    .join(' ')
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
  const id = `${prefix}_${slug || 'X'}`
  if (id.length <= maxReferenceIdLength) return id
  const hash = createHash('sha256').update(nameKey(parts)).digest('hex').slice(0, 4).toUpperCase()
  return `${id.slice(0, maxReferenceIdLength - 5).replace(/_+$/, '')}_${hash}`
}

/** A job family: canon's function and discipline (the family a role's levels share). Null without a discipline. */
export function jobFamilyId(profile: RoleProfile): string | null {
  return profile.discipline ? referenceId('JF', [profile.function, profile.discipline]) : null
}

/** The family's display name: the discipline (the function, when there is one, is the family group). */
export const jobFamilyName = (profile: RoleProfile): string | null => profile.discipline

/** A job family group: canon's function. Null when the role has none. */
export function jobFamilyGroupId(profile: RoleProfile): string | null {
  return profile.function ? referenceId('JFG', [profile.function]) : null
}

/** A management level: canon's track (Individual Contributor, Manager, …). Null when the role has none. */
export function managementLevelId(profile: RoleProfile): string | null {
  return profile.track ? referenceId('ML', [profile.track]) : null
}

/** A job level: canon's level code (`IC3`, `P3`, `L2`). Null when the role has no level. */
export function jobLevelId(profile: RoleProfile): string | null {
  return profile.level?.code ? referenceId('JL', [profile.level.code]) : null
}

/** A job classification group: one per code system (SOC2018, ONET-SOC, ISCO-08). */
export const classificationGroupId = (system: string): string => referenceId('JCG', [system])

/** A job classification inside its group: the system and the code as published (`SOC2018_15-1252`). */
export const classificationId = (system: string, code: string): string => `${system}_${code}`.replace(/[^A-Za-z0-9._-]+/g, '_')

const badgeWords = new Set(KNOWN_COMPONENT_BADGES)

/**
 * A competency: its area when the page gives one (the innermost tag that is a heading, not a canon-app badge
 * such as `common` or `level`: "Impact", "Communication"), else its own text.
 */
export function competencyName(component: { text: string; tags: readonly string[] }): string {
  const area = component.tags.filter((tag) => tag.trim() !== '' && !badgeWords.has(tag.trim().toLowerCase())).at(-1)
  return area?.trim() || component.text
}

export const competencyId = (name: string): string => referenceId('COMP', [name])

/** A role independent of level (Job Profile Builder's "role"): function, discipline and track. */
export function roleFamilyName(profile: RoleProfile): string {
  const base = profile.discipline ?? profile.title
  return profile.track ? `${base} (${profile.track})` : base
}
