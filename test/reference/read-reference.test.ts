import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ReferenceDataError } from '../../src/errors.js'
import type { ReferenceData } from '../../src/model/index.js'
import { readReference } from '../../src/reference/read-reference.js'

const referenceDir = path.resolve('raw/reference')

describe('readReference on the shipped reference folder', () => {
  let reference: ReferenceData
  beforeAll(async () => {
    reference = await readReference(referenceDir)
  })

  it('holds the whole SOC 2018 hierarchy with parents and definitions', () => {
    expect(reference.soc.size).toBe(1447)
    const developers = reference.soc.get('15-1252')!
    expect(developers).toMatchObject({
      title: 'Software Developers',
      level: 'detailed',
      parent: '15-1250',
      major: '15-0000',
      minor: '15-1200',
      broad: '15-1250',
    })
    expect(developers.definition).toMatch(/Research, design, and develop computer and network software/)
    expect(reference.soc.get('15-0000')).toMatchObject({ level: 'major', parent: null, definition: null })
  })

  it('gives O*NET alternate titles, with short titles and sources, by SOC code', () => {
    const titles = reference.alternateTitlesBySoc.get('15-1252')!
    expect(titles.length).toBeGreaterThan(50)
    expect(titles.every((t) => t.socCode === '15-1252' && t.onetCode.startsWith('15-1252.'))).toBe(true)
    expect(titles.some((t) => t.shortTitle !== null)).toBe(true)
    expect(titles.every((t) => t.sources.every((s) => /^\d\d$/.test(s)))).toBe(true)
  })

  it('reads O*NET occupations, reported titles, tasks and the BLS direct-match titles', () => {
    expect(reference.onetOccupations.get('15-1252.00')?.title).toBe('Software Developers')
    expect(reference.onetBySoc.get('15-1252')?.map((o) => o.onetCode)).toEqual(['15-1252.00'])
    expect(reference.reportedTitles.length).toBe(7796)
    expect(reference.tasks.length).toBe(18796)
    expect(reference.directMatchTitles.length).toBe(3040)
    expect(reference.directMatchTitles.every((t) => reference.soc.get(t.socCode)?.level === 'detailed')).toBe(true)
  })

  it('reads O*NET technology skills: each product with its commodity class and SOC code', () => {
    expect(reference.technologySkills.length).toBe(32681)
    expect(reference.technologySkills).toContainEqual({ onetCode: '15-1252.00', socCode: '15-1252', example: 'Git', commodity: 'File versioning software' })
  })

  it('reads ESCO occupations with their alternative labels and ISCO-08 unit groups', () => {
    expect(reference.escoOccupations.length).toBe(2942)
    const inspector = reference.escoOccupations.find((o) => o.preferredLabel === 'precision device inspector')!
    expect(inspector.isco08).toBe('7543')
    expect(inspector.altLabels.length).toBeGreaterThan(1)
    expect(inspector.altLabels.every((label) => label.length > 0 && !label.includes('\n'))).toBe(true)
  })

  it('chains ISCO-08 to SOC 2018 through SOC 2010, keeping the many-to-many links', () => {
    const candidates = reference.iscoBySoc.get('15-1252')!
    expect(candidates.map((c) => c.isco08)).toContain('2512')
    expect(candidates.find((c) => c.isco08 === '2512')!.via.length).toBeGreaterThan(0)
  })
})

describe('readReference on a broken reference folder', () => {
  let dir: string
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })
  const copyReference = async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'canon-ref-'))
    await cp(referenceDir, dir, { recursive: true })
    return dir
  }
  const editFile = async (file: string, edit: (text: string) => string) => {
    const full = path.join(dir, file)
    await writeFile(full, edit(await readFile(full, 'utf8')))
  }
  const failure = async (folder: string) => {
    try {
      await readReference(folder)
    } catch (error) {
      return error as ReferenceDataError
    }
    throw new Error('expected readReference to fail')
  }

  it('names the missing file', async () => {
    await copyReference()
    await rm(path.join(dir, 'onet_29_3/alternate_titles.tsv'))
    const error = await failure(dir)
    expect(error).toBeInstanceOf(ReferenceDataError)
    expect(error.message).toMatch(/alternate_titles\.tsv: cannot read the reference file/)
  })

  it('names file and line 1 when a column is missing', async () => {
    await copyReference()
    await editFile('soc2018/soc2018_hierarchy.csv', (text) => text.replace('code,title,Level', 'soc_code,title,Level'))
    const error = await failure(dir)
    expect(error.message).toMatch(/soc2018_hierarchy\.csv:1: column "code" is missing/)
  })

  it('names file and line of a malformed code', async () => {
    await copyReference()
    await editFile('bls_dmtf/soc_2018_direct_match_title_file.dev.csv', (text) => text.replace('11-1011,Management', '111011,Management'))
    const error = await failure(dir)
    expect(error.message).toMatch(/soc_2018_direct_match_title_file\.dev\.csv:2: column "2018 SOC Code" holds "111011"/)
    expect(error.line).toBe(2)
  })

  it('names file and line of a duplicate code', async () => {
    await copyReference()
    await editFile('onet_29_3/occupation_data.tsv', (text) => {
      const lines = text.split('\n')
      return [...lines.slice(0, 3), lines[2]!, ...lines.slice(3)].join('\n')
    })
    const error = await failure(dir)
    expect(error.message).toMatch(/occupation_data\.tsv:4: duplicate O\*NET-SOC code 11-1011\.03/)
  })

  it('names the line a row starts on in a file whose cells span lines (ESCO label lists)', async () => {
    await copyReference()
    await editFile('esco/occupations_en.csv', (text) => text.replace(',7543,precision device inspector,', ',75x3,precision device inspector,'))
    const error = await failure(dir)
    expect(error.message).toMatch(/occupations_en\.csv:21: column "iscoGroup" holds "75x3", which is not a 4-digit ISCO-08 unit group/)
    expect(error.line).toBe(21)
  })

  it('rejects a technology skill whose code is not a known occupation, naming file and line', async () => {
    await copyReference()
    await editFile('onet_29_3/technology_skills.tsv', (text) =>
      text.replace('11-1011.00\tChief Executives\tAdobe Acrobat', '11-1011.77\tChief Executives\tAdobe Acrobat'),
    )
    const error = await failure(dir)
    expect(error.message).toMatch(/technology_skills\.tsv:2: O\*NET-SOC code 11-1011\.77 is not in onet_29_3\/occupation_data\.tsv/)
  })

  it('rejects an O*NET title whose code is not a known occupation (a stale file)', async () => {
    await copyReference()
    await editFile('onet_29_3/alternate_titles.tsv', (text) => text.replace('11-1011.00\tAgency Owner', '11-1011.77\tAgency Owner'))
    const error = await failure(dir)
    expect(error.message).toMatch(/alternate_titles\.tsv:3: O\*NET-SOC code 11-1011\.77 is not in onet_29_3\/occupation_data\.tsv/)
  })
})
