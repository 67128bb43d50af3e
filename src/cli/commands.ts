// The list of commands the CLI offers; each lives in its own module and registers itself.

import type { RegisterCommand } from './context.js'
import { registerClassify } from './classify.js'
import { registerExport } from './export.js'
import { registerParse } from './parse.js'
import { registerBuild } from './build.js'
import { registerMigrate } from './migrate.js'
import { registerDecide } from './decide.js'
import { registerDiff } from './diff.js'
import { registerReleases, registerRuns } from './releases.js'
import { registerRun } from './run.js'
import { registerSchedule } from './schedule.js'
import { registerReview } from './review.js'
import { registerSite } from './site.js'

export const commands: RegisterCommand[] = [
  registerParse,
  registerExport,
  registerBuild,
  registerMigrate,
  registerDecide,
  registerDiff,
  registerReleases,
  registerRuns,
  registerClassify,
  registerRun,
  registerSchedule,
  registerReview,
  registerSite,
]
