// The Oracle HCM Data Loader profile: JobFamily.dat then Job.dat (METADATA line, MERGE lines, YYYY/MM/DD
// dates, `\|` escaping), zipped as HDL takes them. SourceSystemOwner/SourceSystemId make every load an
// idempotent MERGE; a job refers to its family by the family's source ID, not its name. Removed and deprecated
// roles are sent with ActiveStatus I: HCM jobs are inactivated, never deleted.

import { type ExportProfile, defineFile, defineReferenceFile, isInactive, oneRowPerRole } from '../profile.js'
import { jobFamilyId, jobFamilyName } from '../reference-ids.js'

/** The source system canon's rows are keyed under (SourceSystemOwner); register it in the HCM tenant. */
export const hdlSourceSystemOwner = 'CANON'

/** HDL's open end date. */
export const hdlOpenEndDate = '4712/12/31'

/** The reference data set jobs belong to; `COMMON` is every tenant's shared set (change it there if yours differs). */
export const hdlSetCode = 'COMMON'

const activeStatus = (inactive: boolean): string => (inactive ? 'I' : 'A')

interface Family {
  id: string
  name: string
  inactive: boolean
}

const jobFamilies = defineReferenceFile<Family>({
  name: 'JobFamily.dat',
  columns: {
    SourceSystemOwner: null,
    SourceSystemId: { maxLength: 30 },
    EffectiveStartDate: null,
    EffectiveEndDate: null,
    JobFamilyName: { maxLength: 240 },
    ActiveStatus: null,
  },
  *objects(role) {
    const id = jobFamilyId(role.profile)
    const name = jobFamilyName(role.profile)
    if (id && name) yield [id, { id, name, inactive: isInactive(role) }]
  },
  merge: (kept, seen) => ({ ...kept, inactive: kept.inactive && seen.inactive }),
  rows: (families, context) => families.map((f) => [hdlSourceSystemOwner, f.id, context.effectiveDate, hdlOpenEndDate, f.name, activeStatus(f.inactive)]),
})

const jobs = defineFile({
  name: 'Job.dat',
  rows: oneRowPerRole,
  columns: {
    SourceSystemOwner: () => hdlSourceSystemOwner,
    SourceSystemId: (r) => r.profile.code,
    EffectiveStartDate: (_, { effectiveDate }) => effectiveDate,
    EffectiveEndDate: () => hdlOpenEndDate,
    SetCode: () => hdlSetCode,
    JobCode: { value: (r) => r.profile.code, maxLength: 30 },
    Name: { value: (r) => r.profile.title, maxLength: 240 },
    'JobFamilyId(SourceSystemId)': (r) => jobFamilyId(r.profile),
    ActiveStatus: (r) => activeStatus(isInactive(r)),
  },
})

export const oracleHdl: ExportProfile = {
  name: 'oracle-hdl',
  description: 'Oracle HCM Data Loader: JobFamily.dat and Job.dat (METADATA/MERGE, source keys), zipped',
  defaultMode: 'import',
  files: [jobFamilies, jobs],
  dateFormat: 'YYYY/MM/DD',
  bom: 'never',
  deltaChanges: 'file',
  format: 'hdl',
  zip: 'hcm-data-loader.zip',
}
