// Worker threads running parsePage, on piscina (thread lifecycle, task queue, crash detection and replacement,
// bounded heaps). HTML tokenising is CPU-bound; on a 2-core machine two workers give 1.3–1.6× one thread (V8's GC
// already uses the second core; see STACK-NOTES.md).

import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { Piscina } from 'piscina'
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

/** What a parse worker is sent: one page. It answers with the page's result as JSON text. */
export interface ParseTask {
  page: PageInput
}

/**
 * Runs parsePage on `size` worker threads; `parse` resolves (never rejects) with the page's result. Each worker
 * has one page at a time, so a worker that dies names its page: that page is quarantined and piscina starts a
 * new worker in its place.
 */
export class WorkerPool {
  private readonly pool: Piscina<ParseTask, string>
  private closed = false

  /** Number of worker threads. */
  readonly size: number

  constructor(size: number, script: URL = WORKER_SCRIPT) {
    this.size = size
    this.pool = new Piscina<ParseTask, string>({
      filename: script.href,
      minThreads: size,
      maxThreads: size,
      // Workers live as long as the pool: a batch never waits for a thread to start again.
      idleTimeout: Number.MAX_SAFE_INTEGER,
      concurrentTasksPerWorker: 1,
      // A larger young generation cuts scavenges for the many short-lived DOM nodes of each page (STACK-NOTES.md).
      resourceLimits: { maxYoungGenerationSizeMb: 48 },
    })
    // A worker that dies with no task (it never does between pages) must not crash the process.
    this.pool.on('error', () => {})
  }

  /** Queues a page; resolves with its result (a worker failure becomes a quarantine entry, not an exception). */
  parse(page: PageInput): Promise<PageResult> {
    if (this.closed) throw new Error('WorkerPool is closed')
    // Results come back as JSON text: one string copy instead of a structured clone of a deep object graph.
    return this.pool.run({ page }).then(
      (json) => JSON.parse(json) as PageResult,
      (error: unknown) => failed(page, error),
    )
  }

  /** Stops the workers (after the queue has drained). */
  async close(): Promise<void> {
    this.closed = true
    await this.pool.destroy()
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
