// Worker-thread entry for the classify pool (a piscina task module): makes the index of the snapshot the pool
// read into shared memory, or loads the snapshot it is given, or builds the index from the reference folder
// (the writer then writes the snapshot, for the pool's other workers and the next build), and answers each
// task (a batch of roles as JSON) with the rows canon infers for each role, as JSON. It keeps of the reference
// data only what classification reads (see classifierReference).

import { parentPort, workerData } from 'node:worker_threads'
import type { RoleProfile } from '../model/index.js'
import { buildClassifierIndex, classifierReference, type ClassifierIndex } from './classifier-index.js'
import type { ClassifyTask, ClassifyWorkerData } from './classify-pool.js'
import { inferFamilyClassifications } from './classify-roles.js'
import { indexFromSnapshot, readIndexSnapshot, readReferenceSnapshot, saveIndexSnapshot } from './index-snapshot.js'

const index = await loadIndex(workerData as ClassifyWorkerData)

async function loadIndex({ referenceDir, snapshot, shared, referenceSnapshot, writeSnapshot }: ClassifyWorkerData): Promise<ClassifierIndex> {
  if (shared) {
    // The snapshot holds what classifying reads of the reference data: the rest is not loaded here at all.
    try {
      const index = indexFromSnapshot(shared, { dir: referenceDir })
      if (index) return index
    } catch {
      // Read it as a worker without the shared snapshot does.
    }
  }
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
  // The rest of the reference data (alternate and reported titles, ESCO labels, crosswalk rows) is garbage from here.
  return { ...index, reference: classifierReference(reference) }
}

/** Classifies one batch of roles: whole role families, each coded as a family. */
export default function classifyTask({ roles }: ClassifyTask): string {
  const parsed = JSON.parse(roles) as RoleProfile[]
  return JSON.stringify(inferFamilyClassifications(parsed, index))
}
