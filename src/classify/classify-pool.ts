// Classifies roles on worker threads (piscina), each with its own index built from the reference folder. Scoring
// is CPU-bound: on a 2-core machine one thread leaves a core idle while 10,000 roles are coded. Batches go out
// two per worker at most and results come back in input order; a worker that fails fails the call (the build
// then classifies in one thread: classification has no per-page culprit to quarantine).
//
// Each worker is a one-thread piscina pool of its own, because workers differ in what they are told at start
// (the first writes the index snapshot, the others load it, and they start only once it is written); piscina
// runs the thread, its heap limit, the task channel and the crash handling.
//
// Workers that load the index share one copy of it: the pool reads the snapshot once into shared memory
// (index-snapshot.ts) and hands it to each worker, which reads its numbers, its large maps from strings and its
// title entries in place (shared-tables.ts) and makes only the rest (small maps, the reference data it reads).

import { existsSync } from 'node:fs'
import { Piscina } from 'piscina'
import type { Classification, RoleProfile } from '../model/index.js'
import { readSharedIndexSnapshot, type SharedIndexSnapshot } from './index-snapshot.js'
import { CLASSIFY_WORKER_SCRIPT as WORKER_SCRIPT } from './classify-worker-script.js'
import { classifierView } from './classify-roles.js'
import { groupFamilies } from './role-families.js'

export { classifyWorkerAvailable } from './classify-worker-script.js'

/**
 * Old-generation limits of the workers (MB). Building the index needs about 205 MB (it fails under 200). A worker
 * that makes its index of the pool's shared snapshot holds about 20 MB of it (2026-12-08; the numbers, large maps
 * and title entries are shared) and no reference data beyond what classifying reads; 128 leaves room to classify
 * without collecting all the time, 96 was measured to work, 64 not (with the maps per thread; since they are
 * shared it works, and did not lower the build's peak). Without a limit V8 lets each worker grow to several times that
 * before it collects, which on a 10,000-role build took the process past 1.3 GB. A worker that reaches its
 * limit fails the call (the stage then classifies in its own thread).
 */
const BUILDER_OLD_SPACE_MB = 256
const LOADER_OLD_SPACE_MB = 128
/**
 * Young-generation limit (MB; V8 makes it three semi-spaces, so 48 is a 16 MB semi-space, Node's default on 64-bit).
 * Scoring makes many short-lived arrays per title: at 8 MB (2.7 MB semi-spaces) a worker spent about a quarter
 * of its time collecting them, and classifying 1,000 roles of 100 families in one thread took about a third more
 * CPU with 2 MB semi-spaces than with 8 or 16 (2026-12-07, docs/performance.md). It costs up to 40 MB more per
 * worker than 8 did, while the workers run (the build's peak is later, in load and export).
 */
const YOUNG_SPACE_MB = 48

/** Roles per task: large enough to amortise the JSON round trip, small enough to keep both workers busy. */
const BATCH = 100
/** Batches in flight per worker, so a worker never waits for its next one. */
const IN_FLIGHT_PER_WORKER = 2

/** What a classify worker starts with (piscina's workerData). */
export interface ClassifyWorkerData {
  referenceDir: string
  snapshot: string | null
  /** The snapshot at `snapshot`, read once by the pool into shared memory (null: the worker reads or builds it). */
  shared: SharedIndexSnapshot | null
  referenceSnapshot: string | null
  writeSnapshot: boolean
}

/** A task: a batch of roles as JSON text; the answer, each role's inferred rows as JSON text. */
export interface ClassifyTask {
  roles: string
}

interface Batch {
  roles: readonly RoleProfile[]
  resolve: (rows: Classification[][]) => void
  reject: (error: Error) => void
}

interface Slot {
  pool: Piscina<ClassifyTask, string>
  inFlight: number
}

/** `size` workers classifying with indexes built from `referenceDir`; `close()` when done. */
export class ClassifyPool {
  private readonly slots: Slot[] = []
  private readonly queue: Batch[] = []
  private failure: Error | null = null
  private closed = false
  private waitingForWriter = false
  private wanted = 0
  private snapshotWritten: Promise<void> = Promise.resolve()
  /** The snapshot in shared memory, read when the first loading worker starts (undefined: not yet read). */
  private shared: SharedIndexSnapshot | null | undefined

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
      const written = (message: { snapshotWritten?: boolean }) => {
        if (message?.snapshotWritten === undefined) return
        writer.pool.off('message', written)
        resolve()
        this.waitingForWriter = false
        this.grow(this.wanted)
      }
      writer.pool.on('message', written)
      writer.pool.once('workerDestroy', () => resolve())
    })
  }

  /** Workers running or about to start (the writer's followers count once it has written). */
  get size(): number {
    return this.slots.length
  }

  /** Starts more workers, up to `size` in all; they load the snapshot when it exists. */
  grow(size: number): void {
    if (this.failure || this.closed || this.waitingForWriter) {
      this.wanted = Math.max(this.wanted, size)
      return
    }
    while (this.slots.length < size) this.start(false)
    this.dispatch()
  }

  private start(writeSnapshot: boolean): Slot {
    const { referenceDir, snapshot, referenceSnapshot } = this
    const loads = snapshot !== null && !writeSnapshot && existsSync(snapshot)
    const shared = loads ? this.sharedSnapshot(snapshot) : null
    const workerData: ClassifyWorkerData = { referenceDir, snapshot, shared, referenceSnapshot, writeSnapshot }
    const maxOldGenerationSizeMb = loads ? LOADER_OLD_SPACE_MB : BUILDER_OLD_SPACE_MB
    const pool = new Piscina<ClassifyTask, string>({
      filename: this.script.href,
      minThreads: 1,
      maxThreads: 1,
      idleTimeout: Number.MAX_SAFE_INTEGER,
      concurrentTasksPerWorker: IN_FLIGHT_PER_WORKER,
      // The worker answers when its task is done, not in the order tasks were sent.
      atomics: 'disabled',
      workerData,
      resourceLimits: { maxOldGenerationSizeMb, maxYoungGenerationSizeMb: YOUNG_SPACE_MB },
    })
    pool.on('error', (error: Error) => this.fail(error))
    const slot: Slot = { pool, inFlight: 0 }
    this.slots.push(slot)
    return slot
  }

  /** The snapshot read once into shared memory; null when it cannot be read (each worker then tries on its own). */
  private sharedSnapshot(snapshot: string): SharedIndexSnapshot | null {
    if (this.shared === undefined) {
      try {
        this.shared = readSharedIndexSnapshot(snapshot)
      } catch {
        this.shared = null
      }
    }
    return this.shared
  }

  private fail(error: Error): void {
    if (this.failure) return
    this.failure = new Error(`a classify worker failed: ${error.message}`, { cause: error })
    for (const batch of this.queue.splice(0)) batch.reject(this.failure)
  }

  /**
   * The rows canon infers for each role (what `inferFamilyClassifications` returns), in input order. `received`
   * sees each batch's rows as they come back (they may be changed in place, e.g. their strings interned).
   */
  async classify(roles: readonly RoleProfile[], received?: (rows: Classification[][]) => void): Promise<Classification[][]> {
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
            this.queue.push({
              roles: members.map((i) => roles[i]!),
              resolve: (rows) => {
                received?.(rows)
                resolve({ members, rows })
              },
              reject,
            }),
          ),
      )
    this.dispatch()
    const out: Classification[][] = new Array(roles.length)
    for (const { members, rows } of await Promise.all(batches)) {
      for (const [k, i] of members.entries()) out[i] = rows[k]!
    }
    return out
  }

  /** Stops the workers, once a worker writing the index snapshot has written it (unless the pool failed). */
  async close(): Promise<void> {
    if (!this.failure) await this.snapshotWritten
    this.closed = true
    await Promise.all(this.slots.map((slot) => slot.pool.destroy()))
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      while (slot.inFlight < IN_FLIGHT_PER_WORKER && this.queue.length > 0 && !this.failure) {
        const batch = this.queue.shift()!
        slot.inFlight += 1
        // JSON text crosses the thread boundary faster than a structured clone of the profiles; only the fields the
        // classifier reads go (classifierView).
        slot.pool.run({ roles: JSON.stringify(batch.roles.map(classifierView)) }).then(
          (rows) => {
            slot.inFlight -= 1
            batch.resolve(JSON.parse(rows) as Classification[][])
            this.dispatch()
          },
          (error: Error) => {
            slot.inFlight -= 1
            this.fail(error)
            batch.reject(this.failure!)
          },
        )
      }
    }
  }
}
