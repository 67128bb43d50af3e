// A small pool of worker threads running parsePage. HTML tokenising is CPU-bound; on a 2-core machine two
// workers give 1.3–1.6× one thread (V8's GC already uses the second core; see STACK-NOTES.md).

import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { PageInput } from '../model/index.js'
import type { PageParseResult } from './parse-page.js'

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
  resolve: (result: PageParseResult) => void
}

interface Slot {
  worker: Worker
  task: Task | null
}

/** Runs parsePage on `size` worker threads; `parse` resolves (never rejects) with the page's result. */
export class WorkerPool {
  private readonly slots: Slot[] = []
  private readonly queue: Task[] = []
  private nextId = 0
  private closed = false

  constructor(size: number, script: URL = WORKER_SCRIPT) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn(script))
  }

  /** Queues a page; resolves with its result (a worker failure becomes a quarantine entry, not an exception). */
  parse(page: PageInput): Promise<PageParseResult> {
    if (this.closed) throw new Error('WorkerPool is closed')
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, page, resolve })
      this.dispatch()
    })
  }

  /** Stops the workers (after the queue has drained). */
  async close(): Promise<void> {
    this.closed = true
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()))
  }

  private spawn(script: URL): Slot {
    const slot: Slot = { worker: new Worker(script), task: null }
    slot.worker.unref()
    slot.worker.on('message', (message: { id: number; result: PageParseResult }) => {
      const task = slot.task
      slot.task = null
      if (task && task.id === message.id) task.resolve(message.result)
      this.dispatch()
    })
    slot.worker.on('error', (error) => {
      const task = slot.task
      slot.task = null
      if (task) task.resolve(failed(task.page, error))
      // Replace the dead worker so the batch goes on.
      const index = this.slots.indexOf(slot)
      if (index >= 0 && !this.closed) this.slots[index] = this.spawn(script)
      this.dispatch()
    })
    return slot
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.task !== null) continue
      const task = this.queue.shift()
      if (!task) return
      slot.task = task
      slot.worker.postMessage({ id: task.id, page: task.page })
    }
  }
}

function failed(page: PageInput, error: unknown): PageParseResult {
  const reason = error instanceof Error ? error.message : String(error)
  return { profiles: [], rejected: [{ file: page.path, stage: 'parse', message: `${page.path}: the parser failed on this page (${reason})` }], warnings: [] }
}
