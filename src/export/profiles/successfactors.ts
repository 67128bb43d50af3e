// The SAP SuccessFactors profile: Employee Central job classification (FOJobCode) rows. Field limits are the
// ones SuccessFactors enforces; a value over a limit fails the export with the roles named, never gets cut.

import type { ExportRole } from '../../model/index.js'
import { defineFile, oneRowPerRole, type ExportProfile } from '../profile.js'

const isInactive = (r: ExportRole): boolean => r.state === 'removed' || r.profile.status === 'deprecated'

const jobClassification = defineFile({
  name: 'job_classification.csv',
  rows: oneRowPerRole,
  columns: {
    externalCode: { value: (r) => r.profile.code, maxLength: 32 },
    startDate: (_, { snapshot }) => snapshot.effectiveDate,
    name: { value: (r) => r.profile.title, maxLength: 90 },
    description: { value: (r) => r.profile.summary, maxLength: 4000 },
    jobFunction: { value: (r) => r.profile.discipline, maxLength: 128 },
    jobLevel: { value: (r) => r.profile.level?.code ?? null, maxLength: 128 },
    status: (r) => (isInactive(r) ? 'I' : 'A'),
  },
})

export const successfactors: ExportProfile = {
  name: 'successfactors',
  description: 'SuccessFactors Employee Central job classification (FOJobCode) rows, field limits enforced',
  defaultMode: 'import',
  files: [jobClassification],
}
