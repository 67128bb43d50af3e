// Reference data as canon holds it after reading `raw/reference/` (SOC 2018, O*NET 29.3, BLS direct-match
// titles, ISCO-08 crosswalks, ESCO occupations). Types only; `readReference` in src/reference/ builds it.

export type SocLevel = 'major' | 'minor' | 'broad' | 'detailed'

/** One SOC 2018 group at any level, with its parent links and (for detailed codes) the BLS definition. */
export interface SocGroup {
  code: string // "15-1252"
  title: string // "Software Developers"
  level: SocLevel
  /** Parent group code; null for a major group. */
  parent: string | null
  major: string // "15-0000"
  minor: string | null // "15-1200"
  broad: string | null // "15-1250"
  /** BLS definition text ("Includes…/Excludes…" notes kept); null above the detailed level. */
  definition: string | null
}

/** One O*NET-SOC 2019 occupation; `socCode` is its SOC 2018 detailed code (first 7 characters). */
export interface OnetOccupation {
  onetCode: string // "15-1252.00"
  socCode: string // "15-1252"
  title: string
  description: string
}

/** O*NET source codes of an alternate title (data dictionary): 01 industry associations … 10 job listings. */
export type OnetTitleSource = '01' | '02' | '03' | '04' | '05' | '06' | '07' | '08' | '09' | '10' | string

export interface OnetAlternateTitle {
  onetCode: string
  socCode: string
  title: string
  /** The short form O*NET gives ("DevOps Engineer" for a long title); null where the file says n/a. */
  shortTitle: string | null
  sources: OnetTitleSource[]
}

export interface OnetReportedTitle {
  onetCode: string
  socCode: string
  title: string
  shownInMyNextMove: boolean
}

export interface OnetTask {
  onetCode: string
  socCode: string
  task: string
  type: 'Core' | 'Supplemental' | null
}

/** A technology (software or tool) O*NET lists for an occupation, with its UNSPSC commodity class. */
export interface OnetTechnologySkill {
  onetCode: string
  socCode: string
  /** The product or tool ("Git", "Adobe Acrobat"). */
  example: string
  /** Its commodity title ("Development environment software"). */
  commodity: string
}

/** A BLS SOC 2018 direct-match title: each maps to exactly one detailed code. */
export interface DirectMatchTitle {
  socCode: string
  title: string
  /** One of the SOC manual's illustrative examples. */
  illustrative: boolean
}

/** One row of the BLS ISCO-08 ↔ SOC 2010 crosswalk (many-to-many). */
export interface IscoSoc2010Link {
  isco08: string // "2512"
  iscoTitle: string
  soc2010: string
  soc2010Title: string
}

/** One row of the SOC 2010 → SOC 2018 crosswalk (many-to-many). */
export interface Soc2010Soc2018Link {
  soc2010: string
  soc2010Title: string
  soc2018: string
  soc2018Title: string
}

/** An ISCO-08 unit group reached from a SOC 2018 code through SOC 2010; `via` lists the SOC 2010 codes. */
export interface IscoCandidate {
  isco08: string
  title: string
  via: string[]
}

/** An ESCO occupation: its English labels and the ISCO-08 unit group it belongs to. */
export interface EscoOccupation {
  uri: string
  isco08: string // "2512"
  preferredLabel: string
  /** ESCO's alternative labels (one per line in the file). */
  altLabels: string[]
}

/** Everything canon reads from a reference folder, checked for consistency. */
export interface ReferenceData {
  /** The folder it was read from (as given). */
  dir: string
  /** Every SOC 2018 group (major, minor, broad, detailed) by code. */
  soc: ReadonlyMap<string, SocGroup>
  onetOccupations: ReadonlyMap<string, OnetOccupation>
  /** O*NET occupations per SOC 2018 detailed code ("15-1252" → [15-1252.00]). */
  onetBySoc: ReadonlyMap<string, OnetOccupation[]>
  alternateTitles: readonly OnetAlternateTitle[]
  /** O*NET alternate titles per SOC 2018 detailed code, in file order. */
  alternateTitlesBySoc: ReadonlyMap<string, OnetAlternateTitle[]>
  reportedTitles: readonly OnetReportedTitle[]
  tasks: readonly OnetTask[]
  /** O*NET technology skills (the products and tools each occupation uses). */
  technologySkills: readonly OnetTechnologySkill[]
  directMatchTitles: readonly DirectMatchTitle[]
  iscoSoc2010: readonly IscoSoc2010Link[]
  soc2010Soc2018: readonly Soc2010Soc2018Link[]
  /** ISCO-08 candidates per SOC 2018 detailed code, chained through SOC 2010 (many-to-many, derived). */
  iscoBySoc: ReadonlyMap<string, IscoCandidate[]>
  /** ESCO occupations (European labels, coded to ISCO-08 unit groups). */
  escoOccupations: readonly EscoOccupation[]
}
