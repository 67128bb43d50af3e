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
import { bandOf } from '../vocabulary/confidence-bands.js'
import { clamp01, REFERENCE_EXACT_WEIGHT, REFERENCE_HEAD_WEIGHT, roundConfidence, UNSTATED_CONFIDENCE } from './confidence.js'
import type { ReferenceTitles } from './reference-titles.js'

export interface ScoreAliasesOptions {
  /** O*NET alternate titles of a SOC 2018 detailed code; see `referenceTitlesFromReference`. */
  referenceTitles: ReferenceTitles
  /** Curation decisions; for one role and alias key, the latest wins (by `decidedAt`, then list order). */
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

/** How many other roles a conflict's evidence names before "and N more". */
const NAMED_CLAIMANTS = 5

/** The effect of a conflict on one role's alias: its share of the key's total support, and why. */
interface Penalty {
  share: number
  detail: string
}

/** An alias of one role while the stage works on it. */
interface DraftAlias {
  key: string
  /** The input aliases merged here (an `add` decision contributes one of its own). */
  sources: Alias[]
  /** Base evidence, one entry per origin (source + detail): variants of one source collapse to one entry. */
  evidence: AliasEvidence[]
  /** `evidence` is still the input alias's own array: copy before changing it. */
  evidenceShared: boolean
  approved: boolean
  reference: AliasEvidence | null
  /** Noisy-OR of the evidence, before any conflict penalty. */
  support: number
  penalty: Penalty | null
  /** The final confidence, once scored. */
  confidence: number
  preferred: { text: string; type: string } | null
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
  const drafts: DraftRole[] = []
  for (const role of roles) {
    const draft = draftRole(role)
    merged += draft.merged
    drafts.push(draft.role)
  }
  const staleDecisions = applyDecisions(drafts, options.decisions ?? [])
  const referenceIndex = createReferenceIndex(options.referenceTitles)
  for (const draft of drafts) {
    const socCodes = detailedSocCodes(draft.role.classifications)
    for (const alias of draft.aliases.values()) {
      alias.reference = socCodes.length === 0 ? null : referenceEvidence(alias.key, socCodes, referenceIndex)
      // Noisy-OR: the chance that at least one independent source is right. Multiplied in the order the evidence
      // is written out, so scoring a scored role again gives the same support to the last bit.
      let allWrong = 1
      const evidence = alias.evidence.length > 1 ? [...alias.evidence].sort(compareEvidence) : alias.evidence
      for (const entry of evidence) allWrong *= 1 - (entry.confidence ?? UNSTATED_CONFIDENCE)
      if (alias.reference) allWrong *= 1 - alias.reference.confidence!
      alias.support = 1 - allWrong
    }
  }
  const contested = findConflicts(drafts)
  const scored = drafts.map(finishRole)
  return { roles: scored, conflicts: contested.map(describeConflict), staleDecisions, merged }
}

/** How many aliases `scoreAliases` folds into another alias of the same role (its `merged`), without scoring. */
export function countMergedAliases(roles: readonly RoleProfile[]): number {
  let merged = 0
  for (const role of roles) merged += draftRole(role).merged
  return merged
}

function newDraftAlias(key: string): DraftAlias {
  return {
    key,
    sources: [],
    evidence: [],
    evidenceShared: false,
    approved: false,
    reference: null,
    support: 0,
    penalty: null,
    confidence: 0,
    preferred: null,
  }
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
      draft = newDraftAlias(key)
      aliases.set(key, draft)
      if (isCleanBaseEvidence(alias.evidence)) {
        // The common case, one alias with well-formed evidence: share its array until something changes it.
        draft.sources.push(alias)
        draft.approved = alias.approved
        draft.evidence = alias.evidence
        draft.evidenceShared = true
        continue
      }
    }
    draft.sources.push(alias)
    draft.approved ||= alias.approved
    let based = false
    for (const entry of alias.evidence) {
      if (DERIVED_SOURCES.has(entry.source)) continue
      addEvidence(draft, entry)
      based = true
    }
    if (!based) addEvidence(draft, { source: 'declared', confidence: clamp01(alias.confidence) })
  }
  return { role: { role, titleKey, aliases, findings }, merged }
}

/** Evidence the stage can keep as it is: base sources only, confidences in [0, 1], one entry per origin. */
function isCleanBaseEvidence(evidence: readonly AliasEvidence[]): boolean {
  if (evidence.length === 0) return false
  for (let i = 0; i < evidence.length; i++) {
    const entry = evidence[i]!
    if (DERIVED_SOURCES.has(entry.source)) return false
    if (entry.confidence !== null && !(entry.confidence >= 0 && entry.confidence <= 1)) return false
    for (let j = 0; j < i; j++) if (evidence[j]!.source === entry.source && evidence[j]!.detail === entry.detail) return false
  }
  return true
}

/**
 * The alias's preferred surface form and type. Ranks every input text and variant: approved first, then an
 * alias's own text over its variants (keeps re-runs stable), higher declared confidence, then by text and type.
 */
function preferredForm(alias: DraftAlias): { text: string; type: string } {
  if (alias.preferred) return alias.preferred
  let text = ''
  let type = ''
  let approved = false
  let primary = false
  let confidence = -1
  const consider = (t: string, a: boolean, p: boolean, c: number, ty: string) => {
    const better = confidence < 0 || (a !== approved ? a : p !== primary ? p : c !== confidence ? c > confidence : t !== text ? t < text : ty < type)
    if (better) {
      text = t
      type = ty
      approved = a
      primary = p
      confidence = c
    }
  }
  for (const source of alias.sources) {
    const c = clamp01(source.confidence)
    consider(source.text, source.approved, true, c, source.type)
    for (const variant of source.variants) consider(variant, false, false, c, source.type)
  }
  alias.preferred = { text, type }
  return alias.preferred
}

/** Every surface form but the preferred one, sorted. */
function variantsOf(alias: DraftAlias, preferred: string): string[] {
  const [only] = alias.sources
  if (alias.sources.length === 1 && only!.variants.length === 0) return only!.text === preferred ? [] : [only!.text]
  const texts = new Set<string>()
  for (const source of alias.sources) {
    texts.add(source.text)
    for (const variant of source.variants) texts.add(variant)
  }
  texts.delete(preferred)
  return [...texts].sort()
}

/** Keeps one entry per origin (source + detail), the most confident one. */
function addEvidence(draft: DraftAlias, entry: AliasEvidence): void {
  if (draft.evidenceShared) {
    draft.evidence = [...draft.evidence]
    draft.evidenceShared = false
  }
  const confidence = entry.confidence === null ? null : clamp01(entry.confidence)
  const clean: AliasEvidence =
    confidence === entry.confidence
      ? entry
      : entry.detail === undefined
        ? { source: entry.source, confidence }
        : { source: entry.source, confidence, detail: entry.detail }
  const index = draft.evidence.findIndex((existing) => existing.source === entry.source && existing.detail === entry.detail)
  if (index < 0) draft.evidence.push(clean)
  else if ((confidence ?? -1) > (draft.evidence[index]!.confidence ?? -1)) draft.evidence[index] = clean
}

function applyDecisions(drafts: readonly DraftRole[], decisions: readonly AliasDecision[]): StaleAliasDecision[] {
  if (decisions.length === 0) return []
  const rolesByCode = new Map<string, DraftRole[]>()
  for (const draft of drafts) {
    const list = rolesByCode.get(draft.role.code)
    if (list) list.push(draft)
    else rolesByCode.set(draft.role.code, [draft])
  }
  // For one role and alias key, only the latest decision counts (by decidedAt, then list order); earlier ones
  // are superseded, not stale.
  const latest = new Map<string, { decision: AliasDecision; key: string; index: number }>()
  decisions.forEach((decision, index) => {
    const key = aliasKey(decision.alias)
    const id = `${decision.roleCode}\u0000${key}`
    const known = latest.get(id)
    if (!known || (decision.decidedAt ?? '') >= (known.decision.decidedAt ?? '')) latest.set(id, { decision, key, index })
  })
  const stale: { decision: StaleAliasDecision; index: number }[] = []
  const markStale = (decision: AliasDecision, index: number, staleReason: string) => stale.push({ decision: { ...decision, staleReason }, index })
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
    const verb = decision.action === 'add' ? 'added' : decision.action === 'approve' ? 'approved' : 'rejected'
    const evidence: AliasEvidence = {
      source: 'decision',
      confidence: 1,
      detail: `${verb} by ${decision.author}${decision.reason ? `: ${decision.reason}` : ''}`,
    }
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
        const created = newDraftAlias(key)
        created.approved = true
        created.sources.push({
          text: decision.alias,
          key,
          variants: [],
          type: decision.type ?? 'common',
          confidence: 1,
          band: 'high',
          approved: true,
          evidence: [evidence],
        })
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

/** The role's SOC 2018 detailed codes (from SOC2018 or O*NET-SOC classifications) with their confidence, by code. */
function detailedSocCodes(classifications: readonly Classification[]): [string, number][] {
  const codes = new Map<string, number>()
  for (const classification of classifications) {
    if (classification.reviewStatus === 'rejected') continue
    let code: string | null = null
    if (classification.system === 'SOC2018') code = classification.code
    else if (classification.system === 'ONET-SOC') code = classification.code.slice(0, 7)
    if (code === null || !DETAILED_SOC.test(code)) continue
    codes.set(code, Math.max(codes.get(code) ?? 0, clamp01(classification.confidence)))
  }
  return [...codes].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
}

/** Keys of the reference titles of each SOC code (key → title), computed once per code per run. */
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
        // Several titles with one key ("DevOps Engineer", "Dev Ops Engineer"): name the shortest in evidence.
        if (key !== '' && (known === undefined || title.length < known.length || (title.length === known.length && title < known))) {
          index.set(key, title)
        }
      }
      cache.set(socCode, index)
    }
    return index
  }
}

/** The key without trailing level numbers: "engineering devops engineer 3" → "engineering devops engineer". */
function withoutLevel(key: string): string {
  let end = key.length
  for (;;) {
    const space = key.lastIndexOf(' ', end - 1)
    if (space < 0) return key.slice(0, end)
    let digits = true
    for (let i = space + 1; i < end; i++) {
      const code = key.charCodeAt(i)
      if (code < 48 || code > 57) digits = false
    }
    if (!digits) return key.slice(0, end)
    end = space
  }
}

/**
 * The strongest reference evidence over the role's SOC codes: an O*NET alternate title with the alias's key
 * (exact), or one of two words or more that ends the alias once trailing level numbers are dropped (head).
 * Several SOC codes are not independent evidence, so only the best one counts.
 */
function referenceEvidence(key: string, socCodes: readonly [string, number][], index: ReferenceIndex): AliasEvidence | null {
  let best: AliasEvidence | null = null
  let core: string | null = null
  for (const [code, weight] of socCodes) {
    const titles = index(code)
    if (titles.size === 0) continue
    let found: AliasEvidence | null = null
    const exact = titles.get(key)
    if (exact !== undefined) {
      found = { source: 'reference', confidence: REFERENCE_EXACT_WEIGHT * weight, detail: `O*NET ${code}: ${exact}` }
    } else {
      core ??= withoutLevel(key)
      // Suffixes of two words or more, longest first: after each space but the last.
      let from = -1
      const last = core.lastIndexOf(' ')
      while (found === null && from < last) {
        const head = titles.get(from < 0 ? core : core.slice(from + 1))
        if (head !== undefined) {
          found = { source: 'reference', confidence: REFERENCE_HEAD_WEIGHT * weight, detail: `O*NET ${code}: ${head} (head phrase)` }
        }
        from = core.indexOf(' ', from + 1)
      }
    }
    if (found && (best === null || found.confidence! > best.confidence!)) best = found
  }
  if (best) best.confidence = roundConfidence(best.confidence!)
  return best
}

/** One role's hold on a key: an alias it lists, or its own title. */
interface ClaimRef {
  draft: DraftRole
  alias: DraftAlias | null
}

interface ContestedKey {
  key: string
  refs: ClaimRef[]
  resolvedFor: string | null
}

/** Finds keys claimed by several roles and sets the conflict penalty on each contested alias. */
function findConflicts(drafts: readonly DraftRole[]): ContestedKey[] {
  // Most keys have one claim: keep it bare and make an array only for the second.
  const byKey = new Map<string, ClaimRef | ClaimRef[]>()
  for (const draft of drafts) {
    for (const alias of draft.aliases.values()) {
      const ref = { draft, alias }
      const known = byKey.get(alias.key)
      if (known === undefined) byKey.set(alias.key, ref)
      else if (Array.isArray(known)) known.push(ref)
      else byKey.set(alias.key, [known, ref])
    }
  }
  for (const draft of drafts) {
    // A title matters only where some other role lists it as an alias.
    const known = byKey.get(draft.titleKey)
    if (known === undefined) continue
    const ref = { draft, alias: null }
    if (Array.isArray(known)) known.push(ref)
    else byKey.set(draft.titleKey, [known, ref])
  }
  const contested: ContestedKey[] = []
  for (const [key, known] of byKey) {
    if (!Array.isArray(known)) continue
    // One role's strength on the key: its title or approved alias is 1, else its alias's support.
    // Two profiles with one code are one role, not a conflict.
    const strength = new Map<string, number>()
    for (const ref of known) {
      const value = ref.alias === null || ref.alias.approved ? 1 : roundConfidence(ref.alias.support)
      strength.set(ref.draft.role.code, Math.max(strength.get(ref.draft.role.code) ?? 0, value))
    }
    if (strength.size < 2 || !known.some((ref) => ref.alias !== null)) continue
    const refs = [...known].sort(compareRefs)
    let total = 0
    for (const value of strength.values()) total += value
    const winners = new Set(refs.filter((ref) => ref.alias === null || ref.alias.approved).map((ref) => ref.draft.role.code))
    const resolvedFor = winners.size === 1 ? [...winners][0]! : null
    contested.push({ key, refs, resolvedFor })
    const claimsOf = new Map<string, number>()
    for (const ref of refs) claimsOf.set(ref.draft.role.code, (claimsOf.get(ref.draft.role.code) ?? 0) + 1)
    for (const ref of refs) {
      if (ref.alias === null) continue
      const code = ref.draft.role.code
      // Name a few other claimants; a key claimed by hundreds of roles would otherwise make this quadratic.
      const others: string[] = []
      for (const other of refs) {
        if (others.length === NAMED_CLAIMANTS) break
        if (other.draft.role.code === code) continue
        others.push(`${other.draft.role.code}${other.alias === null ? ' (title)' : other.alias.approved ? ' (approved)' : ''}`)
      }
      const more = refs.length - claimsOf.get(code)! - others.length
      const outcome = resolvedFor === null ? 'open' : resolvedFor === code ? 'resolved for this role' : `resolved for ${resolvedFor}`
      ref.alias.penalty = {
        share: total > 0 ? strength.get(code)! / total : 1 / strength.size,
        detail: `also claimed by ${others.join(', ')}${more > 0 ? ` and ${more} more` : ''}; ${outcome}`,
      }
    }
  }
  return contested.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
}

function compareRefs(a: ClaimRef, b: ClaimRef): number {
  const ca = a.draft.role.code
  const cb = b.draft.role.code
  if (ca !== cb) return ca < cb ? -1 : 1
  const ka = a.alias === null ? 'title' : 'alias'
  const kb = b.alias === null ? 'title' : 'alias'
  if (ka !== kb) return ka < kb ? -1 : 1
  // Two profiles of one code claiming one key: order by content so page order does not show.
  const sa = a.alias?.support ?? 1
  const sb = b.alias?.support ?? 1
  if (sa !== sb) return sb - sa
  const ta = a.alias ? preferredForm(a.alias).text : a.draft.role.title
  const tb = b.alias ? preferredForm(b.alias).text : b.draft.role.title
  return ta < tb ? -1 : ta > tb ? 1 : 0
}

function describeConflict(contested: ContestedKey): AliasConflict {
  const claims: AliasClaim[] = contested.refs.map((ref) =>
    ref.alias === null
      ? { roleCode: ref.draft.role.code, kind: 'title', text: ref.draft.role.title, support: 1, confidence: 1, approved: false }
      : {
          roleCode: ref.draft.role.code,
          kind: 'alias',
          text: preferredForm(ref.alias).text,
          support: ref.alias.approved ? 1 : roundConfidence(ref.alias.support),
          confidence: ref.alias.confidence,
          approved: ref.alias.approved,
        },
  )
  return { key: contested.key, claims, status: contested.resolvedFor === null ? 'open' : 'resolved', resolvedFor: contested.resolvedFor }
}

function finishRole(draft: DraftRole): RoleProfile {
  const aliases: Alias[] = []
  for (const alias of draft.aliases.values()) {
    const preferred = preferredForm(alias)
    const evidence = alias.evidence.length > 1 ? [...alias.evidence].sort(compareEvidence) : [...alias.evidence]
    if (alias.reference) evidence.push(alias.reference)
    let confidence = alias.support
    if (alias.penalty) {
      evidence.push({ source: 'conflict', confidence: roundConfidence(alias.penalty.share), detail: alias.penalty.detail })
      confidence *= alias.penalty.share
    }
    if (alias.approved) confidence = 1
    alias.confidence = roundConfidence(confidence)
    const variants = variantsOf(alias, preferred.text)
    aliases.push({
      text: preferred.text,
      key: alias.key,
      variants,
      type: preferred.type,
      confidence: alias.confidence,
      band: bandOf(alias.confidence),
      approved: alias.approved,
      evidence,
    })
  }
  aliases.sort((a, b) => b.confidence - a.confidence || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  if (draft.findings.length === 0) return { ...draft.role, aliases }
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
  const id = (f: Finding) => `${f.severity}\u0000${f.code}\u0000${f.field ?? ''}\u0000${f.message}`
  const seen = new Set(existing.map(id))
  const out = [...existing]
  for (const finding of added) {
    if (!seen.has(id(finding))) {
      seen.add(id(finding))
      out.push(finding)
    }
  }
  return out
}
