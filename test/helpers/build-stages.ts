// In-test build stages: pages are JSON role profiles held in a map (edit the map to "edit a page"), parsing
// counts its calls, classification keeps what the page declared, and the real aliases stage scores aliases.

import { createHash } from 'node:crypto'
import { scoreAliases } from '../../src/aliases/score-aliases.js'
import type { BuildStages } from '../../src/batch/stages.js'
import type { PageResult } from '../../src/model/index.js'
import type { PageInput, Quarantined, ReferenceData, RoleProfile, SocGroup } from '../../src/model/index.js'

export interface FakeRaw {
  /** path → page text: a RoleProfile (or an array of them) as JSON, or anything else for a page that fails to parse. */
  pages: Map<string, string>
  /** Paths parsed by each build, in order. */
  parsed: string[][]
  /** Change it to "edit the reference data". */
  referenceVersion: string
  /** Roles classified by each build (how many). */
  classified: number[]
}

export function fakeRaw(profiles: RoleProfile[]): FakeRaw {
  return { pages: new Map(profiles.map((profile) => [profile.source.path, JSON.stringify(profile)])), parsed: [], referenceVersion: 'ref-1', classified: [] }
}

export function setPage(raw: FakeRaw, profile: RoleProfile): void {
  raw.pages.set(profile.source.path, JSON.stringify(profile))
}

const socGroups: SocGroup[] = [
  {
    code: '15-0000',
    title: 'Computer and Mathematical Occupations',
    level: 'major',
    parent: null,
    major: '15-0000',
    minor: null,
    broad: null,
    definition: null,
  },
  { code: '15-1200', title: 'Computer Occupations', level: 'minor', parent: '15-0000', major: '15-0000', minor: '15-1200', broad: null, definition: null },
  {
    code: '15-1250',
    title: 'Software and Web Developers, Programmers, and Testers',
    level: 'broad',
    parent: '15-1200',
    major: '15-0000',
    minor: '15-1200',
    broad: '15-1250',
    definition: null,
  },
  {
    code: '15-1252',
    title: 'Software Developers',
    level: 'detailed',
    parent: '15-1250',
    major: '15-0000',
    minor: '15-1200',
    broad: '15-1250',
    definition: 'Research, design, and develop computer and network software.',
  },
  {
    code: '15-1244',
    title: 'Network and Computer Systems Administrators',
    level: 'detailed',
    parent: '15-1250',
    major: '15-0000',
    minor: '15-1200',
    broad: '15-1250',
    definition: null,
  },
]

/** Just enough reference data for decisions (SOC titles) and the aliases stage (no alternate titles). */
export const tinyReference = {
  dir: 'test',
  soc: new Map(socGroups.map((group) => [group.code, group])),
  onetOccupations: new Map(),
  onetBySoc: new Map(),
  alternateTitles: [],
  alternateTitlesBySoc: new Map(),
  reportedTitles: [],
  tasks: [],
  technologySkills: [],
  directMatchTitles: [],
  iscoSoc2010: [],
  soc2010Soc2018: [],
  iscoBySoc: new Map(),
  escoOccupations: [],
} as ReferenceData

export function fakeStages(raw: FakeRaw): BuildStages {
  return {
    parserVersion: 'test-1',
    codeVersion: 'test-code-1',
    referenceVersion: async () => raw.referenceVersion,
    async *readPages() {
      for (const path of [...raw.pages.keys()].sort()) {
        const bytes = new TextEncoder().encode(raw.pages.get(path)!)
        yield { path, bytes, contentHash: createHash('sha256').update(bytes).digest('hex') } satisfies PageInput
      }
    },
    async *parsePages(pages) {
      const parsed: string[] = []
      raw.parsed.push(parsed)
      for await (const page of pages) {
        if (!('bytes' in page)) {
          yield { path: page.file, profiles: [], rejected: [page], warnings: [] }
          continue
        }
        parsed.push(page.path)
        const text = new TextDecoder().decode(page.bytes)
        let result: PageResult
        try {
          // A page holds one profile, or several (a job-family page) as an array.
          const declared = JSON.parse(text) as RoleProfile | RoleProfile[]
          const profiles = (Array.isArray(declared) ? declared : [declared]).map((profile) => ({
            ...profile,
            source: { ...profile.source, contentHash: page.contentHash },
          }))
          const warnings = profiles.flatMap((profile) => profile.findings.map((finding) => ({ file: page.path, ...finding })))
          result = { path: page.path, profiles, rejected: [], warnings }
        } catch {
          const rejected: Quarantined = { file: page.path, stage: 'parse', message: `${page.path}: not a role page` }
          result = { path: page.path, profiles: [], rejected: [rejected], warnings: [] }
        }
        yield result
      }
    },
    async readReference() {
      return tinyReference
    },
    classifyRoles(profiles) {
      raw.classified.push(profiles.length)
      return { ok: profiles, rejected: [], warnings: [] }
    },
    scoreAliases(profiles, _reference, decisions) {
      return scoreAliases(profiles, { referenceTitles: () => [], decisions })
    },
  }
}
