// The export profiles canon offers, by name. Adding one: write its file beside these and list it here.

import { UsageError } from '../../errors.js'
import type { ExportProfile } from '../profile.js'
import { generic } from './generic.js'
import { oracleHdl } from './oracle-hdl.js'
import { successfactors } from './successfactors.js'
import { workday } from './workday.js'

export const exportProfiles: readonly ExportProfile[] = [generic, workday, successfactors, oracleHdl]

/** The profile called `name`, or a usage error listing the ones that exist. */
export function findExportProfile(name: string): ExportProfile {
  const found = exportProfiles.find((p) => p.name === name)
  if (!found) {
    throw new UsageError(`unknown export profile "${name}"; expected one of: ${exportProfiles.map((p) => p.name).join(', ')}`)
  }
  return found
}
