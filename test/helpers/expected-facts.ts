// The hard facts of a role-page corpus's EXPECTED.json (profile counts, titles, levels, minimum components,
// text that must not appear), checked against parsePage's profiles — what the corpus's check_expected.py checks.
// One difference: `must_not_contain` is looked for in each title, summary and component text on its own; the
// script looks in all of them joined with " || ", where "| E" then matches any component that starts with E.

import { readFileSync } from 'node:fs'
import type { RoleProfile } from '../../src/model/index.js'
import { parsePage } from '../../src/parse/parse-page.js'
import { pageOf } from './pages.js'

export interface ExpectedFacts {
  file: string
  min_profiles: number
  max_profiles: number
  expect_quarantined?: boolean
  quarantine_allowed?: boolean
  titles_contain?: string[]
  titles_should_contain?: string[]
  title_must_not_contain?: string[]
  max_title_length?: number
  levels?: string[]
  min_components_per_profile?: number
  must_not_contain?: string[]
  component_must_not_equal?: string[]
  summary_must_not_contain?: string[]
}

/** The entries of an EXPECTED.json file. */
export function readExpected(folder: URL): ExpectedFacts[] {
  return (JSON.parse(readFileSync(new URL('EXPECTED.json', folder), 'utf8')) as { files: ExpectedFacts[] }).files
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function levelMatches(token: string, profile: RoleProfile): boolean {
  const t = token.toLowerCase()
  if ((profile.level?.code ?? '').toLowerCase() === t || (profile.level?.name ?? '').toLowerCase() === t) return true
  return new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(t)}(?![A-Za-z0-9])`).test(profile.title.toLowerCase())
}

/** Parses the file and lists every hard fact it breaks (empty when all hold). */
export function brokenFacts(folder: URL, facts: ExpectedFacts): string[] {
  const result = parsePage(pageOf(facts.file, readFileSync(new URL(facts.file, folder))))
  const profiles = result.profiles
  const broken: string[] = []
  const n = profiles.length
  const quarantined = n === 0 && result.rejected.length > 0
  if (facts.expect_quarantined && !quarantined) broken.push('not quarantined')
  if (!facts.expect_quarantined && !facts.quarantine_allowed && n === 0) broken.push(`no profiles (${result.rejected.map((r) => r.message).join('; ')})`)
  if ((n < facts.min_profiles || n > facts.max_profiles) && !(facts.quarantine_allowed && n === 0)) {
    broken.push(`${n} profiles, expected ${facts.min_profiles}–${facts.max_profiles}`)
  }
  const titles = profiles.map((p) => p.title)
  const inTitles = (s: string) => titles.some((t) => t.toLowerCase().includes(s.toLowerCase()))
  for (const s of facts.titles_contain ?? []) if (!inTitles(s)) broken.push(`no title contains "${s}"`)
  for (const s of facts.titles_should_contain ?? []) if (n > 0 && !inTitles(s)) broken.push(`no title contains "${s}"`)
  for (const s of facts.title_must_not_contain ?? []) if (inTitles(s)) broken.push(`a title contains "${s}"`)
  if (facts.max_title_length !== undefined && titles.some((t) => t.length > facts.max_title_length!)) broken.push('a title is too long')
  for (const s of facts.levels ?? []) if (!profiles.some((p) => levelMatches(s, p))) broken.push(`level ${s} missing`)
  const min = facts.min_components_per_profile
  if (min && profiles.some((p) => p.components.length < min))
    broken.push(`a profile has fewer than ${min} components (${profiles.map((p) => p.components.length)})`)
  const texts = profiles.flatMap((p) => p.components.map((c) => c.text))
  const everything = [...texts, ...titles, ...profiles.map((p) => p.summary ?? '')]
  for (const s of facts.must_not_contain ?? []) if (everything.some((t) => t.includes(s))) broken.push(`contains "${s}"`)
  for (const s of facts.component_must_not_equal ?? []) if (texts.some((t) => t.trim() === s)) broken.push(`a component is "${s}"`)
  for (const s of facts.summary_must_not_contain ?? []) if (profiles.some((p) => (p.summary ?? '').includes(s))) broken.push(`a summary contains "${s}"`)
  return broken
}
