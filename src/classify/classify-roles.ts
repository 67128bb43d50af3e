// The classify stage: codes every role to SOC 2018 (and O*NET-SOC, ISCO-08) from its titles and text, with the
// page's own classification rows kept as evidence. Runs before the aliases stage, so it reads the aliases as
// the page declared them.
//
// What `role.classifications` holds afterwards, in this order:
//   1. the rows the page declared, unchanged (whatever their source);
//   2. one primary SOC2018 row inferred by canon: a detailed code when the evidence is strong, else its broad,
//      minor or major group; source `inferred_from_title` (titles decided it), `inferred_from_text` (only the
//      summary and components matched) or `inferred_from_superfunction` (last resort: nothing matched);
//   3. an ONET-SOC row (8 characters) when the primary row is detailed and one O*NET occupation is clearly
//      meant, with the primary row's source, confidence and review status;
//   4. ISCO-08 rows for the primary detailed code through the SOC 2010 crosswalks: source `derived`, always
//      `needs_review`, confidence the primary confidence divided by the number of ISCO groups it maps to.

import type { Classification, RoleProfile, SocGroup } from '../model/index.js'
import type { ClassifierIndex } from './classifier-index.js'
import { textTokens } from './classifier-index.js'
import { leadHierarchically, type RankedCandidate, rankCandidates, resolveRanked } from './classify-title.js'
import { foldText, normalizeTitle } from './normalize-title.js'
import { AGENT_NOUNS, familyInputs, groupFamilies, managesPeople, namesManagement, occupationalTitle } from './role-families.js'
import { type CandidateScore, scoreCandidates, scoreDescription, textCosine, type ScoredQuery } from './score-candidates.js'
import { stemForms, workQuery, workWords } from './work-evidence.js'

/** How much a declared major group that disagrees with a candidate scales that candidate's probability. */
export const DISAGREEING_MAJOR_FACTOR = 0.5
/** Confidence given to a major group taken from the superfunction alone. */
export const SUPERFUNCTION_CONFIDENCE = 0.3
/** Weight of the role text's task match, per standard deviation among the candidates (set by hand: no labelled role text to fit on). */
export const TASK_MATCH_WEIGHT = 1
/** The text moves the lead only to a code the titles hold at least this share as probable as their own lead. */
export const TEXT_MOVE_SHARE = 0.25
/** Distinct known words of text below which the work match is not quoted in the evidence. */
const MIN_WORK_WORDS = 20
/** Passages of text at which the task match counts in full (less text counts proportionally less). */
const FULL_TEXT_PASSAGES = 5
/** A family that practises its occupation says so in its evidence when the management codes set aside held this share. */
const NOTED_MANAGEMENT_SHARE = 0.1
/** SOC 2018's major group of management occupations. */
const MANAGEMENT_MAJOR = '11-0000'

/** SOC 2018's major group of office and administrative support occupations (clerks, assistants, secretaries). */
const OFFICE_SUPPORT_MAJOR = '43-0000'
/** SOC 2018's major group of business and financial operations occupations (buyers, specialists, analysts, accountants). */
const BUSINESS_MAJOR = '13-0000'
/**
 * How many times as well as the best clerical occupation's (43-xxxx) the text must match the best business and
 * financial operations occupation's (13-xxxx) for a clerical reading of the titles to give way to a business one.
 */
export const PROFESSIONAL_WORK_RATIO = 1

/** SOC 2018's major group of military specific occupations. */
const MILITARY_MAJOR = '55-0000'
/** Words by which a role's titles or text name armed service (without them, military occupations are set aside). */
const MILITARY_WORDS =
  /\b(military|army|navy|naval|armed forces|air force|marine corps|marines|coast guard|national guard|infantry|artillery|soldiers?|enlisted|special forces|defen[cs]e forces?|armou?r(ed)?|combat arms|servicemembers?|service members?)\b/i

/** Below this share of a group's probability, a family's management preference is not applied (no such code is in play). */
const MIN_PREFERRED_SHARE = 0.02
/**
 * A family that neither manages people nor has a management word in its titles keeps off management occupations only
 * when the others hold at least this share of the probability (else the titles read as a management job).
 */
export const INDIVIDUAL_MIN_SHARE = 0.5

/**
 * Classifies every role; returns new role objects (inputs are not changed). Roles are coded by family (see
 * `role-families.ts`): the levels of one role get the same rows, decided once from all their titles and text.
 */
export function classifyRoles(roles: RoleProfile[], index: ClassifierIndex): RoleProfile[] {
  const rows = inferFamilyClassifications(roles, index)
  return roles.map((role, i) => ({ ...role, classifications: [...role.classifications, ...rows[i]!] }))
}

/**
 * The rows canon adds for each role, in input order: one decision per role family, copied to each of its levels.
 * When some levels of a family manage people and others do not, the two groups are coded separately: the
 * managers prefer a management occupation (11-xxxx), the others keep the occupation they practise.
 */
export function inferFamilyClassifications(roles: readonly RoleProfile[], index: ClassifierIndex): Classification[][] {
  const out: Classification[][] = new Array(roles.length)
  for (const family of groupFamilies(roles)) {
    const managers = new Set(family.managers)
    const split = managers.size > 0 && managers.size < family.members.length
    // A family no level of which manages people, and whose titles name no management job, practises its
    // occupation at every level: it never codes to a management occupation.
    const practises = !split && !family.members.some((i) => managesPeople(roles[i]!) || namesManagement(roles[i]!.title))
    const groups: { members: number[]; prefer: Preference }[] = split
      ? [
          { members: family.members.filter((i) => !managers.has(i)), prefer: 'practice' },
          { members: family.members.filter((i) => managers.has(i)), prefer: 'management' },
        ]
      : [{ members: family.members, prefer: practises ? 'individual' : null }]
    for (const group of groups) {
      const members = group.members.map((i) => roles[i]!)
      const rows = inferFromEvidence(familyEvidence(members), index, group.prefer)
      if (members.length > 1 && rows[0]) {
        rows[0].evidence.push(
          `decided once for the role family "${family.title}" (${members.length} levels${group.prefer === 'management' ? ' that manage people' : ''})`,
        )
      }
      group.members.forEach((i, k) => {
        out[i] = k === 0 ? rows : rows.map((row) => ({ ...row, evidence: [...row.evidence] }))
      })
    }
  }
  return out
}

/**
 * Everything `inferClassifications` reads of a role, and nothing else: two roles with equal inputs get equal
 * codes from one index, so a build can reuse what it inferred for these inputs before (the classification
 * cache keys on this, with the classifier's version). Keep it in step with the functions below. In a build,
 * roles are coded by family: `familyClassifierInputs` gives each role its input with its family's.
 */
export function classifierInput(role: RoleProfile): unknown {
  return [
    role.title,
    role.discipline ?? null,
    role.function ?? null,
    role.track ?? null,
    role.aliases.map((alias) => alias.text),
    roleText(role),
    role.classifications.map((item) => [item.system, item.code]),
    role.level ? [role.level.leadership, role.level.descriptor, role.level.scope, role.level.name] : null,
  ]
}

/**
 * What the classifier reads of a role (`inferFamilyClassifications`: the family grouping, the family's evidence,
 * the fallback), as a role with only those fields: the classify pool sends this to its workers instead of the
 * whole profile (about half the JSON to write, copy and read). Keep it in step with the functions below and
 * role-families.ts.
 */
export function classifierView(role: RoleProfile): RoleProfile {
  const { level, story } = role
  return {
    // The code is not read by the classifier; it names the role in a worker's errors and the pool's tests.
    code: role.code,
    title: role.title,
    function: role.function,
    discipline: role.discipline,
    track: role.track,
    level: level ? { code: level.code, name: level.name, descriptor: level.descriptor, scope: level.scope, leadership: level.leadership } : null,
    summary: role.summary,
    story: story ? { who: story.who } : null,
    components: role.components.map((component) => ({ text: component.text })),
    coreOutputs: role.coreOutputs,
    aliases: role.aliases.map((alias) => ({ text: alias.text })),
    classifications: role.classifications.map((row) => ({ system: row.system, code: row.code })),
    source: { path: role.source.path },
  } as unknown as RoleProfile
}

/** Each role's classifier input together with its family's (what family coding reads for it), as text (see `familyInputs`). */
export function familyClassifierInputs(roles: readonly RoleProfile[]): Map<RoleProfile, string> {
  return familyInputs(roles, classifierInput)
}

/** The rows canon adds for one role coded on its own (a family of one). Pure given the index. */
export function inferClassifications(role: RoleProfile, index: ClassifierIndex): Classification[] {
  return inferFamilyClassifications([role], index)[0]!
}

/**
 * Which codes a group of levels prefers: management occupations (levels that manage people), the occupation
 * practised (`practice`: the other levels of a family whose top levels manage people; `individual`: a family
 * none of whose levels manages people or has a management title), or no preference.
 */
type Preference = 'management' | 'practice' | 'individual' | null

/** What a role, or a family of levels, gives the classifier. */
interface Evidence {
  /** The title the answer is reported for. */
  title: string
  variants: string[]
  description: string
  /** SOC 2018 codes the levels' pages declare. */
  declared: Set<string>
  /** The first level, for the superfunction fallback. */
  role: RoleProfile
  /** Whether the page says these levels manage people (or puts them on a management track). */
  managesPeople: boolean
  /** Whether a level's title names a tier of support ("1st Line Analyst"). */
  supportTier: boolean
}

/** The evidence of a family's levels together: their title variants, their text and their declared groups. */
function familyEvidence(members: readonly RoleProfile[]): Evidence {
  const variants = new Set<string>()
  for (const member of members) for (const variant of titleVariants(member)) if (variant !== '') variants.add(variant)
  // Levels repeat much of their text (shared sections, the same competencies): each distinct passage once.
  const texts = new Set<string>()
  for (const member of members) for (const part of roleTextParts(member)) texts.add(part)
  const declared = new Set<string>()
  for (const member of members) for (const c of member.classifications) if (c.system === 'SOC2018') declared.add(c.code)
  return {
    title: members[0]!.title,
    variants: [...variants, ''],
    description: [...texts].join('. '),
    declared,
    role: members[0]!,
    managesPeople: members.some(managesPeople),
    supportTier: members.some((member) => supportTierTitle(member.title)),
  }
}

/** The rows for one body of evidence. `prefer` narrows the candidates to management codes or away from them. */
function inferFromEvidence(evidence: Evidence, index: ClassifierIndex, prefer: Preference): Classification[] {
  const declaredMajors = new Set([...evidence.declared].filter((code) => index.reference.soc.has(code)).map((code) => index.reference.soc.get(code)!.major))
  const { description, role } = evidence

  // Score every title variant with the role's text; combine their probabilities, each weighted by how sure
  // its own best answer is, so a clear alias ("DevOps Engineer") outweighs a vague page title.
  const combined = new Map<number, { probability: number; candidate: CandidateScore; scored: ScoredQuery; variant: string; share: number }>()
  let totalWeight = 0
  // The description is the same for every variant: scored once (most of a role's cost when scored per variant).
  const describedAs = scoreDescription(index, description)
  // An engineering title in a software context names software engineering: scored also as such (see `softwareContext`).
  const contextCos = contextCosines(index, describedAs.tokens, evidence.variants)
  const ratio = computerRatio(index, contextCos, (group) => group.major === ENGINEERING_MAJOR)
  // A designer whose text is about digital products (it matches computer occupations' text more than the art and
  // design occupations') designs interfaces: 15-1255 (see below).
  const digitalDesign =
    prefer !== 'management' &&
    designerTitles(evidence.variants) &&
    computerRatio(index, contextCos, (group) => group.minor === ART_AND_DESIGN_MINOR) >= DIGITAL_DESIGN_RATIO
  const software = ratio >= SOFTWARE_CONTEXT_RATIO
  // A title managing engineering ("Engineering Manager", "Director of Engineering") in a software context manages
  // software engineering: scored also as such, and coded to a management occupation (see below).
  const managesEngineering = prefer !== 'individual' && prefer !== 'practice' && ratio >= IT_MANAGEMENT_RATIO && managesEngineeringTitles(evidence.variants)
  const baseVariants = managesEngineering ? softwareManagementVariants(evidence.variants) : software ? softwareVariants(evidence.variants) : evidence.variants
  // A tier of IT support ("1st Line Analyst", "Second-line Engineer", "Tier 2 Technician") in a software context: the
  // support desk's tiers, scored also as "IT Support Analyst" (the reference titles read "Line Analyst" as finance).
  const variants = software && evidence.supportTier ? supportTierVariants(baseVariants) : baseVariants
  // Scoring sees a title only through its normalised form, and many variants normalise alike ("Chief Executive
  // I", "Junior Chief Executive"): each distinct form is scored once. Every variant still adds its weight.
  const scoredByForm = new Map<string, { scored: ScoredQuery; ranked: RankedCandidate[] }>()
  // Set when the text-alone variant is reached, every title variant scored by then (their respellings known: a word
  // only written differently, "backend" as "back end", is known; a guessed misspelling is not).
  let unknownField = false
  const scoreVariant = (variant: string) => {
    // The empty variant scores the text alone: only when no title variant found anything (its softmax over a
    // few text matches can look sure of itself on thin evidence).
    // A title whose words, its head noun aside, no reference title has names a field the reference does not know
    // ("Localization Specialist"): it matched by its head noun alone, so the text alone is scored too.
    if (variant === '' && totalWeight > 0) {
      const respelled = new Set([...scoredByForm.values()].flatMap((memo) => memo.scored.respellings.filter((r) => r.similarity >= 1).map((r) => r.word)))
      unknownField = description !== '' && unknownFieldTitles(index, evidence.variants, respelled)
      if (!unknownField) return
    }
    const normalized = normalizeTitle(variant)
    const form = `${normalized.head ?? ''}|${normalized.key}`
    let memo = scoredByForm.get(form)
    if (!memo) {
      const scored = scoreCandidates(index, variant, describedAs)
      scoredByForm.set(form, (memo = { scored, ranked: rankCandidates(index.model, scored) }))
    }
    const { scored, ranked } = memo
    const weight = ranked[0]?.probability ?? 0
    if (weight === 0) return
    totalWeight += weight
    for (const { candidate, probability } of ranked) {
      const entry = combined.get(candidate.code)
      const share = weight * probability
      if (!entry) combined.set(candidate.code, { probability: share, candidate, scored, variant, share })
      else {
        entry.probability += share
        if (share > entry.share) Object.assign(entry, { candidate, scored, variant, share })
      }
    }
  }
  // Whether a title variant matched a reference title (the text-alone variant comes last).
  let titlesMatched = false
  for (const variant of variants) {
    if (variant === '') titlesMatched = totalWeight > 0
    scoreVariant(variant)
  }
  // Titles that name no occupation the reference knows (a level alone, "L3"; an unexplained acronym) on a page whose
  // text is about software work (a software context, and the text matches the computer occupations at least
  // COMPUTER_WORK_RATIO times as well as any other occupation outside management): the page is a ladder of the work
  // its text describes, and the occupation of software work is software development. Scored as such, beside the text.
  let opaqueNote: string | null = null
  // The text alone may already name the computer occupation (a support desk's text leads with 15-1232): it is kept.
  let textAloneLead: CandidateScore | null = null
  let textAloneBest = 0
  for (const entry of combined.values()) {
    if (entry.probability > textAloneBest) {
      textAloneBest = entry.probability
      textAloneLead = entry.candidate
    }
  }
  if (
    !titlesMatched &&
    !(textAloneLead && index.codes[textAloneLead.code]!.minor === COMPUTER_MINOR) &&
    software &&
    description !== '' &&
    computerRatio(index, contextCos, (group) => group.major !== MANAGEMENT_MAJOR) >= COMPUTER_WORK_RATIO
  ) {
    scoreVariant(SOFTWARE_WORK_TITLE)
    opaqueNote = `no title names an occupation the reference knows and the role's text is about software work (it matches computer occupations' text more than engineering and other non-management ones'): scored as "${SOFTWARE_WORK_TITLE}" beside the text`
  }
  // Titles the reference titles themselves read as computer work (the computer occupations hold most of their
  // probability: a bare "Developer") are software titles even where the text's words do not make a software
  // context, unless the text is about other work: their software forms are scored too, as in a software context
  // (only the forms; engineering codes are not set aside).
  let computingNote: string | null = null
  if (!software && !managesEngineering && combined.size > 0) {
    let total = 0
    let computer = 0
    for (const entry of combined.values()) {
      total += entry.probability
      if (index.codes[entry.candidate.code]!.minor === COMPUTER_MINOR) computer += entry.probability
    }
    // The text, when there is any, must not be about other work: it matches the computer occupations at least
    // COMPUTER_WORK_RATIO times as well as any other occupation outside management (a property developer's does not).
    const textAllows = () => contextCos === null || computerRatio(index, contextCos, (group) => group.major !== MANAGEMENT_MAJOR) >= COMPUTER_WORK_RATIO
    const added = computer >= COMPUTING_TITLES_SHARE * total && textAllows() ? softwareVariants(variants).filter((v) => v !== '' && !variants.includes(v)) : []
    for (const variant of added) scoreVariant(variant)
    if (added.length > 0) {
      computingNote = `the reference titles read the titles as computer work (computer occupations, 15-12xx, hold ${Math.round((100 * computer) / total)}% of their probability): also scored as ${added.map((v) => `"${v}"`).join(', ')}`
    }
  }
  if (combined.size === 0) return superfunctionFallback(role, index, description)

  // The page's declared major group: agreeing candidates keep their weight, disagreeing ones lose some.
  let ranked: RankedCandidate[] = [...combined.values()].map((entry) => ({
    candidate: entry.candidate,
    probability:
      (entry.probability / totalWeight) *
      (declaredMajors.size === 0 || declaredMajors.has(index.codes[entry.candidate.code]!.major) ? 1 : DISAGREEING_MAJOR_FACTOR),
  }))
  // In a software context the engineering occupations (17-xxxx) give way to the computer ones the software
  // forms of the titles found, when those hold a share of the probability worth the name.
  let softwareNote: string | null = null
  if (software) {
    const isEngineering = (r: RankedCandidate) => index.codes[r.candidate.code]!.major === ENGINEERING_MAJOR
    const isComputer = (r: RankedCandidate) => index.codes[r.candidate.code]!.minor === COMPUTER_MINOR
    const engineering = ranked.filter(isEngineering)
    if (engineering.length > 0 && probabilitySum(ranked.filter(isComputer)) >= MIN_PREFERRED_SHARE * probabilitySum(ranked)) {
      ranked = ranked.filter((r) => !isEngineering(r))
      softwareNote = `the role's text is about software (it matches computer occupations' text and tasks more than engineering ones'): engineering occupations (17-xxxx, ${Math.round((100 * probabilitySum(engineering)) / (probabilitySum(engineering) + probabilitySum(ranked)))}% of the probability) set aside`
    }
  }
  // Managers of software engineering: a management occupation (the title says so), and among those, the general
  // ones reference titles file bare "Engineering Manager / Director / Operations Lead" titles under (managers of
  // engineers, of production, of logistics, residual managers) read as 11-3021, which SOC gives managers of
  // computer work.
  let itNote: string | null = null
  if (managesEngineering) {
    const management = ranked.filter((r) => index.codes[r.candidate.code]!.major === MANAGEMENT_MAJOR)
    if (management.length < ranked.length && probabilitySum(management) >= MIN_PREFERRED_SHARE * probabilitySum(ranked)) ranked = management
    // The field the title manages is engineering, read as software: every other management occupation the bare
    // management noun reached ("Director" → medical or social service directors) gives way, unless the title
    // names its field too ("Product and Engineering Director" keeps marketing managers, "product" in their titles).
    const namesField = fieldOfTitles(index, evidence.variants, ENGINEERING_FIELD)
    const read = readAs(index, ranked, IT_MANAGERS, (r) => index.codes[r.candidate.code]!.major === MANAGEMENT_MAJOR && !namesField(r))
    if (read) {
      ranked = read.ranked
      itNote = `the title manages engineering and the role's text is about software: coded to a management occupation, the others (${read.codes.join(', ') || 'none'}) read as ${IT_MANAGERS} Computer and Information Systems Managers`
    }
  }
  // Managers of engineering whose text does not say the engineering is software (or who have no text to say it):
  // SOC's managers of engineering are 11-9041 Architectural and Engineering Managers, so the general management
  // occupations the bare management noun reached ("Operations Manager" → logistics, production) read as 11-9041,
  // unless the title names their field too.
  let engineeringNote: string | null = null
  if (!managesEngineering && prefer !== 'individual' && prefer !== 'practice' && managesEngineeringTitles(evidence.variants)) {
    const namesField = fieldOfTitles(index, evidence.variants, ENGINEERING_FIELD)
    const read = readAs(index, ranked, ENGINEERING_MANAGERS, (r) => GENERIC_MANAGEMENT.has(index.codes[r.candidate.code]!.code) && !namesField(r))
    if (read && read.codes.length > 0) {
      ranked = read.ranked
      engineeringNote = `a management title over engineering, and ${contextCos ? "the role's text does not say it is software" : 'the page has no text to say what is engineered'}: the general management occupations (${read.codes.join(', ')}) read as ${ENGINEERING_MANAGERS} Architectural and Engineering Managers`
    }
  }
  // Designers of digital products: the art and design occupations (27-1000) that reference titles file "Product /
  // Interaction / Service Designer" under (manufactured products, animation, the residual designers) read as
  // 15-1255 Web and Digital Interface Designers when the text is about digital products.
  let designNote: string | null = null
  if (digitalDesign) {
    const read = readAs(index, ranked, DIGITAL_DESIGNERS, (r) => index.codes[r.candidate.code]!.minor === ART_AND_DESIGN_MINOR)
    if (read && read.codes.length > 0) {
      ranked = read.ranked
      designNote = `the role's text is about digital products (it matches computer occupations' text more than art and design ones'): the art and design occupations (${read.codes.join(', ')}) read as ${DIGITAL_DESIGNERS} Web and Digital Interface Designers`
    }
  }
  // Managers of work in a software context: a manager title (product, delivery, service…) whose page does not say
  // it manages people, and whose text is about software, manages projects, not logistics, production or engineers:
  // the general management occupations read as 13-1082 Project Management Specialists.
  let workNote: string | null = null
  // How much better the text matches computer work than any other work outside management (asked once, if at all).
  let computerWork: number | undefined
  const aboutComputerWork = () => (computerWork ??= computerRatio(index, contextCos, (group) => group.major !== MANAGEMENT_MAJOR)) >= COMPUTER_WORK_RATIO
  if (
    !managesEngineering &&
    prefer === null &&
    software &&
    !evidence.managesPeople &&
    !peopleManagerTitles(evidence.variants) &&
    managerTitles(evidence.variants) &&
    aboutComputerWork()
  ) {
    const read = readAs(index, ranked, PROJECT_MANAGEMENT, (r) => GENERIC_MANAGEMENT.has(index.codes[r.candidate.code]!.code))
    if (read && read.codes.length > 0) {
      ranked = read.ranked
      workNote = `the page does not say these levels manage people and the role's text is about software: the general management occupations (${read.codes.join(', ')}) read as ${PROJECT_MANAGEMENT} Project Management Specialists`
    }
  }
  // Managers of work, by their text: the same titles, where the rule above does not hold (the text is not about
  // software, or matches other work as well as computer work), led by a general management occupation ("Delivery
  // Manager" → 11-3071, an O*NET title there), whose text, its titles' words left out, matches
  // 13-1082 Project Management Specialists' text at least as well as every general management occupation's
  // (logistics, production, engineering, residual managers: a warehouse manager's text matches 11-3071's), run
  // projects: the general management occupations read as 13-1082.
  if (
    !workNote &&
    !managesEngineeringTitles(evidence.variants) &&
    prefer === null &&
    !evidence.managesPeople &&
    !peopleManagerTitles(evidence.variants) &&
    managerTitles(evidence.variants) &&
    GENERIC_MANAGEMENT.has(index.codes[ranked.reduce((a, b) => (b.probability > a.probability ? b : a)).candidate.code]!.code) &&
    groupRatio(
      index,
      contextCos,
      (group) => group.code === PROJECT_MANAGEMENT,
      (group) => GENERIC_MANAGEMENT.has(group.code),
    ) >= 1
  ) {
    const read = readAs(index, ranked, PROJECT_MANAGEMENT, (r) => GENERIC_MANAGEMENT.has(index.codes[r.candidate.code]!.code))
    if (read && read.codes.length > 0) {
      ranked = read.ranked
      workNote = `the page does not say these levels manage people and the role's text matches ${PROJECT_MANAGEMENT}'s text (projects) at least as well as the general management occupations': those (${read.codes.join(', ')}) read as ${PROJECT_MANAGEMENT} Project Management Specialists`
    }
  }
  // Managers of people in a software context: levels the page says manage people, or a title that names people as
  // what it manages ("People Manager", "Team Manager"), whose text is about software work manage computer work:
  // the general management occupations read as 11-3021 Computer and Information Systems Managers.
  let peopleNote: string | null = null
  if (
    !managesEngineering &&
    !workNote &&
    (prefer === 'management' || (prefer === null && (evidence.managesPeople || peopleManagerTitles(evidence.variants)))) &&
    ratio >= IT_MANAGEMENT_RATIO &&
    aboutComputerWork()
  ) {
    // A title naming only people as what it manages ("People Manager") names no field: every management occupation
    // but those whose SOC title shares a word with the role's titles reads as managing the computer work. Otherwise
    // only the general ones do (a "Marketing Manager" whose levels manage people keeps 11-2021).
    const onlyPeople = peopleManagerTitles(evidence.variants)
    const namesField = fieldOfTitles(index, evidence.variants, PEOPLE_WORDS)
    const read = readAs(
      index,
      ranked,
      IT_MANAGERS,
      (r) =>
        GENERIC_MANAGEMENT.has(index.codes[r.candidate.code]!.code) ||
        (onlyPeople && index.codes[r.candidate.code]!.major === MANAGEMENT_MAJOR && !namesField(r)),
    )
    if (read && read.codes.length > 0) {
      ranked = read.ranked
      peopleNote = `these levels manage people and the role's text is about software work: the general management occupations (${read.codes.join(', ')}) read as ${IT_MANAGERS} Computer and Information Systems Managers`
    }
  }
  // Clerical readings of professional work: a title the reference files under office and administrative support
  // (43-xxxx: "Procurement" near "Procurement Clerks") whose text, its titles' words left out, matches the business
  // and financial operations occupations (13-xxxx: buyers, contract specialists, HR, accountants) at least
  // PROFESSIONAL_WORK_RATIO times as well as any clerical one describes the professional's work: when the business
  // candidates hold a share worth the name, the clerical ones are read as the business candidate the titles prefer.
  let clericalNote: string | null = null
  const clerical = ranked.filter((r) => index.codes[r.candidate.code]!.major === OFFICE_SUPPORT_MAJOR)
  const leadBefore = ranked.reduce((a, b) => (b.probability > a.probability ? b : a))
  if (clerical.includes(leadBefore) && clerical.length < ranked.length) {
    const business = ranked.filter((r) => index.codes[r.candidate.code]!.major === BUSINESS_MAJOR)
    const textRatio = groupRatio(
      index,
      contextCos,
      (group) => group.major === BUSINESS_MAJOR,
      (group) => group.major === OFFICE_SUPPORT_MAJOR,
    )
    if (contextCos && probabilitySum(business) >= MIN_PREFERRED_SHARE * probabilitySum(ranked) && textRatio >= PROFESSIONAL_WORK_RATIO) {
      // The professional counterpart is the business candidate the titles hold most probable (the same field read
      // as a professional's job: "Procurement" → 13-1023 Purchasing Agents beside 43-3061 Procurement Clerks).
      const counterpart = business.reduce((a, b) => (b.probability > a.probability ? b : a))
      const target = index.codes[counterpart.candidate.code]!
      const read = readAs(index, ranked, target.code, (r) => clerical.includes(r))!
      ranked = read.ranked
      clericalNote = `the role's text describes professional work (it matches business and financial operations occupations' text ${textRatio.toFixed(2)} times as well as office and administrative support ones'): the clerical occupations (${read.codes.join(', ')}) read as ${target.code} ${target.title}, the business candidate the titles hold most probable`
    }
  }
  // The role's text, task by task: candidates whose O*NET tasks its passages match better than the other
  // candidates' gain, those matching worse lose (a z-score over the candidates, so the weight means the same for
  // short and long text). Title evidence alone can be ambiguous ("Engineer", "Program Manager"); the text decides.
  const titleLead = ranked.reduce((a, b) => (b.probability > a.probability ? b : a))
  const tasks = [...combined.values()].find((entry) => entry.scored.tasks)?.scored.tasks ?? null
  let textHeld: string | null = null
  if (tasks && ranked.length > 1) {
    const values = ranked.map((r) => r.candidate.taskMatch)
    const mean = values.reduce((a, b) => a + b, 0) / values.length
    const spread = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length)
    if (spread > 0) {
      const weight = TASK_MATCH_WEIGHT * Math.min(1, tasks.passages / FULL_TEXT_PASSAGES)
      const weighted = ranked.map((r) => ({ ...r, probability: r.probability * Math.exp((weight * (r.candidate.taskMatch - mean)) / spread) }))
      // The text decides between the codes the titles leave open; it does not overrule a clear title reading: a
      // lead it would move to a code the titles hold less than TEXT_MOVE_SHARE as probable as their own lead is
      // not taken (the tasks of some occupations, 15-1252's among them, read unlike today's work).
      const moved = weighted.reduce((a, b) => (b.probability > a.probability ? b : a))
      const before = ranked.find((r) => r.candidate === moved.candidate)!
      // A title matched by its head noun alone (`unknownField`) gives no clear reading to keep.
      if (unknownField || moved.candidate === titleLead.candidate || before.probability >= TEXT_MOVE_SHARE * titleLead.probability) ranked = weighted
      else
        textHeld = `the role's text matches ${index.codes[moved.candidate.code]!.code}'s tasks better, but the titles make it less than a quarter as likely as ${index.codes[titleLead.candidate.code]!.code}: the titles' order kept`
    }
  }
  let textNote: string | null = null
  const textLead = ranked.reduce((a, b) => (b.probability > a.probability ? b : a))
  const code = (r: RankedCandidate) => index.codes[r.candidate.code]!.code
  if (textLead.candidate.code !== titleLead.candidate.code) {
    textNote = `the role's text moved the lead from ${code(titleLead)} (titles alone) to ${code(textLead)}, whose tasks it matches better`
  }
  // The role's work as a whole (definition, tasks, technology skills; work-evidence.ts), title words left out:
  // quoted in the evidence, not used for the ranking nor the auto-accept rule (as either it did not help on the
  // role-level bench, see docs/classification.md).
  const query = description ? workQuery(index.workIndex, description, variants, textTokens) : null
  const workSays = query && query.size >= MIN_WORK_WORDS ? query : null
  // Levels that manage people prefer a management occupation; the other levels of their family the occupation
  // they practise (seniority alone never moves a role into management).
  let preferenceNote: string | null = null
  if (prefer) {
    const isManagement = (r: RankedCandidate) => index.codes[r.candidate.code]!.major === MANAGEMENT_MAJOR
    const preferred = ranked.filter((r) => isManagement(r) === (prefer === 'management'))
    const share = probabilitySum(preferred) / probabilitySum(ranked)
    // "No title names a management job" is read from title words; when the reference titles put most of the
    // probability on management occupations all the same ("Product Owner", "Owner" of a business), the titles name
    // one by the reference's reading, and what is left without them is what the titles matched least.
    const titlesReadAsManagement = prefer === 'individual' && share < INDIVIDUAL_MIN_SHARE
    if (titlesReadAsManagement) {
      preferenceNote = `no level manages people and no title names a management job by its words, but the reference titles read it as one (management occupations hold ${Math.round((1 - share) * 100)}% of the probability): they are kept`
    } else if (share >= MIN_PREFERRED_SHARE && preferred.length < ranked.length) {
      ranked = preferred
      preferenceNote =
        prefer === 'management'
          ? 'the page says these levels manage people: coded to a management occupation'
          : prefer === 'practice'
            ? "the family's other levels manage people, these do not: coded to the occupation they practise, not a management one"
            : share <= 1 - NOTED_MANAGEMENT_SHARE
              ? `no level manages people and no title names a management job: management occupations (${Math.round((1 - share) * 100)}% of the probability) set aside`
              : null
    }
  }
  // Military occupations (55-xxxx) only for a role that names armed service: their reference titles ("Space
  // Operations", "Psychological Operations") share words with civilian jobs ("Technical Operations"), and a role of
  // an organisation's career framework is a military one only when its titles or text say so.
  let militaryNote: string | null = null
  const isMilitary = (r: RankedCandidate) => index.codes[r.candidate.code]!.major === MILITARY_MAJOR
  const military = ranked.filter(isMilitary)
  if (military.length > 0 && military.length < ranked.length && !MILITARY_WORDS.test(`${evidence.variants.join(' ')} ${description}`)) {
    const share = probabilitySum(military) / probabilitySum(ranked)
    ranked = ranked.filter((r) => !isMilitary(r))
    militaryNote = `no title or text names armed service: military occupations (55-xxxx, ${share < 0.01 ? 'under 1' : Math.round(share * 100)}% of the probability) set aside`
  }
  const total = probabilitySum(ranked)
  ranked = leadHierarchically(
    index,
    ranked.map((r) => ({ ...r, probability: r.probability / total })).sort((a, b) => b.probability - a.probability || a.candidate.code - b.candidate.code),
  )

  const byCode = new Map([...combined.values()].map((entry) => [entry.candidate, entry]))
  const result = resolveRanked(index, evidence.title, ranked, (candidate) => byCode.get(candidate)!.scored)
  // The titles and the text agree on the lead: a group fallback gives way to the leading detailed code, for review.
  const agreed = result.best!.level !== 'detailed' && tasks ? textAgreesWithLead(ranked, tasks.passages) : null
  const best = agreed ? result.candidates[0]! : result.best!
  if (agreed) {
    best.evidence.unshift(
      `the titles' lead ${best.code} (${Math.round(agreed.share * 100)}% of the probability) is also the code whose tasks the role's text matches best (task match ${agreed.match.toFixed(2)}, the next candidate's ${agreed.next.toFixed(2)}): coded to it rather than to the ${result.best!.level} group ${result.best!.code}, for review`,
    )
  }
  const lead = byCode.get(ranked[0]!.candidate)!
  // The title of software work stands in for titles that name no occupation: what decided it is the text.
  const readFromText = opaqueNote !== null && lead.variant === SOFTWARE_WORK_TITLE
  const fromTitle = !readFromText && lead.variant !== '' && (lead.candidate.features[0]! > 0 || lead.candidate.features[5]! > 0)
  const source = fromTitle ? 'inferred_from_title' : 'inferred_from_text'
  const lines = [
    fromTitle
      ? `title read as "${lead.variant}"`
      : readFromText
        ? `no title names an occupation; the role's text is about software work, read as "${SOFTWARE_WORK_TITLE}"`
        : 'no title matched; coded from the summary and components',
    ...best.evidence,
  ]
  if (softwareNote) lines.push(softwareNote)
  if (computingNote) lines.push(computingNote)
  if (opaqueNote) lines.push(opaqueNote)
  if (itNote) lines.push(itNote)
  if (engineeringNote) lines.push(engineeringNote)
  if (designNote) lines.push(designNote)
  if (workNote) lines.push(workNote)
  if (peopleNote) lines.push(peopleNote)
  if (clericalNote) lines.push(clericalNote)
  if (textNote) lines.push(textNote)
  if (textHeld) lines.push(textHeld)
  if (preferenceNote) lines.push(preferenceNote)
  if (militaryNote) lines.push(militaryNote)
  const bestGroup = index.reference.soc.get(best.code)!
  if (declaredMajors.size > 0) {
    lines.push(
      declaredMajors.has(bestGroup.major)
        ? `agrees with the page's declared major group ${bestGroup.major}`
        : `disagrees with the page's declared major group ${[...declaredMajors].join(', ')} (confidence lowered)`,
    )
  }
  const check = familyAutoAccept(index, agreed || readFromText ? 'needs_review' : result.reviewStatus, best.code, evidence.managesPeople)
  const reviewStatus = check.status
  if (check.note) lines.push(check.note)
  else if (workSays && best.level === 'detailed') {
    const words = workWords(index.workIndex, workSays, index.codeIndex.get(best.code)!)
    if (words.length > 0) lines.push(`the role's text shares with ${best.code}'s work (definition, tasks, technology skills) the words: ${words.join(', ')}`)
  }
  const rows: Classification[] = [{ system: 'SOC2018', code: best.code, title: best.title, source, confidence: best.confidence, reviewStatus, evidence: lines }]
  if (best.level === 'detailed' && result.onet) {
    rows.push({
      system: 'ONET-SOC',
      code: result.onet.code,
      title: result.onet.title,
      source,
      confidence: best.confidence,
      reviewStatus,
      evidence: [...result.onet.evidence, `O*NET-SOC occupation under ${best.code}`],
    })
  }
  if (best.level === 'detailed') {
    for (const isco of result.isco) {
      rows.push({
        system: 'ISCO-08',
        code: isco.code,
        title: isco.title,
        source: 'derived',
        confidence: Math.round((best.confidence / isco.of) * 1000) / 1000,
        reviewStatus: 'needs_review',
        evidence: [
          `derived from ${best.code} through the ISCO-08 ↔ SOC 2010 ↔ SOC 2018 crosswalks (via SOC 2010 ${isco.via.join(', ')})`,
          isco.of > 1 ? `many-to-many: ${best.code} maps to ${isco.of} ISCO-08 groups` : `${best.code} maps to this ISCO-08 group only`,
        ],
      })
    }
  }
  return rows
}

/** A task match (mean over the passages) below which the text is not said to agree with a code. */
export const AGREEING_MIN_MATCH = 0.05
/** The share of the probability a lead must hold for the text's agreement to pick it over a group (a plurality of three or fewer rivals). */
export const AGREEING_MIN_LEAD = 1 / 3

/**
 * Whether the role's text agrees with the lead of `ranked` (normalised, lead first) where the confidence fell back
 * to a group: the lead holds `AGREEING_MIN_LEAD` of the probability or more, the text counts in full
 * (`FULL_TEXT_PASSAGES` passages or more) and matches the lead's O*NET tasks (task match at least
 * `AGREEING_MIN_MATCH`) better than every other candidate's still in play (the text's ten best task matches join
 * the candidates, so the lead is the text's own best match among them). The group fallback says the titles split
 * the probability; when the text, read task by task, picks the titles' lead, the two sources agree on it. Null
 * otherwise; else the lead's share, its task match and the next best.
 */
export function textAgreesWithLead(ranked: readonly RankedCandidate[], passages: number): { share: number; match: number; next: number } | null {
  const lead = ranked[0]
  if (!lead || passages < FULL_TEXT_PASSAGES || lead.candidate.taskMatch < AGREEING_MIN_MATCH) return null
  const total = probabilitySum(ranked)
  if (lead.probability < AGREEING_MIN_LEAD * total) return null
  let next = 0
  for (const r of ranked) if (r !== lead) next = Math.max(next, r.candidate.taskMatch)
  if (next >= lead.candidate.taskMatch) return null
  return { share: lead.probability / total, match: lead.candidate.taskMatch, next }
}

/**
 * The family-level auto-accept rule: the title-level rule (`resolveRanked`) must accept, and then a family's
 * code is auto-accepted only when
 * - it is not a catch-all: an "All Other" residual code is a last resort for a whole family, and a person
 *   should confirm that no specific code fits;
 * - it is not a management occupation (11-xxxx) unless the page says the levels manage people (or puts them on
 *   a management track): "Manager" in a title is as often a role managing work (product, delivery, programme,
 *   account managers) as one managing people, and titles alone do not tell which.
 * Never raises a title-level `needs_review`.
 */
export function familyAutoAccept(
  index: ClassifierIndex,
  status: Classification['reviewStatus'],
  chosen: string,
  managesPeople: boolean,
): { status: Classification['reviewStatus']; note: string | null } {
  if (status !== 'auto_accepted') return { status, note: null }
  const group = index.reference.soc.get(chosen)
  if (group && /\bAll Other\b/.test(group.title)) {
    return { status: 'needs_review', note: `${chosen} is a catch-all ("All Other") code: a role family coded to it is reviewed, not auto-accepted` }
  }
  if (group?.major === MANAGEMENT_MAJOR && !managesPeople) {
    return {
      status: 'needs_review',
      note: `${chosen} is a management occupation and the page does not say these levels manage people: reviewed, not auto-accepted`,
    }
  }
  return { status, note: null }
}

/**
 * The titles a role goes by, cleaned of what is not occupation: the superfunction prefix ("Engineering – "),
 * the track word ("Professional") and level markers (dropped by title normalisation). Includes the discipline
 * and the page's aliases; always ends with "" (text only) so a role with unusable titles still gets coded.
 */
export function titleVariants(role: RoleProfile): string[] {
  const prefix = role.function ? foldText(role.function) : null
  const track = role.track ? foldText(role.track) : null
  const withoutTrack = (text: string) =>
    text
      .split(/\s+/)
      .filter((word) => foldText(word) !== track)
      .join(' ')
      .trim()
  // "Product Manager — Digital Credentials Team": the parts a dash separates are read together and each alone
  // (one of them is often a team or programme name, not the job).
  const clean = (title: string) => {
    const parts = title.split(/\s+[–—-]\s+/).filter((part) => foldText(part) !== prefix)
    return [parts.join(' '), ...(parts.length > 1 ? parts : [])].map(withoutTrack)
  }
  // Seniority words and level codes never change the occupation: each title is scored without them.
  const variants = [role.title, role.discipline, ...role.aliases.map((alias) => alias.text)]
    .filter((x): x is string => Boolean(x))
    .flatMap(clean)
    .map(occupationalTitle)
    // "Head of Engineering" is how organisations name the director of a field ("head" alone reads as a foreman).
    .map((variant) => variant.replace(/^head of(?=\s+\S)/i, 'Director of'))
    .filter(Boolean)
  // A discipline names a field ("Backend Engineering"); the people in it are its agent noun ("Backend Engineer").
  const agentForms = variants.flatMap((variant) => {
    const words = variant.split(' ')
    for (let i = words.length - 1; i >= 0; i--) {
      const agent = AGENT_NOUNS.get(foldText(words[i]!))
      if (agent) return [[...words.slice(0, i), agent, ...words.slice(i + 1)].join(' ')]
    }
    return []
  })
  // "Director of Product": the director of a field manages it; also read as its manager ("Product Manager"), the
  // form the reference titles file field managers under. Not for people or a line (that names the HR function or
  // whom is managed, not a field).
  const managerForms = variants.flatMap((variant) => {
    const field = /^director of\s+(\S+)$/i.exec(variant)?.[1]
    return field && !PEOPLE_WORDS.test(foldText(field)) ? [`${field} Manager`] : []
  })
  // "Digital Talent Specialist": a leading word naming the medium the work is done in (digital, online) says where,
  // not what: the title is also read without it, when a job of two words or more is left ("Talent Specialist").
  const mediumForms = variants.flatMap((variant) => {
    const rest = MEDIUM_QUALIFIER.exec(variant)?.[1]
    return rest && rest.split(/\s+/).length >= 2 ? [rest] : []
  })
  // "Product Owner": SOC codes owners by the work they do, and who owns a product, a service or a business runs it:
  // also read as its manager ("Product Manager"), the form the reference titles hold (few hold "owner").
  const ownerForms = variants.flatMap((variant) => {
    const field = /^(\S.*?)\s+owners?$/i.exec(variant)?.[1]
    return field ? [`${field} Manager`] : []
  })
  // "Web Operations": a title whose head noun names a field of work and no job in it names the people who do that
  // work, its specialists ("Web Operations Specialist"), the form reference titles file them under ("Director of
  // Operations" names a job, its head noun "director").
  const specialistForms = variants.flatMap((variant) => (FIELD_HEADS.has(normalizeTitle(variant).head ?? '') ? [`${variant} Specialist`] : []))
  return [...new Set([...variants, ...agentForms, ...managerForms, ...mediumForms, ...ownerForms, ...specialistForms]), '']
}

/** Head nouns (as title normalisation gives them) naming a field of work, not a job in it (whose people are its specialists). */
const FIELD_HEADS = new Set(['operation', 'strategy', 'policy', 'communication', 'compliance'])
/** A title's leading word naming the medium of the work, not the work ("Digital", "Online"), and what follows it. */
const MEDIUM_QUALIFIER = /^(?:digital|online)\s+(\S.*)$/i

/** The role's own words about the work: summary, who, components and core outputs. */
export function roleText(role: RoleProfile): string {
  return roleTextParts(role).join('. ')
}

/** The passages of `roleText`, in order. */
export function roleTextParts(role: RoleProfile): string[] {
  return [role.summary, role.story?.who, ...role.components.map((c) => c.text), ...role.coreOutputs].filter((x): x is string => Boolean(x))
}

/** Last resort: the superfunction's major group, from a declared row or the major-group titles. */
function superfunctionFallback(role: RoleProfile, index: ClassifierIndex, description: string): Classification[] {
  const declared = role.classifications.find((c) => c.system === 'SOC2018' && index.reference.soc.get(c.code)?.level === 'major')
  let group: SocGroup | undefined = declared ? index.reference.soc.get(declared.code) : undefined
  let how = declared ? `the page maps its superfunction to ${declared.code}` : ''
  if (!group && role.function) {
    const words = new Set(textTokens(role.function))
    let bestOverlap = 0
    for (const candidate of index.reference.soc.values()) {
      if (candidate.level !== 'major') continue
      const overlap = textTokens(candidate.title).filter((word) => words.has(word)).length
      if (overlap > bestOverlap) {
        bestOverlap = overlap
        group = candidate
      }
    }
    if (group) how = `superfunction "${role.function}" matches the major group title "${group.title}"`
  }
  if (!group) return []
  return [
    {
      system: 'SOC2018',
      code: group.code,
      title: group.title,
      source: 'inferred_from_superfunction',
      confidence: SUPERFUNCTION_CONFIDENCE,
      reviewStatus: 'needs_review',
      evidence: [`no reference title or occupation text matched "${role.title}"${description ? ' or its summary' : ''}`, how],
    },
  ]
}

/** The summed probability of `ranked`. */
function probabilitySum(ranked: readonly RankedCandidate[]): number {
  return ranked.reduce((total, r) => total + r.probability, 0)
}

/**
 * `ranked` with the candidates `absorbed` picks read as the code `target`: their probability moved onto it, and
 * the codes they had (for the evidence). Null when `target` is not among the candidates.
 */
function readAs(
  index: ClassifierIndex,
  ranked: readonly RankedCandidate[],
  target: string,
  absorbed: (r: RankedCandidate) => boolean,
): { ranked: RankedCandidate[]; codes: string[] } | null {
  const into = ranked.find((r) => index.codes[r.candidate.code]!.code === target)
  if (!into) return null
  const moved = ranked.filter((r) => r !== into && absorbed(r))
  const share = probabilitySum(moved)
  return {
    ranked: ranked.filter((r) => !moved.includes(r)).map((r) => (r === into ? { ...r, probability: r.probability + share } : r)),
    codes: moved.map((r) => index.codes[r.candidate.code]!.code),
  }
}

/**
 * Whether a candidate's SOC title names the field the titles name: a word of the titles that is neither a word of
 * management titles nor matched by `notField` (the field the rule reads otherwise, or people as what is managed).
 */
function fieldOfTitles(index: ClassifierIndex, titles: readonly string[], notField: RegExp): (r: RankedCandidate) => boolean {
  const fieldWords = new Set(titles.flatMap(textTokens).filter((word) => !MANAGEMENT_WORDS.test(word) && !notField.test(word)))
  return (r) => textTokens(index.codes[r.candidate.code]!.title).some((word) => fieldWords.has(word))
}

/** Computer and Information Systems Managers: SOC codes managers of computer work here. */
const IT_MANAGERS = '11-3021'
/** Architectural and Engineering Managers: SOC codes managers of engineering here when the engineering is not software. */
const ENGINEERING_MANAGERS = '11-9041'
/**
 * The management occupations reference titles file bare "Engineering / Operations / Delivery / Production /
 * People Manager" titles under: managers of engineers (11-9041), of industrial production (11-3051), of
 * transportation, storage and distribution (11-3071), and the residual managers (11-9199).
 */
const GENERIC_MANAGEMENT = new Set(['11-9041', '11-3051', '11-3071', '11-9199'])
/** The software ratio (see `softwareRatio`) at which a management title over engineering manages software engineering. */
export const IT_MANAGEMENT_RATIO = 1

/** Words of management titles, not of the field managed. */
const MANAGEMENT_WORDS = /^(?:manag\w*|director|head|chief|vp|vice|president|executive|officer|supervisor|lead|leader|of|and|the)$/
/** A title word naming engineering as the field managed ("Engineering Manager", "Director of Engineering", "QE Manager": quality engineering). */
const ENGINEERING_FIELD = /\b(engineering|engineers?|qe)\b/i

/** Whether one of the titles names a management job over engineering not already placed in software. */
export function managesEngineeringTitles(variants: readonly string[]): boolean {
  return variants.some((v) => v !== '' && ENGINEERING_FIELD.test(v) && !SOFTWARE_WORDS.test(v) && namesManagement(v))
}

/** The title variants with, for each management title over engineering, its software form ("Director of Software Engineering"). */
export function softwareManagementVariants(variants: readonly string[]): string[] {
  const added = variants
    .filter((v) => v !== '' && ENGINEERING_FIELD.test(v) && !SOFTWARE_WORDS.test(v) && namesManagement(v))
    .map((v) => v.replace(ENGINEERING_FIELD, (field) => (field.toLowerCase() === 'qe' ? 'Software Quality Engineering' : `Software ${field}`)))
  return [...new Set([...variants.filter((v) => v !== ''), ...added]), '']
}

/**
 * Whether the titles that name a management job all name a "manager" (who may manage work or people), not a
 * director, head, chief, officer or vice president (who run a part of the organisation).
 */
export function managerTitles(variants: readonly string[]): boolean {
  const management = variants.filter((v) => v !== '' && namesManagement(v))
  return management.length > 0 && management.every((v) => normalizeTitle(v).head === 'manager')
}

/** Words of a title naming people, not a field, as what is managed. */
const PEOPLE_WORDS = /^(?:people|line|team|staff)$/
/** A title naming people as what it manages: "People Manager", "Line Manager", "Team Manager", "Staff Manager". */
const PEOPLE_MANAGER_TITLE = /\b(?:people|line|team|staff)\s+manager\b/i

/** Whether one of the titles names a manager of people ("People Manager"), not of a function or of work. */
export function peopleManagerTitles(variants: readonly string[]): boolean {
  return variants.some((v) => v !== '' && PEOPLE_MANAGER_TITLE.test(occupationalTitle(v)))
}

/**
 * How well a manager's text must match the best computer occupation, relative to the best other occupation outside
 * management, to be about software work (a warehouse manager's text matches material-moving occupations instead).
 */
export const COMPUTER_WORK_RATIO = 0.7

/** Project Management Specialists: managers of projects, not of people. */
const PROJECT_MANAGEMENT = '13-1082'
/** SOC 2018's minor group of art and design workers. */
const ART_AND_DESIGN_MINOR = '27-1000'
/** Web and Digital Interface Designers. */
const DIGITAL_DESIGNERS = '15-1255'
/** How many times better a designer's text must match the computer occupations than the art and design ones to be digital design. */
export const DIGITAL_DESIGN_RATIO = 1.1
/** Head nouns of designers' titles. */
const DESIGN_HEADS = new Set(['designer', 'design'])

/** Whether one of the titles is a designer's ("Product Designer", "Interaction Design"). */
export function designerTitles(variants: readonly string[]): boolean {
  return variants.some((v) => v !== '' && DESIGN_HEADS.has(normalizeTitle(v).head ?? ''))
}

/** SOC 2018's minor group of computer occupations (software developers, testers, web, network, database, …). */
const COMPUTER_MINOR = '15-1200'
/** The share of the titles' probability on computer occupations at which their software forms are scored without a software context. */
export const COMPUTING_TITLES_SHARE = 0.5
/** SOC 2018's major group of architecture and engineering occupations. */
const ENGINEERING_MAJOR = '17-0000'
/** How many times better the text's words must match the computer occupations than engineering ones to be a software context. */
export const SOFTWARE_CONTEXT_RATIO = 1.1
/** Head nouns of engineering titles that a software context reads as software work ("Engineer", "Architect"). */
const ENGINEERING_HEADS = new Set(['engineer', 'architect'])
/**
 * A working lead of technical work ("Tech Lead", "Technical Lead", "Engineering Lead", "Development Lead"): in a
 * software context, the lead of a software team who keeps doing its work, read as a lead software engineer.
 */
const TECHNICAL_LEAD = /^(tech|technical|technology|engineering|development|dev)\s+lead$/i
/** The title of software work, for a role whose titles name no occupation in a software context. */
const SOFTWARE_WORK_TITLE = 'Software Developer'
/** "Developer" with nothing to say what it develops (software, web, games, property…). */
const BARE_DEVELOPER = /^developers?$/i
/** Words that already place a title in software or computing ("Front End Engineer" builds web interfaces): such a title is not re-read. */
const SOFTWARE_WORDS = /\b(software|developer|programmer|web|data|network|database|computer|it|front[\s-]?end|back[\s-]?end|full[\s-]?stack)\b/i

/**
 * Whether the role's text is about software: the text, its titles' own words left out (they already count
 * through the titles, and "engineer" would pull towards every engineering occupation), matches the best
 * computer occupation's text (SOC 15-1200: definition, description, tasks) `SOFTWARE_CONTEXT_RATIO` times
 * better than the best architecture or engineering occupation's (17-xxxx). "Engineer" at a software company is
 * a software engineer (15-1252), not an engineer of 17-2xxx, which the title alone cannot tell; a hardware,
 * civil or mechanical engineering page's text matches its engineering occupation instead.
 */
export function softwareContext(index: ClassifierIndex, tokens: readonly string[], titles: readonly string[]): boolean {
  return softwareRatio(index, tokens, titles) >= SOFTWARE_CONTEXT_RATIO
}

/**
 * How many times better the text (its titles' own words left out) matches the best computer occupation's text
 * than the best architecture or engineering occupation's; 0 when the text matches no computer occupation.
 */
export function softwareRatio(index: ClassifierIndex, tokens: readonly string[], titles: readonly string[]): number {
  return computerRatio(index, contextCosines(index, tokens, titles), (group) => group.major === ENGINEERING_MAJOR)
}

/** The text's cosine with every code's text, its titles' own words (and their field or agent forms) left out. */
export function contextCosines(index: ClassifierIndex, tokens: readonly string[], titles: readonly string[]): Float64Array | null {
  const omit = new Set(titles.flatMap(textTokens).flatMap(stemForms))
  return textCosine(
    index,
    tokens.filter((token) => !omit.has(token)),
  )
}

/**
 * Whether every title has words besides its head noun and none of them is a word of any reference title, nor one
 * the title scorer read as one written differently (`respelled`: "backend" as "back end"): the titles name a field
 * the reference does not know ("Localization Specialist"), so only their head noun matched.
 */
export function unknownFieldTitles(index: ClassifierIndex, variants: readonly string[], respelled: ReadonlySet<string> = new Set()): boolean {
  const titles = variants.filter((v) => v !== '')
  return (
    titles.length > 0 &&
    titles.every((v) => {
      const { tokens, head } = normalizeTitle(v)
      const field = tokens.filter((t) => t !== head)
      return field.length > 0 && field.every((t) => !respelled.has(t) && !index.tokenShare.has(index.vocabulary.get(t) ?? -1))
    })
  )
}

/** How many times better `cos` is for the best code of `mine` than for the best of `rival`'s; 0 without a match of `mine`. */
function groupRatio(index: ClassifierIndex, cos: Float64Array | null, mine: (group: SocGroup) => boolean, rival: (group: SocGroup) => boolean): number {
  if (!cos) return 0
  let best = 0
  let other = 0
  for (let code = 0; code < cos.length; code++) {
    const group = index.codes[code]!
    if (mine(group)) best = Math.max(best, cos[code]!)
    else if (rival(group)) other = Math.max(other, cos[code]!)
  }
  if (best === 0) return 0
  return other === 0 ? Number.POSITIVE_INFINITY : best / other
}

/** How many times better `cos` is for the best computer occupation (15-1200) than for the best of `rival`'s; 0 without a computer match. */
function computerRatio(index: ClassifierIndex, cos: Float64Array | null, rival: (group: SocGroup) => boolean): number {
  return groupRatio(index, cos, (group) => group.minor === COMPUTER_MINOR, rival)
}

/** The title variants with, for each engineering title not already in software ("Engineer"), its software form ("Software Engineer"), and for a technical lead ("Tech Lead") "Lead Software Engineer". */
export function softwareVariants(variants: readonly string[]): string[] {
  const added = variants
    .filter((v) => v !== '')
    .flatMap((v) =>
      BARE_DEVELOPER.test(v.trim())
        ? ['Software Developer']
        : SOFTWARE_WORDS.test(v)
          ? []
          : ENGINEERING_HEADS.has(normalizeTitle(v).head ?? '')
            ? [`Software ${v}`]
            : TECHNICAL_LEAD.test(v.trim())
              ? ['Lead Software Engineer']
              : [],
    )
  return added.length === 0 ? [...variants] : [...new Set([...variants.filter((v) => v !== ''), ...added]), '']
}

/** A tier of a support desk in a title: "1st line", "second-line", "tier 2" (not "first-line supervisor", SOC's own words). */
const SUPPORT_TIER = /\b(?:(?:1st|2nd|3rd|first|second|third)[\s-]+line|tier[\s-]*[123])\b(?![\s-]+(?:supervisor|manager)s?\b)/i
/** Words of the tier, dropped from the support form of the title. */
const TIER_WORDS = /\b(?:1st|2nd|3rd|first|second|third|line|tier|[123])\b/gi

/** Whether a title names a tier of a support desk. */
export function supportTierTitle(title: string): boolean {
  return SUPPORT_TIER.test(title)
}

/** The title variants with, for each title not already in computing, its IT support form ("Line Analyst" → "IT Support Analyst"). */
export function supportTierVariants(variants: readonly string[]): string[] {
  const added = variants
    .filter((v) => v !== '' && !SOFTWARE_WORDS.test(v))
    .map((v) => v.replace(TIER_WORDS, ' ').replace(/\s+/g, ' ').trim())
    .filter((v) => v !== '' && !/\bsupport\b/i.test(v))
    .map((v) => `IT Support ${v}`)
  return added.length === 0 ? [...variants] : [...new Set([...variants.filter((v) => v !== ''), ...added]), '']
}
