import { describe, expect, it } from 'vitest'
import type { ExportContext, ExportFile } from '../../src/export/profile.js'
import { exportProfiles, findExportProfile } from '../../src/export/profiles/index.js'
import type { ExportRole } from '../../src/model/index.js'
import { active, roleProfile, snapshot } from '../helpers/export-roles.js'

const contextFor = (profileName: string, includeUnreviewed = false): ExportContext => {
  const format = findExportProfile(profileName).dateFormat
  const [y, m, d] = snapshot.effectiveDate.split('-')
  const effectiveDate = format === 'MM/dd/yyyy' ? `${m}/${d}/${y}` : format === 'YYYY/MM/DD' ? `${y}/${m}/${d}` : snapshot.effectiveDate
  return { snapshot, effectiveDate, includeUnreviewed }
}

const fileOf = (profileName: string, fileName: string): ExportFile => {
  const file = findExportProfile(profileName).files.find((f) => f.name === fileName)
  if (!file) throw new Error(`no ${fileName} in ${profileName}`)
  return file
}

const asObjects = (file: ExportFile, rows: unknown[][]) => rows.map((row) => Object.fromEntries(file.headers.map((h, i) => [h, row[i]])))

/** The rows a role gives a per-role file, or, for a reference file, the rows of the objects these roles refer to. */
const rowsAsObjects = (profileName: string, fileName: string, ...roles: ExportRole[]) => {
  const file = fileOf(profileName, fileName)
  const context = contextFor(profileName)
  if (file.collect === 'role')
    return asObjects(
      file,
      roles.flatMap((role) => file.rowsOf(role, context)),
    )
  const objects = new Map<string, unknown>()
  for (const role of roles)
    for (const [key, object] of file.objectsOf(role, context)) objects.set(key, objects.has(key) ? file.merge(objects.get(key), object) : object)
  const keys = [...objects.keys()].sort((a, b) => (a < b ? -1 : 1))
  return asObjects(
    file,
    file.rowsFor(
      keys.map((k) => objects.get(k)),
      context,
    ),
  )
}

/** Only the cells that hold something (EIB sheets are wide and mostly empty). */
const filled = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null && v !== ''))

describe('generic profile', () => {
  it('writes one job_profiles row per role with DESIGN field names in snake_case', () => {
    const [row] = rowsAsObjects('generic', 'job_profiles.csv', active(roleProfile('EDE.GEN.P3')))
    expect(row).toMatchObject({
      code: 'EDE.GEN.P3',
      function: 'Engineering',
      level_code: 'P3',
      level_typical_experience: '3–5 yrs',
      confidence: 0.7,
      confidence_band: 'medium',
      source_version: 1,
      story_plan: '["Automate, then measure","Review with teams"]',
      source_content_hash: 'ab12',
      state: 'active',
    })
  })

  it("writes the level's grade and pay range when the page states them, empty cells otherwise", () => {
    const stated = roleProfile('EDE.GEN.P3')
    stated.level = {
      ...stated.level!,
      grade: 'PO6',
      payRange: { text: '£44,743 to £60,484 per annum', currency: 'GBP', min: 44743, max: 60484, period: 'year' },
    }
    const [row] = rowsAsObjects('generic', 'job_profiles.csv', active(stated))
    expect(row).toMatchObject({
      level_grade: 'PO6',
      level_pay_range: '£44,743 to £60,484 per annum',
      level_pay_currency: 'GBP',
      level_pay_min: 44743,
      level_pay_max: 60484,
      level_pay_period: 'year',
    })
    const [plain] = rowsAsObjects('generic', 'job_profiles.csv', active(roleProfile('EDE.GEN.P3')))
    expect(plain).toMatchObject({ level_grade: null, level_pay_range: null, level_pay_min: null, level_pay_period: null })
  })

  it('carries the role version and its content hash when the reader gives them', () => {
    const [row] = rowsAsObjects('generic', 'job_profiles.csv', { ...active(roleProfile('EDE.GEN.P3')), version: 4, contentHash: 'c0ffee' })
    expect(row).toMatchObject({ role_version: 4, content_hash: 'c0ffee' })
  })

  it('writes child rows in page order, joined on role_code, lists as JSON arrays', () => {
    const rows = rowsAsObjects('generic', 'job_components.csv', active(roleProfile('EDE.GEN.P3')))
    expect(rows.map((r) => [r.role_code, r.ordinal, r.kind, r.tags])).toEqual([
      ['EDE.GEN.P3', 1, 'responsibility', '["common","level"]'],
      ['EDE.GEN.P3', 2, 'responsibility', '[]'],
      ['EDE.GEN.P3', 3, 'skill', '["common"]'],
    ])
  })

  it('leaves level and story columns empty for a role without them', () => {
    const [row] = rowsAsObjects('generic', 'job_profiles.csv', active(roleProfile('X.1', { level: null, story: null })))
    expect(row).toMatchObject({ level_code: null, level_name: null, story_who: null, story_plan: null })
  })
})

const competent = roleProfile('EDE.GEN.P3', {
  components: [
    { kind: 'responsibility', text: 'Maintain CI/CD pipelines & runbooks', tags: ['common'] },
    { kind: 'task', text: 'Run <incident> reviews,\nwrite "post-mortems"', tags: [] },
    { kind: 'skill', text: 'Terraform', tags: ['common'] },
    { kind: 'knowledge', text: 'Kubernetes', tags: [] },
    { kind: 'competency', text: 'Explains trade-offs to the team', tags: ['level', 'Communication'] },
    { kind: 'competency', text: 'Writes clear design docs', tags: ['Communication'] },
    { kind: 'competency', text: 'Owns outcomes', tags: ['common'] },
  ],
  classifications: [
    { system: 'SOC2018', code: '15-1252', title: 'Software Developers', source: 'declared', confidence: 0.6, reviewStatus: 'accepted', evidence: [] },
    {
      system: 'SOC2018',
      code: '15-1244',
      title: 'Network Administrators',
      source: 'inferred_from_text',
      confidence: 0.9,
      reviewStatus: 'auto_accepted',
      evidence: [],
    },
    { system: 'ONET-SOC', code: '15-1252.00', title: 'Software Developers', source: 'derived', confidence: 0.8, reviewStatus: 'auto_accepted', evidence: [] },
    { system: 'ISCO-08', code: '2512', title: 'Software developers', source: 'derived', confidence: 0.5, reviewStatus: 'needs_review', evidence: [] },
    {
      system: 'SOC2018',
      code: '15-1299',
      title: 'Computer Occupations, All Other',
      source: 'inferred_from_title',
      confidence: 0.3,
      reviewStatus: 'rejected',
      evidence: [],
    },
  ],
})

describe('workday profile', () => {
  it('loads reference objects first, then Put_Job_Profile, then the held-back report', () => {
    expect(findExportProfile('workday').files.map((f) => [f.name, f.purpose])).toEqual([
      ['01_put_job_family.csv', 'reference'],
      ['02_put_job_family_group.csv', 'reference'],
      ['03_put_management_level.csv', 'reference'],
      ['04_put_job_level.csv', 'reference'],
      ['05_put_job_classification_group.csv', 'reference'],
      ['06_put_competency.csv', 'reference'],
      ['07_put_job_profile.csv', 'load'],
      ['held_back_codes.csv', 'report'],
    ])
  })

  it('writes a job profile with reference IDs, Job_Profile_ID = the role code, and escaped one-line HTML', () => {
    const [first] = rowsAsObjects('workday', '07_put_job_profile.csv', active(competent))
    expect(filled(first!)).toEqual({
      Spreadsheet_Key: 'EDE.GEN.P3',
      Job_Profile_ID: 'EDE.GEN.P3',
      Job_Code: 'EDE.GEN.P3',
      Effective_Date: '2026-11-02',
      Inactive: 'N',
      Job_Title: competent.title,
      Job_Profile_Summary: competent.summary,
      Job_Description:
        '<p><b>Responsibilities</b></p><ul><li>Maintain CI/CD pipelines &amp; runbooks</li><li>Run &lt;incident&gt; reviews, write &quot;post-mortems&quot;</li></ul>' +
        '<p><b>Competency: Communication</b></p><ul><li>Explains trade-offs to the team</li><li>Writes clear design docs</li></ul>' +
        '<p><b>Competencies</b></p><ul><li>Owns outcomes</li></ul>',
      Management_Level_ID: 'ML_PROFESSIONAL',
      Job_Level_ID: 'JL_P3',
      'Job_Family.Row_ID': 1,
      'Job_Family.Job_Family_ID': 'JF_ENGINEERING_DEVOPS_ENG_772C',
      'Job_Classification.Row_ID': 1,
      'Job_Classification.Job_Classification_ID': 'SOC2018_15-1252',
      'Responsibility.Row_ID': 1,
      'Responsibility.Responsibility_Description': 'Maintain CI/CD pipelines & runbooks',
      'Competency.Row_ID': 1,
      'Competency.Competency_ID': 'COMP_COMMUNICATION',
      'Skill.Row_ID': 1,
      'Skill.Name': 'Terraform',
    })
  })

  it('spreads multi-valued data over sub-rows sharing the spreadsheet key, each with its Row ID', () => {
    const rows = rowsAsObjects('workday', '07_put_job_profile.csv', active(competent)).slice(1).map(filled)
    expect(rows).toEqual([
      {
        Spreadsheet_Key: 'EDE.GEN.P3',
        'Job_Classification.Row_ID': 2,
        'Job_Classification.Job_Classification_ID': 'ONET-SOC_15-1252.00',
        'Responsibility.Row_ID': 2,
        'Responsibility.Responsibility_Description': 'Run <incident> reviews,\nwrite "post-mortems"',
        'Competency.Row_ID': 2,
        'Competency.Competency_ID': 'COMP_OWNS_OUTCOMES',
        'Skill.Row_ID': 2,
        'Skill.Name': 'Kubernetes',
      },
    ])
  })

  it('sends one accepted or auto-accepted code per classification group and lists the rest with a reason', () => {
    const held = rowsAsObjects('workday', 'held_back_codes.csv', active(competent)).map((r) => [r.system, r.code, r.reason])
    expect(held).toEqual([
      ['SOC2018', '15-1244', 'not_primary'],
      ['ISCO-08', '2512', 'needs_review'],
      ['SOC2018', '15-1299', 'rejected'],
    ])
    const file = fileOf('workday', '07_put_job_profile.csv')
    if (file.collect !== 'role') throw new Error('per-role file expected')
    const withUnreviewed = asObjects(file, file.rowsOf(active(competent), contextFor('workday', true)))
    expect(withUnreviewed.map((r) => r['Job_Classification.Job_Classification_ID']).filter(Boolean)).toEqual([
      'SOC2018_15-1252',
      'ONET-SOC_15-1252.00',
      'ISCO-08_2512',
    ])
  })

  it('exports each reference object once, in ID order, active while any role using it is', () => {
    const other = roleProfile('EDE.GEN.P4', { level: { ...competent.level!, code: 'P4', name: 'Senior Professional' } })
    const roles = [active(competent), { profile: other, state: 'removed' as const }]
    expect(rowsAsObjects('workday', '01_put_job_family.csv', ...roles)).toEqual([
      {
        Spreadsheet_Key: 'JF_ENGINEERING_DEVOPS_ENG_772C',
        Job_Family_ID: 'JF_ENGINEERING_DEVOPS_ENG_772C',
        Effective_Date: '2026-11-02',
        Name: 'DevOps Engineering',
        Inactive: 'N',
      },
    ])
    expect(rowsAsObjects('workday', '02_put_job_family_group.csv', ...roles).map(filled)).toEqual([
      {
        Spreadsheet_Key: 'JFG_ENGINEERING',
        Job_Family_Group_ID: 'JFG_ENGINEERING',
        Effective_Date: '2026-11-02',
        Name: 'Engineering',
        Inactive: 'N',
        'Job_Family.Row_ID': 1,
        'Job_Family.Job_Family_ID': 'JF_ENGINEERING_DEVOPS_ENG_772C',
      },
    ])
    expect(rowsAsObjects('workday', '04_put_job_level.csv', ...roles).map((r) => [r.Job_Level_ID, r.Name])).toEqual([
      ['JL_P3', 'Mid-Level Professional'],
      ['JL_P4', 'Senior Professional'],
    ])
    expect(rowsAsObjects('workday', '05_put_job_classification_group.csv', ...roles).map(filled)).toEqual([
      {
        Spreadsheet_Key: 'JCG_ONET_SOC',
        Job_Classification_Group_ID: 'JCG_ONET_SOC',
        Name: 'ONET-SOC',
        'Job_Classification.Row_ID': 1,
        'Job_Classification.Job_Classification_ID': 'ONET-SOC_15-1252.00',
        'Job_Classification.Job_Code': '15-1252.00',
        'Job_Classification.Job_Description': 'Software Developers',
      },
      {
        Spreadsheet_Key: 'JCG_SOC2018',
        Job_Classification_Group_ID: 'JCG_SOC2018',
        Name: 'SOC2018',
        'Job_Classification.Row_ID': 1,
        'Job_Classification.Job_Classification_ID': 'SOC2018_15-1252',
        'Job_Classification.Job_Code': '15-1252',
        'Job_Classification.Job_Description': 'Software Developers',
      },
    ])
    expect(rowsAsObjects('workday', '06_put_competency.csv', ...roles).map((r) => r.Competency_ID)).toEqual(['COMP_COMMUNICATION', 'COMP_OWNS_OUTCOMES'])
    const removedOnly = rowsAsObjects('workday', '01_put_job_family.csv', { profile: other, state: 'removed' })
    expect(removedOnly[0]?.Inactive).toBe('Y')
  })

  it('marks removed and deprecated roles inactive', () => {
    const removed = rowsAsObjects('workday', '07_put_job_profile.csv', { ...active(competent), state: 'removed' })
    const deprecated = rowsAsObjects('workday', '07_put_job_profile.csv', active({ ...competent, status: 'deprecated' }))
    expect([removed[0]?.Inactive, deprecated[0]?.Inactive]).toEqual(['Y', 'Y'])
  })
})

describe('successfactors profile', () => {
  it('shapes a FOJobCode row referring to its FOJobFunction by ID, dates as MM/dd/yyyy, status A or I', () => {
    const role = active(roleProfile('EDE.GEN.P3'))
    expect(rowsAsObjects('successfactors', '02_job_classification.csv', role)).toEqual([
      {
        externalCode: 'EDE.GEN.P3',
        startDate: '11/02/2026',
        name: role.profile.title,
        description: role.profile.summary,
        jobFunction: 'JF_ENGINEERING_DEVOPS_ENG_772C',
        jobLevel: 'P3',
        status: 'A',
      },
    ])
    expect(rowsAsObjects('successfactors', '02_job_classification.csv', { ...role, state: 'removed' })[0]?.status).toBe('I')
    expect(rowsAsObjects('successfactors', '01_job_function.csv', role)).toEqual([
      { externalCode: 'JF_ENGINEERING_DEVOPS_ENG_772C', startDate: '11/02/2026', name: 'DevOps Engineering', status: 'A' },
    ])
  })

  it("has the templates' two header rows, never a BOM, and keeps deltas to the template columns", () => {
    const profile = findExportProfile('successfactors')
    const file = fileOf('successfactors', '02_job_classification.csv')
    expect([file.headers, file.labels]).toEqual([
      ['externalCode', 'startDate', 'name', 'description', 'jobFunction', 'jobLevel', 'status'],
      ['Code', 'Start Date', 'Name', 'Description', 'Job Function', 'Job Level', 'Status'],
    ])
    expect([profile.bom, profile.deltaChanges, profile.dateFormat]).toEqual(['never', 'file', 'MM/dd/yyyy'])
  })

  it('declares the field limits SuccessFactors enforces', () => {
    const file = fileOf('successfactors', '02_job_classification.csv')
    const limits = Object.fromEntries(file.headers.map((h, i) => [h, file.maxLengths[i]]))
    expect(limits).toMatchObject({ externalCode: 32, name: 90, description: 4000, jobFunction: 128, jobLevel: 128 })
  })

  it("exports Job Profile Builder families, roles, the whole job code mapping and the roles' skills and competencies", () => {
    const p3 = active(competent)
    const p4 = active(roleProfile('EDE.GEN.P4'))
    expect(rowsAsObjects('successfactors', '03_jpb_families_roles.csv', p3, p4).map((r) => Object.values(r).filter((v) => v !== undefined))).toEqual([
      ['FAMILY', 'DevOps Engineering'],
      ['ROLE', 'DevOps Engineering', 'DevOps Engineering (Professional)', null, null],
    ])
    expect(rowsAsObjects('successfactors', '04_jpb_job_code_mapping.csv', p3, p4, { ...p4, profile: roleProfile('X.1'), state: 'removed' })).toEqual([
      { JOBCODE: 'EDE.GEN.P3', FAMILY: 'DevOps Engineering', ROLE: 'DevOps Engineering (Professional)', MODULE: 'default' },
      { JOBCODE: 'EDE.GEN.P4', FAMILY: 'DevOps Engineering', ROLE: 'DevOps Engineering (Professional)', MODULE: 'default' },
    ])
    expect(fileOf('successfactors', '04_jpb_job_code_mapping.csv').fullOnly).toBe(true)
    expect(rowsAsObjects('successfactors', '05_jpb_role_skills_competencies.csv', p3, p4).map((r) => [r.TYPE, r.NAME])).toEqual([
      ['COMPETENCY', 'Communication'],
      ['COMPETENCY', 'Owns outcomes'],
      ['SKILL', 'Kubernetes'],
      ['SKILL', 'Terraform'],
    ])
  })
})

describe('oracle-hdl profile', () => {
  it('writes JobFamily then Job rows keyed by source system, dates YYYY/MM/DD, open end 4712/12/31', () => {
    const role = active(roleProfile('EDE.GEN.P3'))
    expect(rowsAsObjects('oracle-hdl', 'JobFamily.dat', role)).toEqual([
      {
        SourceSystemOwner: 'CANON',
        SourceSystemId: 'JF_ENGINEERING_DEVOPS_ENG_772C',
        EffectiveStartDate: '2026/11/02',
        EffectiveEndDate: '4712/12/31',
        JobFamilyName: 'DevOps Engineering',
        ActiveStatus: 'A',
      },
    ])
    expect(rowsAsObjects('oracle-hdl', 'Job.dat', role)).toEqual([
      {
        SourceSystemOwner: 'CANON',
        SourceSystemId: 'EDE.GEN.P3',
        EffectiveStartDate: '2026/11/02',
        EffectiveEndDate: '4712/12/31',
        SetCode: 'COMMON',
        JobCode: 'EDE.GEN.P3',
        Name: role.profile.title,
        'JobFamilyId(SourceSystemId)': 'JF_ENGINEERING_DEVOPS_ENG_772C',
        ActiveStatus: 'A',
      },
    ])
  })

  it('inactivates removed roles (ActiveStatus I) instead of deleting them', () => {
    expect(rowsAsObjects('oracle-hdl', 'Job.dat', { ...active(roleProfile('A.1')), state: 'removed' })[0]?.ActiveStatus).toBe('I')
    expect(findExportProfile('oracle-hdl')).toMatchObject({ format: 'hdl', zip: 'hcm-data-loader.zip', bom: 'never', dateFormat: 'YYYY/MM/DD' })
  })
})

describe('profile registry', () => {
  it('offers generic, workday, successfactors and oracle-hdl, HRIS profiles defaulting to import mode', () => {
    expect(exportProfiles.map((p) => [p.name, p.defaultMode])).toEqual([
      ['generic', 'spreadsheet'],
      ['workday', 'import'],
      ['successfactors', 'import'],
      ['oracle-hdl', 'import'],
    ])
  })

  it('names the profiles that exist when asked for an unknown one', () => {
    expect(() => findExportProfile('oracle')).toThrow('unknown export profile "oracle"; expected one of: generic, workday, successfactors, oracle-hdl')
  })

  it('gives every file unique headers', () => {
    for (const profile of exportProfiles) for (const file of profile.files) expect(new Set(file.headers).size).toBe(file.headers.length)
  })
})
