// The reference classifier as the role-rule tests use it: one index built from raw/reference, and the SOC
// row classifyRoles gives a single role.

import path from 'node:path'
import { buildClassifierIndex, type ClassifierIndex } from '../../src/classify/classifier-index.js'
import { classifyRoles } from '../../src/classify/classify-roles.js'
import type { Classification, RoleProfile } from '../../src/model/index.js'
import { readReference } from '../../src/reference/read-reference.js'
import { repoRoot } from './pages.js'

/** The classifier index of the shipped reference data (raw/reference). */
export async function referenceIndex(): Promise<ClassifierIndex> {
  return buildClassifierIndex(await readReference(path.join(repoRoot, 'raw/reference')))
}

/** The SOC 2018 row classifyRoles gives `role` classified on its own. */
export function socOf(role: RoleProfile, index: ClassifierIndex): Classification {
  const row = classifyRoles([role], index)[0]!.classifications.find((c) => c.system === 'SOC2018')
  if (row === undefined) throw new Error(`no SOC 2018 row for ${role.code}`)
  return row
}

/** Job-advert prose about software work, written for the role-rule tests (not taken from the reference data nor the development pages). */
export const SOFTWARE_TEXT = [
  'Build and operate the services behind our web and mobile apps.',
  'Write code in TypeScript and Go, review pull requests and design APIs.',
  'Deploy to the cloud, monitor production and fix bugs.',
  'Write automated tests and improve our continuous integration pipeline.',
  'Mentor other developers and share knowledge about the codebase.',
]
