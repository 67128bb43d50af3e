// Reads a reference folder (same layout as raw/reference/) into typed, cross-checked ReferenceData. A missing
// file, a missing column, a malformed or duplicate code, or a code that points nowhere fails with the file and
// line, because a stale reference file would otherwise show up later as a silently wrong classification.

import path from 'node:path'
import { ReferenceDataError } from '../errors.js'
import type {
  DirectMatchTitle,
  EscoOccupation,
  IscoCandidate,
  IscoSoc2010Link,
  OnetAlternateTitle,
  OnetOccupation,
  OnetReportedTitle,
  OnetTask,
  OnetTechnologySkill,
  ReferenceData,
  Soc2010Soc2018Link,
  SocGroup,
  SocLevel,
} from '../model/index.js'
import { readTable, readTableWithLines, type TableRow, type TableSpec } from './read-table.js'

/** The reference tables canon reads, relative to the reference folder. */
export const referenceTables = {
  socHierarchy: {
    file: 'soc2018/soc2018_hierarchy.csv',
    format: 'csv',
    columns: ['code', 'title', 'Level', 'parent', 'soc2d', 'soc3d', 'soc5d'],
  },
  socDefinitions: {
    file: 'soc2018/soc_2018_definitions.csv',
    format: 'csv',
    columns: ['SOC Group', 'SOC Code', 'SOC Title', 'SOC Definition'],
  },
  onetOccupations: {
    file: 'onet_29_3/occupation_data.tsv',
    format: 'tsv',
    columns: ['O*NET-SOC Code', 'Title', 'Description'],
  },
  alternateTitles: {
    file: 'onet_29_3/alternate_titles.tsv',
    format: 'tsv',
    columns: ['O*NET-SOC Code', 'Alternate Title', 'Short Title', 'Source(s)'],
  },
  reportedTitles: {
    file: 'onet_29_3/sample_of_reported_titles.tsv',
    format: 'tsv',
    columns: ['O*NET-SOC Code', 'Reported Job Title', 'Shown in My Next Move'],
  },
  tasks: {
    file: 'onet_29_3/task_statements.tsv',
    format: 'tsv',
    columns: ['O*NET-SOC Code', 'Task', 'Task Type'],
  },
  technologySkills: {
    file: 'onet_29_3/technology_skills.tsv',
    format: 'tsv',
    columns: ['O*NET-SOC Code', 'Example', 'Commodity Title'],
  },
  directMatchTitles: {
    file: 'bls_dmtf/soc_2018_direct_match_title_file.dev.csv',
    format: 'csv',
    columns: ['2018 SOC Code', '2018 SOC Direct Match Title', 'Illustrative Example'],
  },
  iscoSoc2010: {
    file: 'crosswalks/isco2008_soc2010.csv',
    format: 'csv',
    columns: ['isco2008', 'isco2008_title', 'soc2010', 'soc2010_title'],
  },
  soc2010Soc2018: {
    file: 'crosswalks/soc2010_soc2018.csv',
    format: 'csv',
    columns: ['soc2010', 'soc2010_title', 'soc2018', 'soc2018_title'],
  },
  escoOccupations: {
    file: 'esco/occupations_en.csv',
    format: 'csv',
    columns: ['conceptUri', 'iscoGroup', 'preferredLabel', 'altLabels'],
  },
} as const satisfies Record<string, TableSpec<string>>

const SOC_CODE = /^\d\d-\d{4}$/
const ONET_CODE = /^\d\d-\d{4}\.\d\d$/
const ISCO_CODE = /^\d{1,4}$/
const ISCO_UNIT_GROUP = /^\d{4}$/
const HIERARCHY_LEVELS: Record<string, SocLevel> = { '2': 'major', '3': 'minor', '5': 'broad', '6': 'detailed' }

/** Reads every reference table under `dir` and checks them against each other. */
export async function readReference(dir: string): Promise<ReferenceData> {
  const read = <C extends string>(spec: TableSpec<C>) => readTable(dir, spec)
  const [hierarchy, definitions, onet, alternates, reported, tasks, technology, dmtf, isco, soc1018, esco] = await Promise.all([
    read(referenceTables.socHierarchy),
    read(referenceTables.socDefinitions),
    read(referenceTables.onetOccupations),
    read(referenceTables.alternateTitles),
    read(referenceTables.reportedTitles),
    read(referenceTables.tasks),
    read(referenceTables.technologySkills),
    read(referenceTables.directMatchTitles),
    read(referenceTables.iscoSoc2010),
    read(referenceTables.soc2010Soc2018),
    // ESCO's label lists are quoted cells spanning several lines, so row numbers are not line numbers.
    readTableWithLines(dir, referenceTables.escoOccupations),
  ])
  return buildReference(dir, {
    hierarchy,
    definitions,
    onet,
    alternates,
    reported,
    tasks,
    technology,
    dmtf,
    isco,
    soc1018,
    esco: esco.rows,
    lines: { escoOccupations: esco.lines },
  })
}

type Rows<K extends keyof typeof referenceTables> = TableRow<(typeof referenceTables)[K]['columns'][number]>[]

export interface ReferenceTables {
  hierarchy: Rows<'socHierarchy'>
  definitions: Rows<'socDefinitions'>
  onet: Rows<'onetOccupations'>
  alternates: Rows<'alternateTitles'>
  reported: Rows<'reportedTitles'>
  tasks: Rows<'tasks'>
  technology: Rows<'technologySkills'>
  dmtf: Rows<'directMatchTitles'>
  isco: Rows<'iscoSoc2010'>
  soc1018: Rows<'soc2010Soc2018'>
  esco: Rows<'escoOccupations'>
  /** Line each row starts on, for tables where that is not row + 2 (cells spanning lines). */
  lines?: Partial<Record<keyof typeof referenceTables, readonly number[]>>
}

/** Checks parsed tables against each other and assembles ReferenceData. Pure; `dir` only names files in errors. */
export function buildReference(dir: string, tables: ReferenceTables): ReferenceData {
  const fileOf = (key: keyof typeof referenceTables) => path.join(dir, referenceTables[key].file)
  // Data row i sits on line i + 2 (header on line 1) unless the table's own line list says otherwise.
  const lineOf = (key: keyof typeof referenceTables, index: number) => tables.lines?.[key]?.[index] ?? index + 2
  const fail = (key: keyof typeof referenceTables, index: number | null, problem: string): never => {
    throw new ReferenceDataError(fileOf(key), index === null ? null : lineOf(key, index), problem)
  }
  const expectCode = (key: keyof typeof referenceTables, index: number, column: string, value: string, pattern: RegExp, what: string) => {
    if (!pattern.test(value)) fail(key, index, `column "${column}" holds "${value}", which is not a ${what}`)
  }

  const soc = new Map<string, SocGroup>()
  tables.hierarchy.forEach((row, i) => {
    expectCode('socHierarchy', i, 'code', row.code, SOC_CODE, 'SOC code like 15-1252')
    const level = HIERARCHY_LEVELS[row.Level]
    if (!level) fail('socHierarchy', i, `column "Level" holds "${row.Level}"; expected 2, 3, 5 or 6`)
    if (soc.has(row.code)) fail('socHierarchy', i, `duplicate SOC code ${row.code}`)
    const na = (value: string) => (value === 'NA' || value === '' ? null : value)
    soc.set(row.code, {
      code: row.code,
      title: row.title,
      level: level!,
      parent: na(row.parent),
      major: row.soc2d,
      minor: na(row.soc3d),
      broad: na(row.soc5d),
      definition: null,
    })
  })
  tables.hierarchy.forEach((row, i) => {
    const group = soc.get(row.code)!
    if (group.level !== 'major' && (!group.parent || !soc.has(group.parent))) {
      fail('socHierarchy', i, `${row.code} names parent "${row.parent}", which is not in the file`)
    }
  })

  const seenDefinitions = new Set<string>()
  tables.definitions.forEach((row, i) => {
    const code = row['SOC Code']
    expectCode('socDefinitions', i, 'SOC Code', code, SOC_CODE, 'SOC code like 15-1252')
    if (seenDefinitions.has(code)) fail('socDefinitions', i, `duplicate SOC code ${code}`)
    seenDefinitions.add(code)
    const group = soc.get(code)
    if (!group) fail('socDefinitions', i, `SOC code ${code} is not in ${referenceTables.socHierarchy.file}; are both files from SOC 2018?`)
    if (row['SOC Definition']) group!.definition = row['SOC Definition']
  })

  const detailed = (key: keyof typeof referenceTables, index: number, code: string) => {
    const group = soc.get(code)
    if (group?.level !== 'detailed') {
      fail(key, index, `${code} is not a detailed SOC 2018 code in ${referenceTables.socHierarchy.file}; is the file from another SOC release?`)
    }
    return code
  }

  const onetOccupations = new Map<string, OnetOccupation>()
  const onetBySoc = new Map<string, OnetOccupation[]>()
  tables.onet.forEach((row, i) => {
    const onetCode = row['O*NET-SOC Code']
    expectCode('onetOccupations', i, 'O*NET-SOC Code', onetCode, ONET_CODE, 'O*NET-SOC code like 15-1252.00')
    if (onetOccupations.has(onetCode)) fail('onetOccupations', i, `duplicate O*NET-SOC code ${onetCode}`)
    const socCode = detailed('onetOccupations', i, onetCode.slice(0, 7))
    const occupation = { onetCode, socCode, title: row.Title, description: row.Description }
    onetOccupations.set(onetCode, occupation)
    pushTo(onetBySoc, socCode, occupation)
  })
  const knownOnet = (key: keyof typeof referenceTables, index: number, onetCode: string) => {
    expectCode(key, index, 'O*NET-SOC Code', onetCode, ONET_CODE, 'O*NET-SOC code like 15-1252.00')
    const occupation = onetOccupations.get(onetCode)
    if (!occupation) fail(key, index, `O*NET-SOC code ${onetCode} is not in ${referenceTables.onetOccupations.file}; are the O*NET files from one release?`)
    return occupation!
  }

  const alternateTitles: OnetAlternateTitle[] = []
  const alternateTitlesBySoc = new Map<string, OnetAlternateTitle[]>()
  tables.alternates.forEach((row, i) => {
    const occupation = knownOnet('alternateTitles', i, row['O*NET-SOC Code'])
    const short = row['Short Title']
    const entry: OnetAlternateTitle = {
      onetCode: occupation.onetCode,
      socCode: occupation.socCode,
      title: row['Alternate Title'],
      shortTitle: short === '' || short.toLowerCase() === 'n/a' ? null : short,
      sources: row['Source(s)']
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    }
    alternateTitles.push(entry)
    pushTo(alternateTitlesBySoc, entry.socCode, entry)
  })

  const reportedTitles: OnetReportedTitle[] = tables.reported.map((row, i) => {
    const occupation = knownOnet('reportedTitles', i, row['O*NET-SOC Code'])
    return {
      onetCode: occupation.onetCode,
      socCode: occupation.socCode,
      title: row['Reported Job Title'],
      shownInMyNextMove: row['Shown in My Next Move'] === 'Y',
    }
  })

  const tasks: OnetTask[] = tables.tasks.map((row, i) => {
    const occupation = knownOnet('tasks', i, row['O*NET-SOC Code'])
    const type = row['Task Type'] === 'Core' || row['Task Type'] === 'Supplemental' ? row['Task Type'] : null
    return { onetCode: occupation.onetCode, socCode: occupation.socCode, task: row.Task, type }
  })

  const technologySkills: OnetTechnologySkill[] = tables.technology.map((row, i) => {
    const occupation = knownOnet('technologySkills', i, row['O*NET-SOC Code'])
    if (!row.Example) fail('technologySkills', i, 'the example (product or tool name) is empty')
    return { onetCode: occupation.onetCode, socCode: occupation.socCode, example: row.Example, commodity: row['Commodity Title'] }
  })

  const directMatchTitles: DirectMatchTitle[] = tables.dmtf.map((row, i) => {
    const code = row['2018 SOC Code']
    expectCode('directMatchTitles', i, '2018 SOC Code', code, SOC_CODE, 'SOC code like 15-1252')
    const title = row['2018 SOC Direct Match Title']
    if (!title) fail('directMatchTitles', i, 'the direct-match title is empty')
    return { socCode: detailed('directMatchTitles', i, code), title, illustrative: row['Illustrative Example'].toLowerCase() === 'x' }
  })

  const iscoSoc2010: IscoSoc2010Link[] = tables.isco.map((row, i) => {
    expectCode('iscoSoc2010', i, 'isco2008', row.isco2008, ISCO_CODE, 'ISCO-08 code like 2512')
    expectCode('iscoSoc2010', i, 'soc2010', row.soc2010, SOC_CODE, 'SOC 2010 code like 15-1132')
    return { isco08: row.isco2008, iscoTitle: row.isco2008_title, soc2010: row.soc2010, soc2010Title: row.soc2010_title }
  })
  const soc2010Soc2018: Soc2010Soc2018Link[] = tables.soc1018.map((row, i) => {
    expectCode('soc2010Soc2018', i, 'soc2010', row.soc2010, SOC_CODE, 'SOC 2010 code like 15-1132')
    expectCode('soc2010Soc2018', i, 'soc2018', row.soc2018, SOC_CODE, 'SOC 2018 code like 15-1252')
    if (!soc.has(row.soc2018)) fail('soc2010Soc2018', i, `SOC 2018 code ${row.soc2018} is not in ${referenceTables.socHierarchy.file}`)
    return { soc2010: row.soc2010, soc2010Title: row.soc2010_title, soc2018: row.soc2018, soc2018Title: row.soc2018_title }
  })

  const escoOccupations: EscoOccupation[] = tables.esco.map((row, i) => {
    expectCode('escoOccupations', i, 'iscoGroup', row.iscoGroup, ISCO_UNIT_GROUP, '4-digit ISCO-08 unit group like 2512')
    if (!row.preferredLabel) fail('escoOccupations', i, 'the preferred label is empty')
    const altLabels = row.altLabels
      .split('\n')
      .map((label) => label.trim())
      .filter(Boolean)
    return { uri: row.conceptUri, isco08: row.iscoGroup, preferredLabel: row.preferredLabel, altLabels }
  })

  return {
    dir,
    soc,
    onetOccupations,
    onetBySoc,
    alternateTitles,
    alternateTitlesBySoc,
    reportedTitles,
    tasks,
    technologySkills,
    directMatchTitles,
    iscoSoc2010,
    soc2010Soc2018,
    iscoBySoc: chainIscoBySoc(iscoSoc2010, soc2010Soc2018),
    escoOccupations,
  }
}

/** ISCO-08 → SOC 2010 → SOC 2018, inverted to SOC 2018 → ISCO-08 candidates (each with the SOC 2010 codes used). */
function chainIscoBySoc(isco: readonly IscoSoc2010Link[], soc1018: readonly Soc2010Soc2018Link[]): Map<string, IscoCandidate[]> {
  const iscoBy2010 = new Map<string, IscoSoc2010Link[]>()
  for (const link of isco) pushTo(iscoBy2010, link.soc2010, link)
  const result = new Map<string, IscoCandidate[]>()
  for (const link of soc1018) {
    const candidates = result.get(link.soc2018) ?? []
    for (const iscoLink of iscoBy2010.get(link.soc2010) ?? []) {
      const existing = candidates.find((c) => c.isco08 === iscoLink.isco08)
      if (existing) {
        if (!existing.via.includes(link.soc2010)) existing.via.push(link.soc2010)
      } else {
        candidates.push({ isco08: iscoLink.isco08, title: iscoLink.iscoTitle, via: [link.soc2010] })
      }
    }
    if (candidates.length > 0) result.set(link.soc2018, candidates)
  }
  for (const candidates of result.values()) candidates.sort((a, b) => a.isco08.localeCompare(b.isco08))
  return result
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}
