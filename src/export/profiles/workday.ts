// The Workday profile: one CSV per EIB sheet, reference objects first (job families, family groups,
// management levels, job levels, classification groups, competencies), then the Put_Job_Profile sheet in the
// template's column order. Lookups carry reference IDs (reference-ids.ts), never display names; Job_Profile_ID
// is the role code so a reload updates each profile in place. Column meanings are in docs/hris-workday.md.

import type { Classification, Component, ExportRole } from '../../model/index.js'
import { deliverableCodes } from '../deliverable-codes.js'
import { type EibColumn, eibColumnMap, eibRows, rowIdColumn } from '../eib.js'
import { heldBackCodesFile } from '../held-back-file.js'
import { type Cell, type ExportContext, type ExportProfile, defineReferenceFile, defineSheetFile, isInactive } from '../profile.js'
import {
  classificationGroupId,
  classificationId,
  competencyId,
  competencyName,
  jobFamilyGroupId,
  jobFamilyId,
  jobFamilyName,
  jobLevelId,
  managementLevelId,
} from '../reference-ids.js'
import { htmlSections } from '../rich-text.js'

const yesNo = (flag: boolean): string => (flag ? 'Y' : 'N')

/** Component kinds and where they go: responsibilities and tasks as Responsibility rows, skills and knowledge as Skill rows. */
const responsibilityKinds = new Set(['responsibility', 'task'])
const skillKinds = new Set(['skill', 'knowledge'])

const keyColumn: EibColumn = { id: 'Spreadsheet_Key', label: 'Spreadsheet Key*' }

// Reference objects. Each sheet's spreadsheet key is the object's reference ID.

interface NamedObject {
  id: string
  name: string
  inactive: boolean
}

const stillActive = (kept: NamedObject, seen: NamedObject): NamedObject => ({ ...kept, inactive: kept.inactive && seen.inactive })

const familyColumns: EibColumn[] = [
  keyColumn,
  { id: 'Job_Family_ID', label: 'Job Family ID' },
  { id: 'Effective_Date', label: 'Effective Date' },
  { id: 'Name', label: 'Name' },
  { id: 'Inactive', label: 'Inactive' },
]

const jobFamilies = defineReferenceFile<NamedObject>({
  name: '01_put_job_family.csv',
  labels: true,
  columns: eibColumnMap(familyColumns),
  *objects(role) {
    const id = jobFamilyId(role.profile)
    const name = jobFamilyName(role.profile)
    if (id && name) yield [id, { id, name, inactive: isInactive(role) }]
  },
  merge: stillActive,
  rows: (families, context) =>
    families.flatMap((f) =>
      eibRows(familyColumns, { Spreadsheet_Key: f.id, Job_Family_ID: f.id, Effective_Date: context.effectiveDate, Name: f.name, Inactive: yesNo(f.inactive) }),
    ),
})

interface GroupMember {
  group: NamedObject
  familyId: string
}

const familyGroupColumns: EibColumn[] = [
  keyColumn,
  { id: 'Job_Family_Group_ID', label: 'Job Family Group ID' },
  { id: 'Effective_Date', label: 'Effective Date' },
  { id: 'Name', label: 'Name' },
  { id: 'Inactive', label: 'Inactive' },
  rowIdColumn('Job_Family'),
  { id: 'Job_Family.Job_Family_ID', label: 'Job Family*', group: 'Job_Family' },
]

/** Groups consecutive objects (already in key order) by a group key. */
function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): T[][] {
  const groups: T[][] = []
  for (const item of items) {
    const last = groups.at(-1)
    if (last && keyOf(last[0] as T) === keyOf(item)) last.push(item)
    else groups.push([item])
  }
  return groups
}

const jobFamilyGroups = defineReferenceFile<GroupMember>({
  name: '02_put_job_family_group.csv',
  labels: true,
  columns: eibColumnMap(familyGroupColumns),
  *objects(role) {
    const id = jobFamilyGroupId(role.profile)
    const familyId = jobFamilyId(role.profile)
    if (id && familyId && role.profile.function) {
      yield [`${id}\u0000${familyId}`, { group: { id, name: role.profile.function, inactive: isInactive(role) }, familyId }]
    }
  },
  merge: (kept, seen) => ({ ...kept, group: stillActive(kept.group, seen.group) }),
  rows: (members, context) =>
    groupBy(members, (m) => m.group.id).flatMap((group) => {
      const first = group[0] as GroupMember
      const inactive = group.every((m) => m.group.inactive)
      return eibRows(
        familyGroupColumns,
        {
          Spreadsheet_Key: first.group.id,
          Job_Family_Group_ID: first.group.id,
          Effective_Date: context.effectiveDate,
          Name: first.group.name,
          Inactive: yesNo(inactive),
        },
        { Job_Family: group.map((m) => ({ Job_Family_ID: m.familyId })) },
      )
    }),
})

function simpleReference(name: string, idField: string, idLabel: string, objectsOf: (role: ExportRole) => { id: string; name: string }[]) {
  const columns: EibColumn[] = [keyColumn, { id: idField, label: idLabel }, { id: 'Name', label: 'Name' }]
  return defineReferenceFile<{ id: string; name: string }>({
    name,
    labels: true,
    columns: eibColumnMap(columns),
    objects: (role) => objectsOf(role).map((o) => [o.id, o] as const),
    rows: (objects) => objects.flatMap((o) => eibRows(columns, { Spreadsheet_Key: o.id, [idField]: o.id, Name: o.name })),
  })
}

const managementLevels = simpleReference('03_put_management_level.csv', 'Management_Level_ID', 'Management Level ID', (role) => {
  const id = managementLevelId(role.profile)
  return id && role.profile.track ? [{ id, name: role.profile.track }] : []
})

const jobLevels = simpleReference('04_put_job_level.csv', 'Job_Level_ID', 'Job Level ID', (role) => {
  const id = jobLevelId(role.profile)
  const level = role.profile.level
  return id && level ? [{ id, name: level.name ?? level.code }] : []
})

const classificationGroupColumns: EibColumn[] = [
  keyColumn,
  { id: 'Job_Classification_Group_ID', label: 'Job Classification Group ID' },
  { id: 'Name', label: 'Name' },
  rowIdColumn('Job_Classification'),
  { id: 'Job_Classification.Job_Classification_ID', label: 'Job Classification ID*', group: 'Job_Classification' },
  { id: 'Job_Classification.Job_Code', label: 'Job Code', group: 'Job_Classification' },
  { id: 'Job_Classification.Job_Description', label: 'Job Description', group: 'Job_Classification' },
]

interface ClassificationObject {
  system: string
  code: string
  title: string
}

const classificationGroups = defineReferenceFile<ClassificationObject>({
  name: '05_put_job_classification_group.csv',
  labels: true,
  columns: eibColumnMap(classificationGroupColumns),
  *objects(role, context) {
    for (const c of deliverableCodes(role.profile, context).sent) {
      yield [`${classificationGroupId(c.system)}\u0000${c.code}`, { system: c.system, code: c.code, title: c.title }]
    }
  },
  rows: (codes) =>
    groupBy(codes, (c) => c.system).flatMap((group) => {
      const system = (group[0] as ClassificationObject).system
      return eibRows(
        classificationGroupColumns,
        { Spreadsheet_Key: classificationGroupId(system), Job_Classification_Group_ID: classificationGroupId(system), Name: system },
        { Job_Classification: group.map((c) => ({ Job_Classification_ID: classificationId(c.system, c.code), Job_Code: c.code, Job_Description: c.title })) },
      )
    }),
})

/** Competencies: one object per area (or untagged statement) of every competency component. */
const competencies = simpleReference('06_put_competency.csv', 'Competency_ID', 'Competency ID', (role) =>
  role.profile.components.filter((c) => c.kind === 'competency').map((c) => ({ id: competencyId(competencyName(c)), name: competencyName(c) })),
)

// The Put_Job_Profile sheet, in the EIB template's column order (docs/hris-workday.md lists the template).

const group = (name: string, fields: [id: string, label: string][]): EibColumn[] => [
  rowIdColumn(name),
  ...fields.map(([id, label]): EibColumn => ({ id: `${name}.${id}`, label, group: name })),
]

export const jobProfileColumns: EibColumn[] = [
  keyColumn,
  { id: 'Add_Only', label: 'Add Only' },
  { id: 'Job_Profile_ID', label: 'Job Profile' },
  { id: 'Job_Code', label: 'Job Code' },
  { id: 'Effective_Date', label: 'Effective Date' },
  { id: 'Inactive', label: 'Inactive' },
  { id: 'Job_Title', label: 'Job Title' },
  { id: 'Include_Job_Code_in_Name', label: 'Include Job Code in Name' },
  { id: 'Job_Profile_Private_Title', label: 'Job Profile Private Title' },
  { id: 'Job_Profile_Summary', label: 'Job Profile Summary' },
  { id: 'Job_Description', label: 'Job Description' },
  { id: 'Additional_Job_Description', label: 'Additional Job Description' },
  { id: 'Work_Shift_Required', label: 'Work Shift Required' },
  { id: 'Public_Job', label: 'Public Job' },
  { id: 'Management_Level_ID', label: 'Management Level' },
  { id: 'Job_Category_ID', label: 'Job Category' },
  { id: 'Job_Level_ID', label: 'Job Level' },
  ...group('Job_Family', [
    ['Delete', 'Delete'],
    ['Job_Family_ID', 'Job Family*'],
  ]),
  ...group('Company_Insider_Type', [
    ['Delete', 'Delete'],
    ['Company_Insider_Type_ID', 'Company Insider Type*'],
  ]),
  { id: 'Referral_Payment_Plan', label: 'Referral Payment Plan' },
  { id: 'Critical_Job', label: 'Critical Job' },
  { id: 'Difficulty_to_Fill', label: 'Difficulty to Fill' },
  { id: 'Restrict_to_Country', label: 'Restrict to Country+' },
  ...group('Job_Classification', [
    ['Delete', 'Delete'],
    ['Job_Classification_ID', 'Job Classification*'],
  ]),
  ...group('Pay_Rate', [
    ['Delete', 'Delete'],
    ['Country', 'Country*'],
    ['Pay_Rate_Type', 'Pay Rate Type'],
  ]),
  ...group('Job_Exempt', [
    ['Delete', 'Delete'],
    ['Location_Context', 'Location Context*'],
    ['ISO_3166_1_Alpha_2_Code', 'ISO 3166 1 Alpha 2 Code'],
    ['Job_Exempt', 'Job Exempt'],
  ]),
  ...group('Workers_Compensation', [
    ['Workers_Compensation_Code', 'Workers Compensation Code'],
    ['Delete', 'Delete'],
  ]),
  ...group('Responsibility', [
    ['Responsibility_Description', 'Responsibility Description*'],
    ['Required', 'Required'],
    ['Delete', 'Delete'],
  ]),
  ...group('Work_Experience', [
    ['Work_Experience', 'Worker Experience*'],
    ['Work_Experience_Rating', 'Work Experience Rating'],
    ['Required', 'Required'],
    ['Delete', 'Delete'],
  ]),
  ...group('Education', [
    ['Degree', 'Degree'],
    ['Field_Of_Study', 'Field Of Study'],
    ['Required', 'Required'],
    ['Delete', 'Delete'],
  ]),
  ...group('Language', [['Language', 'Language*']]),
  ...group('Language_Ability', [
    ['Language_Ability_Type', 'Language Ability Type*'],
    ['Language_Proficiency', 'Language Proficiency'],
    ['Required', 'Required'],
    ['Delete', 'Delete'],
  ]),
  ...group('Competency', [
    ['Competency_ID', 'Competency*'],
    ['Proficiency_Rating', 'Proficiency Rating'],
    ['Required', 'Required'],
    ['Delete', 'Delete'],
  ]),
  ...group('Certification', [
    ['Country', 'Country'],
    ['Certification', 'Certification'],
    ['Name', 'Name'],
    ['Issuer', 'Issuer'],
    ['Required', 'Required'],
  ]),
  ...group('Certification_Specialty', [
    ['Specialty', 'Specialty'],
    ['Subspecialty', 'Subspecialty+'],
    ['Delete', 'Delete'],
  ]),
  ...group('Training', [
    ['Training_Name', 'Training Name'],
    ['Description', 'Description'],
    ['Training_Type', 'Training Type'],
    ['Required', 'Required'],
    ['Delete', 'Delete'],
  ]),
  ...group('Skill', [
    ['Skill', 'Skill'],
    ['Name', 'Name'],
    ['Required', 'Required'],
  ]),
  ...group('Integration_Field', [
    ['Field', 'Field'],
    ['Integration_Document_Name', 'Integration Document Name'],
    ['Value', 'Value'],
  ]),
  { id: 'Compensation_Grade', label: 'Compensation Grade' },
  { id: 'Compensation_Grade_Profile', label: 'Compensation Grade Profile+' },
]

const distinct = <T>(items: readonly T[]): T[] => [...new Set(items)]

/** Job_Description: responsibilities, then qualifications, then competency statements by area, as escaped HTML. */
function jobDescription(components: readonly Component[]): string | null {
  const of = (kinds: Set<string>) => components.filter((c) => kinds.has(c.kind)).map((c) => c.text)
  const competencyComponents = components.filter((c) => c.kind === 'competency')
  // Statements under an area (a heading on the page) are grouped by it; a statement without one is its own competency.
  const inArea = competencyComponents.filter((c) => competencyName(c) !== c.text)
  const areas = distinct(inArea.map(competencyName))
  return htmlSections([
    { heading: 'Responsibilities', items: of(responsibilityKinds) },
    { heading: 'Qualifications', items: of(new Set(['qualification'])) },
    ...areas.map((area) => ({ heading: `Competency: ${area}`, items: inArea.filter((c) => competencyName(c) === area).map((c) => c.text) })),
    { heading: 'Competencies', items: competencyComponents.filter((c) => competencyName(c) === c.text).map((c) => c.text) },
  ])
}

function jobProfileRows(role: ExportRole, context: ExportContext): Cell[][] {
  const p = role.profile
  const family = jobFamilyId(p)
  const codes: Classification[] = deliverableCodes(p, context).sent
  return eibRows(
    jobProfileColumns,
    {
      Spreadsheet_Key: p.code,
      Job_Profile_ID: p.code,
      Job_Code: p.code,
      Effective_Date: context.effectiveDate,
      Inactive: yesNo(isInactive(role)),
      Job_Title: p.title,
      Job_Profile_Summary: p.summary,
      Job_Description: jobDescription(p.components),
      Management_Level_ID: managementLevelId(p),
      Job_Level_ID: jobLevelId(p),
    },
    {
      Job_Family: family ? [{ Job_Family_ID: family }] : [],
      Job_Classification: codes.map((c) => ({ Job_Classification_ID: classificationId(c.system, c.code) })),
      Responsibility: p.components.filter((c) => responsibilityKinds.has(c.kind)).map((c) => ({ Responsibility_Description: c.text })),
      Competency: distinct(p.components.filter((c) => c.kind === 'competency').map(competencyName)).map((name) => ({ Competency_ID: competencyId(name) })),
      Skill: p.components.filter((c) => skillKinds.has(c.kind)).map((c) => ({ Name: c.text })),
    },
  )
}

const jobProfiles = defineSheetFile({
  name: '07_put_job_profile.csv',
  labels: true,
  columns: eibColumnMap(jobProfileColumns),
  rows: jobProfileRows,
})

export const workday: ExportProfile = {
  name: 'workday',
  description: 'Workday EIB sheets: reference objects (families, groups, levels, classifications, competencies), then Put_Job_Profile',
  defaultMode: 'import',
  files: [jobFamilies, jobFamilyGroups, managementLevels, jobLevels, classificationGroups, competencies, jobProfiles, heldBackCodesFile],
  dateFormat: 'YYYY-MM-DD',
  bom: 'optional',
  deltaChanges: 'file',
  format: 'csv',
}
