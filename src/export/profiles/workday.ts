// The Workday profile: rows shaped like a job-profile EIB load (Put_Job_Profile). Column meanings are in the
// README. SOC and other occupation codes travel as job classification rows keyed by job code, because Workday
// has no delivered SOC field: tenants configure a job classification group for it.

import type { Classification, ExportRole } from '../../model/index.js'
import { defineFile, oneRowPerRole, type ExportProfile } from '../profile.js'

/** Workday has no delete for job profiles: a removed or deprecated role is loaded as inactive. */
const isInactive = (r: ExportRole): boolean => r.state === 'removed' || r.profile.status === 'deprecated'

const jobProfiles = defineFile({
  name: 'job_profiles.csv',
  rows: oneRowPerRole,
  columns: {
    spreadsheet_key: (r) => r.profile.code,
    job_code: (r) => r.profile.code,
    effective_date: (_, { snapshot }) => snapshot.effectiveDate,
    job_profile_name: (r) => r.profile.title,
    inactive: (r) => (isInactive(r) ? 'Y' : 'N'),
    job_family_group: (r) => r.profile.function,
    job_family: (r) => r.profile.discipline,
    management_level: (r) => r.profile.track,
    job_level: (r) => r.profile.level?.code ?? null,
    job_level_name: (r) => r.profile.level?.name ?? null,
    job_summary: (r) => r.profile.summary,
    job_description: (r) =>
      r.profile.components
        .filter((c) => c.kind === 'responsibility')
        .map((c) => c.text)
        .join('\n') || null,
  },
})

const jobClassifications = defineFile<Classification>({
  name: 'job_classifications.csv',
  // A code reviewers rejected must not reach the HRIS.
  rows: (r) => r.profile.classifications.filter((c) => c.reviewStatus !== 'rejected'),
  columns: {
    spreadsheet_key: (_, { role }) => role.profile.code,
    job_code: (_, { role }) => role.profile.code,
    effective_date: (_, { snapshot }) => snapshot.effectiveDate,
    job_classification_group: (c) => c.system,
    job_classification_id: (c) => c.code,
    job_classification_name: (c) => c.title,
  },
})

export const workday: ExportProfile = {
  name: 'workday',
  description: 'Workday job-profile load rows and job classification rows (SOC 2018 and others) keyed by job code',
  defaultMode: 'import',
  files: [jobProfiles, jobClassifications],
}
