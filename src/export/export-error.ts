// A profile's values do not fit its target system (e.g. a SuccessFactors name over 90 characters). The export
// of that profile fails and names every role; values are never cut to fit.

import { CanonError } from '../errors.js'

export interface LengthViolation {
  file: string
  column: string
  roleCode: string
  length: number
  maxLength: number
}

/** How many violations the message spells out; the full list stays on the error. */
const listedInMessage = 50

export class ExportValidationError extends CanonError {
  readonly profile: string
  readonly violations: readonly LengthViolation[]

  constructor(profile: string, violations: readonly LengthViolation[]) {
    const roles = new Set(violations.map((v) => v.roleCode))
    const lines = violations.slice(0, listedInMessage).map((v) => `  ${v.roleCode}: ${v.file} ${v.column} is ${v.length} characters (limit ${v.maxLength})`)
    const more = violations.length > listedInMessage ? [`  … and ${violations.length - listedInMessage} more`] : []
    super(
      [
        `${profile} export: ${roles.size} role(s) have values longer than the target system accepts; ` +
          `nothing was written for this profile (values are never cut). Shorten them in the pages or with a decision:`,
        ...lines,
        ...more,
      ].join('\n'),
    )
    this.profile = profile
    this.violations = violations
  }
}
