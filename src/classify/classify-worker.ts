// Worker-thread entry for the classify pool (a piscina task module): loads the index snapshot it is given, or
// builds the index from the reference folder (the writer then writes the snapshot, for the pool's other workers
// and the next build), and answers each task (a batch of roles as JSON) with the rows canon infers for each
// role, as JSON.

import { parentPort, workerData } from 'node:worker_threads'
import type { RoleProfile } from '../model/index.js'
import { buildClassifierIndex } from './classifier-index.js'
import type { ClassifyTask, ClassifyWorkerData } from './classify-pool.js'
import { inferFamilyClassifications } from './classify-roles.js'
import { readIndexSnapshot, readReferenceSnapshot, saveIndexSnapshot } from './index-snapshot.js'

const { referenceDir, snapshot, referenceSnapshot, writeSnapshot } = workerData as ClassifyWorkerData
const reference = await readReferenceSnapshot(referenceSnapshot, referenceDir)
const index = (snapshot ? await readIndexSnapshot(snapshot, reference).catch(() => null) : null) ?? buildClassifierIndex(reference)

// The writer writes the snapshot before it answers anything: the pool starts its other workers, which load it,
// once it is written (or failed to be: then they build their own index).
if (snapshot && writeSnapshot) {
  const done = (written: boolean) => parentPort!.postMessage({ snapshotWritten: written })
  await saveIndexSnapshot(snapshot, index).then(
    () => done(true),
    () => done(false),
  )
}

/** Classifies one batch of roles: whole role families, each coded as a family. */
export default function classifyTask({ roles }: ClassifyTask): string {
  const parsed = JSON.parse(roles) as RoleProfile[]
  return JSON.stringify(inferFamilyClassifications(parsed, index))
}
