// `node dist/src/batch/seed-snapshots.js` (the `prepare` script, after the database template): writes the
// classifier index and reference snapshots for the shipped raw/reference beside the template, so the first build
// of the sample pages copies them instead of building the index (seconds). Not fatal when it fails: a build then
// builds the index and writes its own snapshot, as before.

import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { packageRoot } from '../package-info.js'
import { seedSnapshots } from './real-stages.js'

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const referenceDir = path.join(packageRoot(), 'raw', 'reference')
  if (existsSync(referenceDir)) {
    seedSnapshots(referenceDir).then(
      (file) => console.log(`canon: classifier index snapshot ready (${path.relative(process.cwd(), file)})`),
      (error: unknown) => console.warn(`canon: could not prepare the classifier index snapshot: ${error instanceof Error ? error.message : String(error)}`),
    )
  }
}
