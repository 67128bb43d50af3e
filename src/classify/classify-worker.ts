// Worker-thread entry for the classify pool: loads the index snapshot it is given, or builds the index from the
// reference folder (the first worker then writes the snapshot for the next build), and answers each message
// (a batch of roles as JSON) with the rows canon infers for each role, as JSON.

import { parentPort, workerData } from 'node:worker_threads'
import type { RoleProfile } from '../model/index.js'
import { buildClassifierIndex } from './classifier-index.js'
import { inferClassifications } from './classify-roles.js'
import { readIndexSnapshot, readReferenceSnapshot, saveIndexSnapshot } from './index-snapshot.js'

const { referenceDir, snapshot, referenceSnapshot, writeSnapshot } = workerData as {
  referenceDir: string
  snapshot: string | null
  referenceSnapshot: string | null
  writeSnapshot: boolean
}
const reference = await readReferenceSnapshot(referenceSnapshot, referenceDir)
const index = (snapshot ? await readIndexSnapshot(snapshot, reference).catch(() => null) : null) ?? buildClassifierIndex(reference)

parentPort?.on('message', (message: { id: number; roles: string }) => {
  const roles = JSON.parse(message.roles) as RoleProfile[]
  parentPort!.postMessage({ id: message.id, rows: JSON.stringify(roles.map((role) => inferClassifications(role, index))) })
})

// After the first answer is on its way, so the write does not delay the batch; a failed write only costs the
// next build the index build. The pool waits for this message before it stops the worker.
if (snapshot && writeSnapshot) {
  parentPort?.once('message', () =>
    setImmediate(() => {
      const done = (written: boolean) => parentPort!.postMessage({ snapshotWritten: written })
      saveIndexSnapshot(snapshot, index).then(() => done(true), () => done(false))
    }),
  )
}
