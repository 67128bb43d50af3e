// The report of classification codes held back from an HRIS (needs review, rejected, or a second code in one
// classification group), written beside the load files so the administrator sees what was not sent and why.

import type { Classification } from '../model/index.js'
import { deliverableCodes, type HeldBackReason } from './deliverable-codes.js'
import { defineFile } from './profile.js'

export const heldBackFileName = 'held_back_codes.csv'

/** The column of the report the manifest and run summary count by. */
export const heldBackReasonColumn = 'reason'

export const heldBackCodesFile = defineFile<{ code: Classification; reason: HeldBackReason }>({
  name: heldBackFileName,
  purpose: 'report',
  rows: (role, context) => deliverableCodes(role.profile, context).held,
  columns: {
    role_code: (_, { role }) => role.profile.code,
    system: (h) => h.code.system,
    code: (h) => h.code.code,
    title: (h) => h.code.title,
    review_status: (h) => h.code.reviewStatus,
    confidence: (h) => h.code.confidence,
    [heldBackReasonColumn]: (h) => h.reason,
  },
})
