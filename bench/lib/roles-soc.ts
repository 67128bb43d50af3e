// The role-level benchmark's data: the development pages' role families with the SOC 2018 codes an expert coder
// accepts (`role_pages_dev/ROLES_SOC.json`), the profiles canon parses from those pages today, and families
// constructed from the labels' own titles and levels (for pages the parser does not yet split into levels).

import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { RoleProfile } from '../../src/model/index.js'
import { parsePage } from '../../src/parse/parse-page.js'

export interface RoleLabel {
  file: string
  role: string
  levels: string[]
  soc_accept: string[]
  soc_best: string
  manager_levels: Record<string, { soc_accept: string[]; soc_best: string }> | null
}

export async function readRoleLabels(dir: string): Promise<RoleLabel[]> {
  return (JSON.parse(await readFile(path.join(dir, 'ROLES_SOC.json'), 'utf8')) as { roles: RoleLabel[] }).roles
}

/** The profiles canon parses from each labelled file today (files in label order, each once). */
export async function parseLabelledPages(dir: string, labels: readonly RoleLabel[]): Promise<RoleProfile[]> {
  const profiles: RoleProfile[] = []
  for (const file of [...new Set(labels.map((label) => label.file))]) {
    const bytes = new Uint8Array(await readFile(path.join(dir, file)))
    const result = parsePage({ path: file, bytes, contentHash: createHash('sha256').update(bytes).digest('hex') })
    profiles.push(...result.profiles.map((profile) => ({ ...profile, source: { ...profile.source, path: file } })))
  }
  return profiles
}

/** Page text without markup: tags, Markdown marks, and JSON/YAML punctuation become spaces. */
function plainText(raw: string): string {
  return raw
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/[#*_`>|{}[\]"]+/g, ' ')
    .replace(/[ \t]+/g, ' ')
}

/**
 * Families built from the labels: one profile per level, titled as the page titles it (the level label when it
 * names the role, else role and label), with the page's text when the page describes this role only (cut at
 * the headings naming each level when every level has one).
 */
export async function constructFamilies(dir: string, labels: readonly RoleLabel[]): Promise<{ label: RoleLabel; profiles: RoleProfile[] }[]> {
  const perFile = new Map<string, number>()
  for (const label of labels) perFile.set(label.file, (perFile.get(label.file) ?? 0) + 1)
  const out: { label: RoleLabel; profiles: RoleProfile[] }[] = []
  for (const label of labels) {
    const raw = await readFile(path.join(dir, label.file), 'utf8')
    const levels = label.levels.length > 0 ? label.levels : ['']
    const ownPage = perFile.get(label.file) === 1
    const lines = raw.split('\n')
    const headingOf = (level: string) => lines.findIndex((line) => /^\s*#/.test(line) && level !== '' && line.includes(level))
    const headings = levels.map(headingOf)
    const sectioned = ownPage && headings.every((at) => at >= 0)
    const profiles = levels.map((level, i) => {
      // A level word goes before the role ("Associate Product Designer"), a level code after it ("Engineer IC3").
      const word = /^[a-z][a-z-]+$/i.test(level) && !/^[ivx]+$/i.test(level)
      const title =
        level === '' ? label.role : level.toLowerCase().includes(label.role.toLowerCase()) ? level : word ? `${level} ${label.role}` : `${label.role} ${level}`
      let text = ''
      if (sectioned) {
        const next = lines.findIndex((line, at) => at > headings[i]! && /^\s*#/.test(line))
        text = plainText(lines.slice(headings[i]!, next < 0 ? lines.length : next).join('\n'))
      } else if (ownPage) text = plainText(raw)
      else text = roleSection(lines, label.role)
      return labelledProfile(label.file, title, level, text)
    })
    out.push({ label, profiles })
  }
  return out
}

/** On a page of several roles, the section under the first heading naming the role (to the next heading as high). */
function roleSection(lines: readonly string[], role: string): string {
  const depth = (line: string) => /^\s*(#*)/.exec(line)![1]!.length
  const start = lines.findIndex((line) => depth(line) > 0 && line.toLowerCase().includes(role.toLowerCase()))
  if (start < 0) return ''
  const end = lines.findIndex((line, at) => at > start && depth(line) > 0 && depth(line) <= depth(lines[start]!))
  return plainText(lines.slice(start, end < 0 ? lines.length : end).join('\n'))
}

function labelledProfile(file: string, title: string, level: string, text: string): RoleProfile {
  const sentences = text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 20)
  return {
    code: `${file}#${title}`,
    title,
    function: null,
    discipline: null,
    track: null,
    level: level
      ? {
          code: level,
          name: null,
          descriptor: null,
          scope: null,
          autonomy: null,
          complexity: null,
          impact: null,
          decisionRights: null,
          leadership: null,
          typicalExperience: null,
        }
      : null,
    status: 'draft',
    confidence: null,
    confidenceBand: null,
    scope: null,
    sourceVersion: null,
    summary: null,
    story: null,
    components: sentences.map((s) => ({ kind: 'responsibility', text: s, tags: [] })),
    coreOutputs: [],
    adjacentRoles: [],
    aliases: [],
    classifications: [],
    source: { path: file, format: 'md', contentHash: '' },
    findings: [],
  }
}

/**
 * The labelled family a parsed profile belongs to: among its file's labels whose role is found in its title, the
 * one found latest in the title (English titles end with their head noun: "Engineering Manager 1" is a manager,
 * not an engineer; "Director of Engineering" a director), the longest on ties. Undefined when none is found.
 */
export function ownerLabel(labels: readonly RoleLabel[], profile: RoleProfile): RoleLabel | undefined {
  const title = profile.title.toLowerCase()
  let best: { label: RoleLabel; end: number } | undefined
  for (const label of labels) {
    if (label.file !== profile.source.path) continue
    const role = label.role.toLowerCase()
    const at = title.lastIndexOf(role)
    if (at < 0) continue
    const end = at + role.length
    if (!best || end > best.end || (end === best.end && role.length > best.label.role.length)) best = { label, end }
  }
  return best?.label
}

/** The codes accepted for a profile of a labelled family: its level's management codes when it is one. */
export function acceptedFor(label: RoleLabel, profile: RoleProfile): string[] {
  for (const [level, codes] of Object.entries(label.manager_levels ?? {})) {
    const title = profile.title.toLowerCase()
    if (profile.level?.code === level || new RegExp(`(?<![a-z0-9])${level.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![a-z0-9])`).test(title)) {
      return codes.soc_accept
    }
  }
  return label.soc_accept
}

/** The primary SOC 2018 row canon inferred for a profile. */
export function primaryRow(profile: RoleProfile) {
  return profile.classifications.find((row) => row.system === 'SOC2018' && row.source.startsWith('inferred'))
}

export interface RoleScore {
  families: number
  familiesAccepted: number
  familiesConsistent: number
  profiles: number
  profilesAccepted: number
  autoAccepted: number
  autoAcceptedCorrect: number
  wrong: string[]
  inconsistent: string[]
  /** Auto-accepted profiles coded outside their accepted set. */
  wrongAccepted: string[]
}

/** Scores coded families against their labels. */
export function scoreFamilies(families: readonly { label: RoleLabel; profiles: readonly RoleProfile[] }[]): RoleScore {
  const score: RoleScore = {
    families: 0,
    familiesAccepted: 0,
    familiesConsistent: 0,
    profiles: 0,
    profilesAccepted: 0,
    autoAccepted: 0,
    autoAcceptedCorrect: 0,
    wrong: [],
    inconsistent: [],
    wrongAccepted: [],
  }
  for (const { label, profiles } of families) {
    if (profiles.length === 0) continue
    score.families += 1
    let all = true
    const managerLevels = new Set(Object.keys(label.manager_levels ?? {}))
    const codesByGroup = new Map<boolean, Set<string>>()
    for (const profile of profiles) {
      const row = primaryRow(profile)
      const accepted = acceptedFor(label, profile)
      const ok = row !== undefined && accepted.includes(row.code)
      score.profiles += 1
      if (ok) score.profilesAccepted += 1
      else all = false
      if (row?.reviewStatus === 'auto_accepted') {
        score.autoAccepted += 1
        if (ok) score.autoAcceptedCorrect += 1
        else score.wrongAccepted.push(`${label.file} "${profile.title}": ${row.code}, accepted ${accepted.join(', ')}`)
      }
      const manager = accepted !== label.soc_accept || managerLevels.has(profile.level?.code ?? '')
      const set = codesByGroup.get(manager) ?? new Set<string>()
      set.add(row?.code ?? '-')
      codesByGroup.set(manager, set)
    }
    if (all) score.familiesAccepted += 1
    else {
      const got = [...new Set(profiles.map((p) => primaryRow(p)?.code ?? '-'))].join('/')
      score.wrong.push(`${label.file} "${label.role}": got ${got}, accepted ${label.soc_accept.join(', ')}`)
    }
    if ([...codesByGroup.values()].every((set) => set.size === 1)) score.familiesConsistent += 1
    else score.inconsistent.push(`${label.file} "${label.role}": ${profiles.map((p) => `${p.title} ${primaryRow(p)?.code ?? '-'}`).join(', ')}`)
  }
  return score
}
