import { describe, expect, it } from 'vitest'
import { exportProfiles, findExportProfile } from '../../src/export/profiles/index.js'
import type { ExportRole } from '../../src/model/index.js'
import { active, roleProfile, snapshot } from '../helpers/export-roles.js'

const rowsAsObjects = (profileName: string, fileName: string, role: ExportRole) => {
  const file = findExportProfile(profileName).files.find((f) => f.name === fileName)
  if (!file) throw new Error(`no ${fileName} in ${profileName}`)
  return file.rowsOf(role, snapshot).map((row) => Object.fromEntries(file.headers.map((h, i) => [h, row[i]])))
}

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

  it('writes child rows in page order, joined on role_code, lists as JSON arrays', () => {
    const rows = rowsAsObjects('generic', 'job_components.csv', active(roleProfile('EDE.GEN.P3')))
    expect(rows.map((r) => [r.role_code, r.kind, r.tags])).toEqual([
      ['EDE.GEN.P3', 'responsibility', '["common","level"]'],
      ['EDE.GEN.P3', 'responsibility', '[]'],
      ['EDE.GEN.P3', 'skill', '["common"]'],
    ])
  })

  it('leaves level and story columns empty for a role without them', () => {
    const [row] = rowsAsObjects('generic', 'job_profiles.csv', active(roleProfile('X.1', { level: null, story: null })))
    expect(row).toMatchObject({ level_code: null, level_name: null, story_who: null, story_plan: null })
  })
})

describe('workday profile', () => {
  it('shapes a job-profile load row with the release effective date and an inactive flag', () => {
    const role = active(roleProfile('EDE.GEN.P3'))
    expect(rowsAsObjects('workday', 'job_profiles.csv', role)).toEqual([
      {
        spreadsheet_key: 'EDE.GEN.P3',
        job_code: 'EDE.GEN.P3',
        effective_date: '2026-11-02',
        job_profile_name: 'Engineering – DevOps Engineering Professional EDE.GEN.P3',
        inactive: 'N',
        job_family_group: 'Engineering',
        job_family: 'DevOps Engineering',
        management_level: 'Professional',
        job_level: 'P3',
        job_level_name: 'Mid-Level Professional',
        job_summary: role.profile.summary,
        job_description: 'Maintain CI/CD pipelines\nRun incident reviews, write "post-mortems"',
      },
    ])
    expect(rowsAsObjects('workday', 'job_profiles.csv', { ...role, state: 'removed' })[0]?.inactive).toBe('Y')
  })

  it('exports SOC codes as job classification rows and leaves out codes reviewers rejected', () => {
    expect(rowsAsObjects('workday', 'job_classifications.csv', active(roleProfile('EDE.GEN.P3')))).toEqual([
      {
        spreadsheet_key: 'EDE.GEN.P3',
        job_code: 'EDE.GEN.P3',
        effective_date: '2026-11-02',
        job_classification_group: 'SOC2018',
        job_classification_id: '15-1252',
        job_classification_name: 'Software Developers',
      },
    ])
  })
})

describe('successfactors profile', () => {
  it('shapes a FOJobCode row with status A for active and I for removed roles', () => {
    const role = active(roleProfile('EDE.GEN.P3'))
    expect(rowsAsObjects('successfactors', 'job_classification.csv', role)).toEqual([
      {
        externalCode: 'EDE.GEN.P3',
        startDate: '2026-11-02',
        name: role.profile.title,
        description: role.profile.summary,
        jobFunction: 'DevOps Engineering',
        jobLevel: 'P3',
        status: 'A',
      },
    ])
    expect(rowsAsObjects('successfactors', 'job_classification.csv', { ...role, state: 'removed' })[0]?.status).toBe('I')
  })

  it('declares the field limits SuccessFactors enforces', () => {
    const file = findExportProfile('successfactors').files[0]!
    const limits = Object.fromEntries(file.headers.map((h, i) => [h, file.maxLengths[i]]))
    expect(limits).toMatchObject({ externalCode: 32, name: 90, description: 4000, jobFunction: 128, jobLevel: 128 })
  })
})

describe('profile registry', () => {
  it('offers generic, workday and successfactors, HRIS profiles defaulting to import mode', () => {
    expect(exportProfiles.map((p) => [p.name, p.defaultMode])).toEqual([
      ['generic', 'spreadsheet'],
      ['workday', 'import'],
      ['successfactors', 'import'],
    ])
  })

  it('names the profiles that exist when asked for an unknown one', () => {
    expect(() => findExportProfile('oracle')).toThrow('unknown export profile "oracle"; expected one of: generic, workday, successfactors')
  })

  it('gives every file unique headers', () => {
    for (const profile of exportProfiles) for (const file of profile.files) expect(new Set(file.headers).size).toBe(file.headers.length)
  })
})
