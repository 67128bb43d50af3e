// The SAP SuccessFactors profile: Employee Central job functions (FOJobFunction) then job classifications
// (FOJobCode), each with the import template's two header rows (field IDs, then labels) and its date format;
// then Job Profile Builder's families and roles, the job code → role mapping (exported whole: the import
// replaces every mapping) and the roles' skills and competencies. Field limits are the ones SuccessFactors
// enforces; a value over a limit fails the export with the roles named, never gets cut. Never a BOM.

import type { ExportRole } from '../../model/index.js'
import { type ExportProfile, defineFile, defineReferenceFile, isInactive, oneRowPerRole } from '../profile.js'
import { competencyName, jobFamilyId, jobFamilyName, roleFamilyName } from '../reference-ids.js'

const activeStatus = (inactive: boolean): string => (inactive ? 'I' : 'A')

interface JobFunction {
  id: string
  name: string
  inactive: boolean
}

const jobFunctions = defineReferenceFile<JobFunction>({
  name: '01_job_function.csv',
  labels: true,
  columns: {
    externalCode: { maxLength: 32, label: 'Code' },
    startDate: { label: 'Start Date' },
    name: { maxLength: 90, label: 'Name' },
    status: { label: 'Status' },
  },
  *objects(role) {
    const id = jobFamilyId(role.profile)
    const name = jobFamilyName(role.profile)
    if (id && name) yield [id, { id, name, inactive: isInactive(role) }]
  },
  merge: (kept, seen) => ({ ...kept, inactive: kept.inactive && seen.inactive }),
  rows: (functions, context) => functions.map((f) => [f.id, context.effectiveDate, f.name, activeStatus(f.inactive)]),
})

const jobClassification = defineFile({
  name: '02_job_classification.csv',
  labels: true,
  rows: oneRowPerRole,
  columns: {
    externalCode: { value: (r) => r.profile.code, maxLength: 32, label: 'Code' },
    startDate: { value: (_, { effectiveDate }) => effectiveDate, label: 'Start Date' },
    name: { value: (r) => r.profile.title, maxLength: 90, label: 'Name' },
    description: { value: (r) => r.profile.summary, maxLength: 4000, label: 'Description' },
    jobFunction: { value: (r) => jobFamilyId(r.profile), maxLength: 128, label: 'Job Function' },
    jobLevel: { value: (r) => r.profile.level?.code ?? null, maxLength: 128, label: 'Job Level' },
    status: { value: (r) => activeStatus(isInactive(r)), label: 'Status' },
  },
})

/** Job Profile Builder's family and role for a role (names: JPB's imports match on them). */
function jpbOf(role: ExportRole): { family: string; role: string } | null {
  const family = jobFamilyName(role.profile)
  return family ? { family, role: roleFamilyName(role.profile) } : null
}

type JpbRow = readonly [kind: 'FAMILY', family: string] | readonly [kind: 'ROLE', family: string, role: string]

// KBA 2161377: no header row; FAMILY,<family> rows, then ROLE,<family>,<role>,<description>,<job code> rows.
const jpbFamiliesRoles = defineReferenceFile<JpbRow>({
  name: '03_jpb_families_roles.csv',
  headerless: true,
  columns: { TYPE: null, FAMILY: null, ROLE: null, DESCRIPTION: null, JOBCODE: null },
  *objects(role) {
    const jpb = jpbOf(role)
    if (!jpb) return
    yield [`0\u0000${jpb.family}`, ['FAMILY', jpb.family]]
    yield [`1\u0000${jpb.family}\u0000${jpb.role}`, ['ROLE', jpb.family, jpb.role]]
  },
  rows: (items) => items.map((item) => (item[0] === 'FAMILY' ? [...item] : [...item, null, null])),
})

// KBA 2229579: the whole job code → role mapping on every import (it replaces all mappings), so full exports only.
const jpbMapping = defineFile({
  name: '04_jpb_job_code_mapping.csv',
  fullOnly: true,
  rows: (role: ExportRole) => (isInactive(role) || !jpbOf(role) ? [] : [role]),
  columns: {
    JOBCODE: (r) => r.profile.code,
    FAMILY: (r) => jpbOf(r)?.family ?? null,
    ROLE: (r) => jpbOf(r)?.role ?? null,
    MODULE: () => 'default',
  },
})

/** One Job Profile Builder role's skills and competencies, each name once. */
interface RoleContent {
  family: string
  role: string
  competencies: Set<string>
  skills: Set<string>
}

/** Names in the file's order (UTF-16 code units, as the key order of every reference file). */
const sortedNames = (names: Set<string>): string[] => [...names].sort()

/**
 * Skills (skill and knowledge components) and competencies (by area) per JPB role, for the role mapping imports.
 * Collected per JPB role (its levels' roles merged into one set each), not per (role, type, name): the file is
 * ordered by family, role, type and name, and sorting each role's names is far cheaper than every row's key.
 */
const jpbRoleContent = defineReferenceFile<RoleContent>({
  name: '05_jpb_role_skills_competencies.csv',
  purpose: 'load',
  columns: { FAMILY: null, ROLE: null, TYPE: null, NAME: null },
  *objects(role) {
    const jpb = jpbOf(role)
    if (!jpb || isInactive(role)) return
    const content: RoleContent = { family: jpb.family, role: jpb.role, competencies: new Set(), skills: new Set() }
    for (const c of role.profile.components) {
      if (c.kind === 'skill' || c.kind === 'knowledge') content.skills.add(c.text)
      else if (c.kind === 'competency') content.competencies.add(competencyName(c))
    }
    if (content.skills.size + content.competencies.size > 0) yield [`${jpb.family}\u0000${jpb.role}`, content]
  },
  // The kept object is the writer's own (each role yields a new one), so it can take the later roles' names.
  merge: (kept, seen) => {
    for (const name of seen.competencies) kept.competencies.add(name)
    for (const name of seen.skills) kept.skills.add(name)
    return kept
  },
  // COMPETENCY sorts before SKILL.
  rows: (contents) =>
    contents.flatMap((c) => [
      ...sortedNames(c.competencies).map((name) => [c.family, c.role, 'COMPETENCY', name]),
      ...sortedNames(c.skills).map((name) => [c.family, c.role, 'SKILL', name]),
    ]),
})

export const successfactors: ExportProfile = {
  name: 'successfactors',
  description: 'SuccessFactors FOJobFunction and FOJobCode (two header rows, MM/dd/yyyy), Job Profile Builder families, roles and mapping',
  defaultMode: 'import',
  files: [jobFunctions, jobClassification, jpbFamiliesRoles, jpbMapping, jpbRoleContent],
  dateFormat: 'MM/dd/yyyy',
  bom: 'never',
  deltaChanges: 'file',
  format: 'csv',
}
