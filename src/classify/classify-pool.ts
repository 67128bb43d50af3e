// Classifies roles on worker threads, each with its own index built from the reference folder. Scoring is
// CPU-bound: on a 2-core machine one thread leaves a core idle while 10,000 roles are coded. Batches go out
// two per worker at most and results come back in input order; a worker that fails fails the call (the
// build then fails as a whole: classification has no per-page culprit to quarantine).

import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { Classification, RoleProfile } from '../model/index.js'

const WORKER_SCRIPT = new URL('./classify-worker.js', import.meta.url)

/** Old-generation limit of each worker (MB): building the index needs about 200 MB (it fails under 200). */
const WORKER_OLD_SPACE_MB = 256

/** Roles per message: large enough to amortise the JSON round trip, small enough to keep both workers busy. */
const BATCH = 100

/** Whether the compiled worker script exists (it does under dist/, not when running the .ts sources). */
export function classifyWorkerAvailable(): boolean {
  return WORKER_SCRIPT.protocol === 'file:' && existsSync(fileURLToPath(WORKER_SCRIPT))
}

interface Batch {
  id: number
  roles: readonly RoleProfile[]
  resolve: (rows: Classification[][]) => void
  reject: (error: Error) => void
}

/** `size` workers classifying with indexes built from `referenceDir`; `close()` when done. */
export class ClassifyPool {
  private readonly workers: { worker: Worker; inFlight: Batch[] }[] = []
  private readonly queue: Batch[] = []
  private nextId = 0
  private failure: Error | null = null
  private answered = false
  private snapshotWritten: Promise<void> = Promise.resolve()

  /**
   * Workers load the index from `snapshot` when it exists; else they build it, and the first one writes it there
   * (when `snapshot` is given) for the next build. They read the reference data from `referenceSnapshot` when
   * it exists, else from `referenceDir`.
   */
  constructor(size: number, referenceDir: string, snapshot: string | null = null, referenceSnapshot: string | null = null, script: URL = WORKER_SCRIPT) {
    const writeSnapshot = snapshot !== null && !existsSync(snapshot)
    for (let i = 0; i < size; i++) {
      const writer = writeSnapshot && i === 0
      const workerData = { referenceDir, snapshot, referenceSnapshot, writeSnapshot: writer }
      // A worker's heap holds the reference data and the index (about 200 MB live while the index is built);
      // without a limit V8 lets each worker grow to several times that before collecting, which on a 10,000-role
      // build took the process past 1.3 GB. A worker that hits the limit fails the call (see the stage's fallback).
      const slot = { worker: new Worker(script, { workerData, resourceLimits: { maxOldGenerationSizeMb: WORKER_OLD_SPACE_MB } }), inFlight: [] as Batch[] }
      if (writer) {
        this.snapshotWritten = new Promise((resolve) => {
          slot.worker.on('message', (message: { snapshotWritten?: boolean }) => message.snapshotWritten !== undefined && resolve())
          slot.worker.once('exit', () => resolve())
        })
      }
      slot.worker.on('message', (message: { id: number; rows: string }) => {
        if (message.id === undefined) return
        const at = slot.inFlight.findIndex((batch) => batch.id === message.id)
        const [batch] = slot.inFlight.splice(at, 1)
        this.answered = true
        batch?.resolve(JSON.parse(message.rows) as Classification[][])
        this.dispatch()
      })
      slot.worker.on('error', (error) => {
        this.failure = new Error(`a classify worker failed: ${error.message}`, { cause: error })
        for (const other of this.workers) for (const batch of other.inFlight.splice(0)) batch.reject(this.failure)
        for (const batch of this.queue.splice(0)) batch.reject(this.failure)
      })
      this.workers.push(slot)
    }
  }

  /** The rows canon infers for each role (what `inferClassifications` returns), in input order. */
  async classify(roles: readonly RoleProfile[]): Promise<Classification[][]> {
    if (this.failure) throw this.failure
    const batches: Promise<Classification[][]>[] = []
    for (let start = 0; start < roles.length; start += BATCH) {
      const slice = roles.slice(start, start + BATCH)
      batches.push(new Promise((resolve, reject) => this.queue.push({ id: this.nextId++, roles: slice, resolve, reject })))
    }
    this.dispatch()
    return (await Promise.all(batches)).flat()
  }

  /** Stops the workers, once a worker writing the index snapshot has finished (a batch was classified). */
  async close(): Promise<void> {
    if (this.answered && !this.failure) await this.snapshotWritten
    await Promise.all(this.workers.map((slot) => slot.worker.terminate()))
  }

  private dispatch(): void {
    for (const slot of this.workers) {
      while (slot.inFlight.length < 2 && this.queue.length > 0) {
        const batch = this.queue.shift()!
        slot.inFlight.push(batch)
        // JSON text crosses the thread boundary faster than a structured clone of the profiles.
        slot.worker.postMessage({ id: batch.id, roles: JSON.stringify(batch.roles) })
      }
    }
  }
}
