// The language canon knows about job titles, in one place: abbreviations, seniority, track and level words, and
// the labels of a level's fields. Parse, normalize, aliases and classify read these tables; none keeps its own.
// Everything about which title means which occupation comes from the reference data, not from here.

/**
 * How an abbreviation expands. `head` is used when the token is the head noun of the title (the last word,
 * ignoring trailing level tokens), `modifier` when another word follows it: "Sys Admin" is a system
 * administrator but "Admin Assistant" an administrative assistant, "Software Eng" an engineer but
 * "Eng Manager" an engineering manager.
 */
export interface Expansion {
  head: string
  modifier: string
}

function same(expansion: string): Expansion {
  return { head: expansion, modifier: expansion }
}

/** Abbreviations in job titles and their expansions (alias keys use both forms, the classifier the head form). */
export const ABBREVIATIONS: ReadonlyMap<string, Expansion> = new Map<string, Expansion>([
  ['sr', same('senior')],
  ['snr', same('senior')],
  ['jr', same('junior')],
  ['jnr', same('junior')],
  ['mgr', same('manager')],
  ['mngr', same('manager')],
  ['mgmt', same('management')],
  ['eng', { head: 'engineer', modifier: 'engineering' }],
  ['engr', { head: 'engineer', modifier: 'engineering' }],
  ['dev', { head: 'developer', modifier: 'development' }],
  ['ops', same('operations')],
  ['admin', { head: 'administrator', modifier: 'administrative' }],
  ['sysadmin', same('system administrator')],
  ['assoc', same('associate')],
  ['asst', same('assistant')],
  ['dir', same('director')],
  ['vp', same('vice president')],
  ['svp', same('senior vice president')],
  ['evp', same('executive vice president')],
  ['avp', same('assistant vice president')],
  ['gm', same('general manager')],
  ['exec', same('executive')],
  ['tech', { head: 'technician', modifier: 'technical' }],
  ['techn', same('technician')],
  ['mech', { head: 'mechanic', modifier: 'mechanical' }],
  ['elec', { head: 'electrician', modifier: 'electrical' }],
  ['rep', same('representative')],
  ['coord', same('coordinator')],
  ['spec', same('specialist')],
  ['supv', same('supervisor')],
  ['supvr', same('supervisor')],
  ['sup', same('supervisor')],
  ['insp', same('inspector')],
  ['tchr', same('teacher')],
  ['maint', same('maintenance')],
  ['dept', same('department')],
  ['svc', same('service')],
  ['svcs', same('services')],
  ['mfg', same('manufacturing')],
  ['mktg', same('marketing')],
  ['lab', same('laboratory')],
  ['hr', same('human resources')],
  ['it', same('information technology')],
  ['qa', same('quality assurance')],
  ['sw', same('software')],
  ['op', same('operator')],
  ['oper', same('operator')],
  ['acct', { head: 'accountant', modifier: 'account' }],
  ['auto', same('automotive')],
  ['tv', same('television')],
  ['vet', { head: 'veterinarian', modifier: 'veterinary' }],
  ['prep', same('preparation')],
  ['rehab', same('rehabilitation')],
  ['telecom', same('telecommunications')],
  ['biomed', same('biomedical')],
  ['math', same('mathematics')],
  ['info', same('information')],
  ['intel', same('intelligence')],
  // Initialisms that mean one thing in job titles.
  ['qc', same('quality control')],
  ['rn', same('registered nurse')],
  ['lpn', same('licensed practical nurse')],
  ['hvac', same('heating ventilation and air conditioning')],
  ['cnc', same('computer numerical control')],
  ['cad', same('computer aided design')],
  ['gis', same('geographic information systems')],
  ['ux', same('user experience')],
  ['pr', same('public relations')],
  ['dj', same('disc jockey')],
  ['ceo', same('chief executive officer')],
  ['cfo', same('chief financial officer')],
  ['coo', same('chief operating officer')],
  ['cio', same('chief information officer')],
  ['cto', same('chief technology officer')],
  ['cmo', same('chief marketing officer')],
  ['ciso', same('chief information security officer')],
])

/**
 * The abbreviations the title classifier expands (to the head form). A subset of `ABBREVIATIONS`: the classifier
 * was fitted with these, and widening the list changes its figures (the classify issue revisits it).
 */
export const CLASSIFIER_ABBREVIATIONS: readonly string[] = [
  'sr',
  'jr',
  'snr',
  'mgr',
  'mngr',
  'asst',
  'assoc',
  'eng',
  'engr',
  'dev',
  'admin',
  'tech',
  'techn',
  'spec',
  'coord',
  'dir',
  'exec',
  'rep',
  'supv',
  'supvr',
  'sup',
  'op',
  'oper',
  'acct',
  'hr',
  'it',
  'qa',
  'vp',
  'svp',
]

/** Words that name a career track when they stand just before the level code in a canon-app title. */
export const TRACK_WORDS: readonly string[] = ['Professional', 'Management', 'Executive', 'Support', 'Technical', 'Leadership', 'Operational']

/**
 * The title words that name the ladder of a canon-app level code's letter (P3 → Professional, M2 → Manager or
 * Management), whatever the level's display name says.
 */
export const CODE_LADDER_WORDS: Readonly<Record<string, readonly string[]>> = {
  P: ['Professional'],
  M: ['Manager', 'Management'],
  E: ['Executive'],
  S: ['Support'],
  T: ['Technical', 'Technician'],
  L: ['Leadership', 'Leader'],
  O: ['Operational', 'Operations'],
}

/** Seniority words that prefix a discipline in career-ladder titles ("IC5 Staff Software Engineer"), longest first. */
export const SENIORITY_WORDS: readonly string[] = [
  'Senior Principal',
  'Sr. Principal',
  'Sr Principal',
  'Distinguished',
  'Principal',
  'Staff',
  'Senior',
  'Sr.',
  'Sr',
  'Junior',
  'Jr.',
  'Jr',
  'Intermediate',
  'Associate',
  'Lead',
  'Chief',
]

/** Level-code prefixes of well-known ladders and the track they stand for. */
export const LADDER_TRACKS: Readonly<Record<string, string>> = { IC: 'Individual Contributor', M: 'Management' }

/** Folded words that place a job on a ladder, not in an occupation: the classifier ignores them. */
export const LEVEL_WORDS: ReadonlySet<string> = new Set(['senior', 'junior', 'i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'mid', 'entry', 'level', 'grade'])

/** Labels of a level's fields as pages print them (lower case), and the `Level` field each fills. */
export const LEVEL_FIELD_LABELS: Readonly<Record<string, string>> = {
  scope: 'scope',
  autonomy: 'autonomy',
  complexity: 'complexity',
  impact: 'impact',
  'decision rights': 'decisionRights',
  leadership: 'leadership',
  'typical experience': 'typicalExperience',
}

/** Labels of a level's grade as pages print them ("Grade: 7", "PAYBAND: A", "Job grade: PO6"). */
export const LEVEL_GRADE_LABEL = /^(?:grade|job grade|pay ?grade|salary grade|pay ?band|band|group and level)$/i

/** Labels of a level's pay ("Salary", "Salary scale", "Pay range", "Compensation"); checked after the grade's. */
export const LEVEL_PAY_LABEL = /\b(?:salary|pay|compensation|remuneration|wages?)\b/i

/** How pages mark an alias as approved (a tick, yes, true, approved). */
export const APPROVAL_MARK = /^(?:✓|✔|☑|yes|true|approved)$/i
