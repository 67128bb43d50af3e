// A small pool of worker threads running parsePage. HTML tokenising is CPU-bound; on a 2-core machine two
// workers give 1.3–1.6× one thread (V8's GC already uses the second core; see STACK-NOTES.md).

import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { PageInput, PageResult } from '../model/index.js'

const WORKER_SCRIPT = new URL('./parse-worker.js', import.meta.url)

/** Whether the compiled worker script exists (it does under dist/, not when running the .ts sources). */
export function workerScriptAvailable(): boolean {
  return WORKER_SCRIPT.protocol === 'file:' && existsSync(fileURLToPath(WORKER_SCRIPT))
}

/** Default worker count: one per core when there are 2 or more and the compiled worker exists; else 0 (in-thread). */
export function defaultWorkerCount(): number {
  const cores = availableParallelism()
  return cores >= 2 && workerScriptAvailable() ? cores : 0
}

interface Task {
  id: number
  page: PageInput
  resolve: (result: PageResult) => void
  /** Was in flight when a worker died: it now runs alone, so if it kills a worker it is the one to blame. */
  solo: boolean
}

interface Slot {
  worker: Worker
  /** Pages sent to this worker and not answered yet, oldest first; two at most, so it never waits for the next. */
  tasks: Task[]
}

const IN_FLIGHT_PER_WORKER = 2

/** Runs parsePage on `size` worker threads; `parse` resolves (never rejects) with the page's result. */
export class WorkerPool {
  private readonly slots: Slot[] = []
  private readonly queue: Task[] = []
  private nextId = 0
  private closed = false

  /** Number of worker threads. */
  get size(): number {
    return this.slots.length
  }

  constructor(size: number, script: URL = WORKER_SCRIPT) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn(script))
  }

  /** Queues a page; resolves with its result (a worker failure becomes a quarantine entry, not an exception). */
  parse(page: PageInput): Promise<PageResult> {
    if (this.closed) throw new Error('WorkerPool is closed')
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, page, resolve, solo: false })
      this.dispatch()
    })
  }

  /** Stops the workers (after the queue has drained). */
  async close(): Promise<void> {
    this.closed = true
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()))
  }

  private spawn(script: URL): Slot {
    // A larger young generation cuts scavenges for the many short-lived DOM nodes of each page (STACK-NOTES.md).
    const slot: Slot = { worker: new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: 48 } }), tasks: [] }
    slot.worker.unref()
    slot.worker.on('message', (message: { id: number; json: string }) => {
      const index = slot.tasks.findIndex((t) => t.id === message.id)
      const [task] = index >= 0 ? slot.tasks.splice(index, 1) : []
      // Results come back as JSON text: one string copy instead of a structured clone of a deep object graph.
      if (task) task.resolve(JSON.parse(message.json) as PageResult)
      this.dispatch()
    })
    slot.worker.on('error', (error) => {
      // A page killed the worker. Alone in flight, it is the culprit and is quarantined; otherwise every page
      // that was in flight goes back to the queue to run alone, and the culprit shows itself on its own.
      const inFlight = slot.tasks
      slot.tasks = []
      if (inFlight.length === 1 || inFlight[0]?.solo) {
        const [culprit, ...innocent] = inFlight
        culprit!.resolve(failed(culprit!.page, error))
        this.queue.unshift(...innocent)
      } else {
        for (const task of inFlight) task.solo = true
        this.queue.unshift(...inFlight)
      }
      // Replace the dead worker so the batch goes on.
      const index = this.slots.indexOf(slot)
      if (index >= 0 && !this.closed) this.slots[index] = this.spawn(script)
      this.dispatch()
    })
    return slot
  }

  private dispatch(): void {
    for (let round = 0; round < IN_FLIGHT_PER_WORKER; round++) {
      for (const slot of this.slots) {
        const next = this.queue[0]
        if (!next) return
        if (slot.tasks.length > round || slot.tasks.some((t) => t.solo)) continue
        if (next.solo && slot.tasks.length > 0) continue
        const task = this.queue.shift()!
        slot.tasks.push(task)
        slot.worker.postMessage({ id: task.id, page: task.page })
      }
    }
  }
}

function failed(page: PageInput, error: unknown): PageResult {
  const reason = error instanceof Error ? error.message : String(error)
  return {
    path: page.path,
    profiles: [],
    rejected: [{ file: page.path, stage: 'parse', message: `${page.path}: the parser failed on this page (${reason})` }],
    warnings: [],
  }
}
