// Classifies roles on worker threads, each with its own index built from the reference folder. Scoring is
// CPU-bound: on a 2-core machine one thread leaves a core idle while 10,000 roles are coded. Batches go out
// two per worker at most and results come back in input order; a worker that fails fails the call (the
// build then fails as a whole: classification has no per-page culprit to quarantine).

import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { Classification, RoleProfile } from '../model/index.js'
import { groupFamilies } from './role-families.js'

const WORKER_SCRIPT = new URL('./classify-worker.js', import.meta.url)

/**
 * Old-generation limits of the workers (MB). Building the index needs about 205 MB (it fails under 200); loading
 * it from the snapshot, under 128 (200 leaves room to classify without collecting all the time). Without a
 * limit V8 lets each worker grow to several times that before it collects, which on a 10,000-role build took
 * the process past 1.3 GB. A worker that reaches its limit fails the call (the stage then classifies in its own
 * thread).
 */
const BUILDER_OLD_SPACE_MB = 256
const LOADER_OLD_SPACE_MB = 200

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
  private closed = false
  private waitingForWriter = false
  private wanted = 0
  private snapshotWritten: Promise<void> = Promise.resolve()

  /**
   * Workers load the index from `snapshot` when it exists. When it does not (and `snapshot` is given), the first
   * worker builds the index and writes the snapshot, and the others start once it is written and load it: one
   * index build instead of one per worker, and smaller heaps. Without `snapshot` every worker builds its own.
   * They read the reference data from `referenceSnapshot` when it exists, else from `referenceDir`.
   */
  constructor(
    size: number,
    private readonly referenceDir: string,
    private readonly snapshot: string | null = null,
    private readonly referenceSnapshot: string | null = null,
    private readonly script: URL = WORKER_SCRIPT,
  ) {
    if (snapshot === null || existsSync(snapshot)) {
      for (let i = 0; i < size; i++) this.start(false)
      return
    }
    const writer = this.start(true)
    this.wanted = size
    this.waitingForWriter = true
    this.snapshotWritten = new Promise((resolve) => {
      writer.on('message', (message: { snapshotWritten?: boolean }) => {
        if (message.snapshotWritten === undefined) return
        resolve()
        this.waitingForWriter = false
        this.grow(this.wanted)
      })
      writer.once('exit', () => resolve())
    })
  }

  /** Workers running or about to start (the writer's followers count once it has written). */
  get size(): number {
    return this.workers.length
  }

  /** Starts more workers, up to `size` in all; they load the snapshot when it exists. */
  grow(size: number): void {
    if (this.failure || this.closed || this.waitingForWriter) {
      this.wanted = Math.max(this.wanted, size)
      return
    }
    while (this.workers.length < size) this.start(false)
    this.dispatch()
  }

  private start(writeSnapshot: boolean): Worker {
    const { referenceDir, snapshot, referenceSnapshot } = this
    const loads = snapshot !== null && !writeSnapshot && existsSync(snapshot)
    const workerData = { referenceDir, snapshot, referenceSnapshot, writeSnapshot }
    const maxOldGenerationSizeMb = loads ? LOADER_OLD_SPACE_MB : BUILDER_OLD_SPACE_MB
    const slot = { worker: new Worker(this.script, { workerData, resourceLimits: { maxOldGenerationSizeMb } }), inFlight: [] as Batch[] }
    slot.worker.on('message', (message: { id: number; rows: string }) => {
      if (message.id === undefined) return
      const at = slot.inFlight.findIndex((batch) => batch.id === message.id)
      const [batch] = slot.inFlight.splice(at, 1)
      batch?.resolve(JSON.parse(message.rows) as Classification[][])
      this.dispatch()
    })
    slot.worker.on('error', (error) => {
      this.failure = new Error(`a classify worker failed: ${error.message}`, { cause: error })
      for (const other of this.workers) for (const batch of other.inFlight.splice(0)) batch.reject(this.failure)
      for (const batch of this.queue.splice(0)) batch.reject(this.failure)
    })
    this.workers.push(slot)
    return slot.worker
  }

  /** The rows canon infers for each role (what `inferClassifications` returns), in input order. */
  async classify(roles: readonly RoleProfile[]): Promise<Classification[][]> {
    if (this.failure) throw this.failure
    // A role family is coded as a whole (`inferFamilyClassifications`): its levels go out in one batch.
    const order: number[][] = [[]]
    for (const family of groupFamilies(roles)) {
      if (order[order.length - 1]!.length > 0 && order[order.length - 1]!.length + family.members.length > BATCH) order.push([])
      order[order.length - 1]!.push(...family.members)
    }
    const batches = order
      .filter((members) => members.length > 0)
      .map(
        (members) =>
          new Promise<{ members: number[]; rows: Classification[][] }>((resolve, reject) =>
            this.queue.push({ id: this.nextId++, roles: members.map((i) => roles[i]!), resolve: (rows) => resolve({ members, rows }), reject }),
          ),
      )
    this.dispatch()
    const out: Classification[][] = new Array(roles.length)
    for (const { members, rows } of await Promise.all(batches))
      members.forEach((i, k) => {
        out[i] = rows[k]!
      })
    return out
  }

  /** Stops the workers, once a worker writing the index snapshot has written it (unless the pool failed). */
  async close(): Promise<void> {
    if (!this.failure) await this.snapshotWritten
    this.closed = true
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
