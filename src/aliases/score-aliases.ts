// The aliases stage: merges aliases with one normalised key within a role, applies alias decisions, finds keys
// claimed by several roles, and scores every alias's confidence from its evidence. Pure: the same roles,
// reference titles and decisions give the same output, whatever their order.

import type {
  Alias,
  AliasClaim,
  AliasConflict,
  AliasDecision,
  AliasEvidence,
  Classification,
  Finding,
  RoleProfile,
  StaleAliasDecision,
} from '../model/index.js'
import { aliasKey } from './alias-key.js'
import {
  bandOf,
  clamp01,
  noisyOr,
  REFERENCE_EXACT_WEIGHT,
  REFERENCE_HEAD_WEIGHT,
  roundConfidence,
  UNSTATED_CONFIDENCE,
} from './confidence.js'
import type { ReferenceTitles } from './reference-titles.js'

export interface ScoreAliasesOptions {
  /** O*NET alternate titles of a SOC 2018 detailed code; see `referenceTitlesFromReference`. */
  referenceTitles: ReferenceTitles
  /** Curation decisions; for one role and alias key, the last one in the list wins. */
  decisions?: readonly AliasDecision[]
}

export interface ScoreAliasesResult {
  /** The input roles in input order, with merged, decided and scored aliases (sorted by confidence, then key). */
  roles: RoleProfile[]
  /** Keys claimed by two or more roles, sorted by key. */
  conflicts: AliasConflict[]
  /** Decisions whose role or alias is not in this build, in input order. */
  staleDecisions: StaleAliasDecision[]
  /** How many aliases were folded into another alias of the same role as a variant. */
  merged: number
}

/** Evidence sources the stage derives itself; they are recomputed on every run, never read back. */
const DERIVED_SOURCES: ReadonlySet<string> = new Set(['reference', 'conflict'])

/** One surface form of a draft alias and what ranks it as the preferred text. */
interface SurfaceForm {
  text: string
  approved: boolean
  /** The input alias's own text (true) or one of its variants (false): keeps re-runs stable. */
  primary: boolean
  confidence: number
  type: string
}

/** An alias of one role while the stage works on it. */
interface DraftAlias {
  key: string
  forms: Map<string, SurfaceForm>
  /** Base evidence by origin (source + detail): variants of one source collapse to one entry. */
  evidence: Map<string, AliasEvidence>
  approved: boolean
  support: number
  reference: AliasEvidence | null
}

interface DraftRole {
  role: RoleProfile
  titleKey: string
  aliases: Map<string, DraftAlias>
  findings: Finding[]
}

/** Merges, decides and scores the aliases of every role. */
export function scoreAliases(roles: readonly RoleProfile[], options: ScoreAliasesOptions): ScoreAliasesResult {
  let merged = 0
  const drafts = roles.map((role) => {
    const draft = draftRole(role)
    merged += draft.merged
    return draft.role
  })
  const staleDecisions = applyDecisions(drafts, options.decisions ?? [])
  const referenceIndex = createReferenceIndex(options.referenceTitles)
  for (const draft of drafts) {
    const socCodes = detailedSocCodes(draft.role.classifications)
    for (const alias of draft.aliases.values()) {
      alias.reference = referenceEvidence(alias.key, socCodes, referenceIndex)
      const confidences = [...alias.evidence.values()].map((entry) => entry.confidence ?? UNSTATED_CONFIDENCE)
      if (alias.reference) confidences.push(alias.reference.confidence ?? 0)
      alias.support = noisyOr(confidences)
    }
  }
  const { conflicts, penalties } = findConflicts(drafts)
  const scored = drafts.map((draft) => finishRole(draft, penalties))
  // Final confidences of the claims are known only now.
  if (conflicts.length > 0) {
    const finalConfidence = new Map<string, number>()
    for (const role of scored) {
      for (const alias of role.aliases) {
        const id = `${role.code}\u0000${alias.key}`
        finalConfidence.set(id, Math.max(finalConfidence.get(id) ?? 0, alias.confidence))
      }
    }
    for (const conflict of conflicts) {
      for (const claim of conflict.claims) {
        if (claim.kind === 'alias') claim.confidence = finalConfidence.get(`${claim.roleCode}\u0000${conflict.key}`) ?? claim.confidence
      }
    }
  }
  return { roles: scored, conflicts, staleDecisions, merged }
}

function draftRole(role: RoleProfile): { role: DraftRole; merged: number } {
  const titleKey = aliasKey(role.title)
  const aliases = new Map<string, DraftAlias>()
  const findings: Finding[] = []
  let merged = 0
  for (const alias of role.aliases) {
    const key = aliasKey(alias.text)
    if (key === '') {
      findings.push({
        severity: 'warning',
        code: 'alias_empty',
        message: `alias "${alias.text}" has no letters or digits; it was left out`,
        field: 'aliases',
      })
      continue
    }
    if (key === titleKey) {
      findings.push({
        severity: 'info',
        code: 'alias_is_title',
        message: `alias "${alias.text}" is the role's own title; it was left out`,
        field: 'aliases',
      })
      continue
    }
    let draft = aliases.get(key)
    if (draft) {
      merged++
    } else {
      draft = { key, forms: new Map(), evidence: new Map(), approved: false, support: 0, reference: null }
      aliases.set(key, draft)
    }
    draft.approved ||= alias.approved
    const confidence = clamp01(alias.confidence)
    addForm(draft, { text: alias.text, approved: alias.approved, primary: true, confidence, type: alias.type })
    for (const variant of alias.variants) {
      addForm(draft, { text: variant, approved: false, primary: false, confidence, type: alias.type })
    }
    const evidence = alias.evidence.filter((entry) => !DERIVED_SOURCES.has(entry.source))
    if (evidence.length === 0) evidence.push({ source: 'declared', confidence })
    for (const entry of evidence) addEvidence(draft, entry)
  }
  return { role: { role, titleKey, aliases, findings }, merged }
}

function addForm(draft: DraftAlias, form: SurfaceForm): void {
  const existing = draft.forms.get(form.text)
  if (!existing || rankForms(form, existing) < 0) draft.forms.set(form.text, form)
}

/** Orders surface forms, preferred first: approved, the alias's own text, higher confidence, then by text. */
function rankForms(a: SurfaceForm, b: SurfaceForm): number {
  if (a.approved !== b.approved) return a.approved ? -1 : 1
  if (a.primary !== b.primary) return a.primary ? -1 : 1
  if (a.confidence !== b.confidence) return b.confidence - a.confidence
  if (a.text !== b.text) return a.text < b.text ? -1 : 1
  return a.type < b.type ? -1 : a.type > b.type ? 1 : 0
}

function addEvidence(draft: DraftAlias, entry: AliasEvidence): void {
  const origin = `${entry.source}\u0000${entry.detail ?? ''}`
  const existing = draft.evidence.get(origin)
  const value = (e: AliasEvidence) => (e.confidence === null ? -1 : e.confidence)
  if (!existing || value(entry) > value(existing)) {
    const confidence = entry.confidence === null ? null : clamp01(entry.confidence)
    draft.evidence.set(origin, entry.detail === undefined ? { source: entry.source, confidence } : { source: entry.source, confidence, detail: entry.detail })
  }
}

function applyDecisions(drafts: readonly DraftRole[], decisions: readonly AliasDecision[]): StaleAliasDecision[] {
  const rolesByCode = new Map<string, DraftRole[]>()
  for (const draft of drafts) {
    const list = rolesByCode.get(draft.role.code) ?? []
    list.push(draft)
    rolesByCode.set(draft.role.code, list)
  }
  // For one role and alias key, only the latest decision counts; earlier ones are superseded, not stale.
  const latest = new Map<string, { decision: AliasDecision; key: string; index: number }>()
  decisions.forEach((decision, index) => {
    const key = aliasKey(decision.alias)
    latest.set(`${decision.roleCode}\u0000${key}`, { decision, key, index })
  })
  const stale: { decision: StaleAliasDecision; index: number }[] = []
  const markStale = (decision: AliasDecision, index: number, staleReason: string) =>
    stale.push({ decision: { ...decision, staleReason }, index })
  for (const { decision, key, index } of latest.values()) {
    const targets = rolesByCode.get(decision.roleCode)
    if (!targets) {
      markStale(decision, index, `role ${decision.roleCode} is not in this build`)
      continue
    }
    if (key === '') {
      markStale(decision, index, `alias "${decision.alias}" has no letters or digits`)
      continue
    }
    const detail = `${decision.action === 'add' ? 'added' : decision.action === 'approve' ? 'approved' : 'rejected'} by ${decision.author}${
      decision.reason ? `: ${decision.reason}` : ''
    }`
    const evidence: AliasEvidence = { source: 'decision', confidence: 1, detail }
    let applied = false
    for (const target of targets) {
      if (key === target.titleKey) continue
      const alias = target.aliases.get(key)
      if (decision.action === 'reject') {
        if (alias) target.aliases.delete(key)
        applied ||= alias !== undefined
      } else if (alias) {
        alias.approved = true
        addEvidence(alias, evidence)
        applied = true
      } else if (decision.action === 'add') {
        const created: DraftAlias = { key, forms: new Map(), evidence: new Map(), approved: true, support: 0, reference: null }
        addForm(created, { text: decision.alias, approved: true, primary: true, confidence: 1, type: decision.type ?? 'common' })
        addEvidence(created, evidence)
        target.aliases.set(key, created)
        applied = true
      }
    }
    if (!applied) {
      const reason = targets.every((target) => target.titleKey === key)
        ? `"${decision.alias}" is the role's own title, not an alias`
        : `role ${decision.roleCode} has no alias "${decision.alias}" (key "${key}")`
      markStale(decision, index, reason)
    }
  }
  return stale.sort((a, b) => a.index - b.index).map((entry) => entry.decision)
}

const DETAILED_SOC = /^\d\d-\d{3}[1-9]$/

/** The role's SOC 2018 detailed codes (from SOC2018 or O*NET-SOC classifications) and their confidence. */
function detailedSocCodes(classifications: readonly Classification[]): Map<string, number> {
  const codes = new Map<string, number>()
  for (const classification of classifications) {
    if (classification.reviewStatus === 'rejected') continue
    let code: string | null = null
    if (classification.system === 'SOC2018') code = classification.code
    else if (classification.system === 'ONET-SOC') code = classification.code.slice(0, 7)
    if (code === null || !DETAILED_SOC.test(code)) continue
    codes.set(code, Math.max(codes.get(code) ?? 0, clamp01(classification.confidence)))
  }
  return codes
}

/** Keys of the reference titles of each SOC code, computed once per code per run. */
type ReferenceIndex = (socCode: string) => ReadonlyMap<string, string>

function createReferenceIndex(referenceTitles: ReferenceTitles): ReferenceIndex {
  const cache = new Map<string, Map<string, string>>()
  return (socCode) => {
    let index = cache.get(socCode)
    if (!index) {
      index = new Map()
      for (const title of referenceTitles(socCode)) {
        const key = aliasKey(title)
        const known = index.get(key)
        if (key !== '' && (known === undefined || title < known)) index.set(key, title)
      }
      cache.set(socCode, index)
    }
    return index
  }
}

/**
 * The strongest reference evidence over the role's SOC codes: an O*NET alternate title with the alias's key
 * (exact), or one of two words or more that ends the alias once trailing level numbers are dropped (head).
 * Several SOC codes are not independent evidence, so only the best one counts.
 */
function referenceEvidence(key: string, socCodes: ReadonlyMap<string, number>, index: ReferenceIndex): AliasEvidence | null {
  let best: AliasEvidence | null = null
  const codes = [...socCodes.keys()].sort()
  const words = key.split(' ')
  let end = words.length
  while (end > 0 && /^\d+$/.test(words[end - 1]!)) end--
  for (const code of codes) {
    const titles = index(code)
    if (titles.size === 0) continue
    const weight = socCodes.get(code)!
    let found: AliasEvidence | null = null
    const exact = titles.get(key)
    if (exact !== undefined) {
      found = { source: 'reference', confidence: REFERENCE_EXACT_WEIGHT * weight, detail: `O*NET ${code}: ${exact}` }
    } else {
      for (let start = 0; start <= end - 2; start++) {
        const head = titles.get(words.slice(start, end).join(' '))
        if (head !== undefined) {
          found = { source: 'reference', confidence: REFERENCE_HEAD_WEIGHT * weight, detail: `O*NET ${code}: ${head} (head phrase)` }
          break
        }
      }
    }
    if (found && (best === null || found.confidence! > best.confidence!)) best = found
  }
  if (best) best.confidence = roundConfidence(best.confidence!)
  return best
}

interface Penalty {
  /** The role's share of the total support for the key, in (0, 1]. */
  share: number
  detail: string
}

/** Finds keys claimed by several roles; the penalty of each contested alias is keyed by role index and key. */
function findConflicts(drafts: readonly DraftRole[]): { conflicts: AliasConflict[]; penalties: Map<DraftAlias, Penalty> } {
  // Claims by key, then by role code (two profiles with one code are one role, not a conflict).
  const byKey = new Map<string, Map<string, AliasClaim>>()
  const claim = (key: string, next: AliasClaim) => {
    let roles = byKey.get(key)
    if (!roles) {
      roles = new Map()
      byKey.set(key, roles)
    }
    const id = `${next.roleCode}\u0000${next.kind}`
    const existing = roles.get(id)
    if (!existing || next.support > existing.support || (next.support === existing.support && next.text < existing.text)) {
      roles.set(id, { ...next, approved: next.approved || (existing?.approved ?? false) })
    }
  }
  for (const draft of drafts) {
    for (const alias of draft.aliases.values()) {
      const support = alias.approved ? 1 : roundConfidence(alias.support)
      const text = preferredForm(alias).text
      claim(alias.key, { roleCode: draft.role.code, kind: 'alias', text, support, confidence: support, approved: alias.approved })
    }
  }
  for (const draft of drafts) {
    // A title matters only where some other role lists it as an alias.
    if (draft.titleKey !== '' && byKey.has(draft.titleKey)) {
      claim(draft.titleKey, { roleCode: draft.role.code, kind: 'title', text: draft.role.title, support: 1, confidence: 1, approved: false })
    }
  }
  const conflicts: AliasConflict[] = []
  const shares = new Map<string, Map<string, { share: number; detail: string }>>()
  for (const [key, roleClaims] of byKey) {
    const claims = [...roleClaims.values()]
    const codes = new Set(claims.map((c) => c.roleCode))
    if (codes.size < 2 || !claims.some((c) => c.kind === 'alias')) continue
    claims.sort((a, b) => (a.roleCode < b.roleCode ? -1 : a.roleCode > b.roleCode ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0))
    // One role's strength on the key: its title or approved alias is 1, else its alias's support.
    const strength = new Map<string, number>()
    for (const c of claims) strength.set(c.roleCode, Math.max(strength.get(c.roleCode) ?? 0, c.kind === 'title' ? 1 : c.support))
    const total = [...strength.values()].reduce((sum, value) => sum + value, 0)
    const winners = new Set(claims.filter((c) => c.kind === 'title' || c.approved).map((c) => c.roleCode))
    const resolvedFor = winners.size === 1 ? [...winners][0]! : null
    conflicts.push({ key, claims, status: resolvedFor === null ? 'open' : 'resolved', resolvedFor })
    const perRole = new Map<string, { share: number; detail: string }>()
    for (const code of codes) {
      const others = claims
        .filter((c) => c.roleCode !== code)
        .map((c) => `${c.roleCode}${c.kind === 'title' ? ' (title)' : c.approved ? ' (approved)' : ''}`)
      const share = total > 0 ? strength.get(code)! / total : 1 / codes.size
      const outcome = resolvedFor === null ? 'open' : resolvedFor === code ? `resolved for this role` : `resolved for ${resolvedFor}`
      perRole.set(code, { share, detail: `also claimed by ${others.join(', ')}; ${outcome}` })
    }
    shares.set(key, perRole)
  }
  conflicts.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  const penalties = new Map<DraftAlias, Penalty>()
  for (const draft of drafts) {
    for (const alias of draft.aliases.values()) {
      const penalty = shares.get(alias.key)?.get(draft.role.code)
      if (penalty) penalties.set(alias, penalty)
    }
  }
  return { conflicts, penalties }
}

function preferredForm(alias: DraftAlias): SurfaceForm {
  let best: SurfaceForm | null = null
  for (const form of alias.forms.values()) if (best === null || rankForms(form, best) < 0) best = form
  return best!
}

function finishRole(draft: DraftRole, penalties: ReadonlyMap<DraftAlias, Penalty>): RoleProfile {
  const aliases: Alias[] = []
  for (const alias of draft.aliases.values()) {
    const preferred = preferredForm(alias)
    const evidence = [...alias.evidence.values()].sort(compareEvidence)
    if (alias.reference) evidence.push(alias.reference)
    const penalty = penalties.get(alias)
    let confidence = alias.support
    if (penalty) {
      evidence.push({ source: 'conflict', confidence: roundConfidence(penalty.share), detail: penalty.detail })
      confidence *= penalty.share
    }
    if (alias.approved) confidence = 1
    confidence = roundConfidence(confidence)
    const variants = [...alias.forms.keys()].filter((text) => text !== preferred.text).sort()
    aliases.push({
      text: preferred.text,
      key: alias.key,
      variants,
      type: preferred.type,
      confidence,
      band: bandOf(confidence),
      approved: alias.approved,
      evidence,
    })
  }
  aliases.sort((a, b) => b.confidence - a.confidence || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  const added = [...draft.findings].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.message < b.message ? -1 : a.message > b.message ? 1 : 0))
  return { ...draft.role, aliases, findings: mergeFindings(draft.role.findings, added) }
}

function compareEvidence(a: AliasEvidence, b: AliasEvidence): number {
  if (a.source !== b.source) return a.source < b.source ? -1 : 1
  const da = a.detail ?? ''
  const db = b.detail ?? ''
  if (da !== db) return da < db ? -1 : 1
  return (b.confidence ?? -1) - (a.confidence ?? -1)
}

/** Adds new findings, skipping any the role already carries (a re-run adds nothing). */
function mergeFindings(existing: readonly Finding[], added: readonly Finding[]): Finding[] {
  const seen = new Set(existing.map((f) => `${f.severity}\u0000${f.code}\u0000${f.field ?? ''}\u0000${f.message}`))
  const out = [...existing]
  for (const finding of added) {
    const id = `${finding.severity}\u0000${finding.code}\u0000${finding.field ?? ''}\u0000${finding.message}`
    if (!seen.has(id)) {
      seen.add(id)
      out.push(finding)
    }
  }
  return out
}
