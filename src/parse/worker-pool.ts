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

/** What a parse worker is sent: one page (and its limits). It answers with the page's result as JSON text. */
export interface ParseTask {
  page: PageInput
  /** Names the task in the worker's "started" message, which starts its time budget. */
  id: number
  maxElements?: number
}

/** Per-page limits on the workers. */
export interface PoolLimits {
  /** Parse time budget per page (ms), from the moment a worker starts it; over it, the worker is ended and replaced. */
  timeoutMs?: number
  /** Element budget per page (parsePage's `maxElements`). */
  maxElements?: number
  /** Old-generation heap limit of each worker (MB): a page that needs more ends its worker and is quarantined. */
  maxHeapMb?: number
}

/** Default parse time budget per page. */
export const DEFAULT_PAGE_TIMEOUT_MS = 30_000
/** Default heap limit of a parse worker: a 5 MB page within the element budget needs far less. */
const DEFAULT_WORKER_HEAP_MB = 384

/** Pages in flight per worker: the next one is already there when a worker finishes one, so it never waits. */
const IN_FLIGHT_PER_WORKER = 2

/**
 * Runs parsePage on `size` worker threads; `parse` resolves (never rejects) with the page's result. Each worker
 * has two pages in flight. A worker that dies (or is ended for running past the time budget) takes both with it:
 * a page whose own budget ran out is quarantined; any other goes again alone, on a one-thread pool, where a
 * failure names it for certain. Piscina starts a new worker in place of the dead one.
 */
export class WorkerPool {
  private readonly pool: Piscina<ParseTask, string>
  /** One thread, one page at a time: pages that were in flight on a worker that died run again here. */
  private solo: Piscina<ParseTask, string> | null = null
  private closed = false
  private nextId = 0
  /** Tasks sent and not answered: their page's abort (on budget overrun) and the timer once started. */
  private readonly running = new Map<number, { abort: AbortController; timer: NodeJS.Timeout | null }>()
  private readonly timeoutMs: number

  /** Number of worker threads. */
  readonly size: number

  constructor(
    size: number,
    private readonly script: URL = WORKER_SCRIPT,
    private readonly limits: PoolLimits = {},
  ) {
    this.size = size
    this.timeoutMs = limits.timeoutMs ?? DEFAULT_PAGE_TIMEOUT_MS
    this.pool = this.start(size, IN_FLIGHT_PER_WORKER)
  }

  private start(threads: number, inFlight: number): Piscina<ParseTask, string> {
    const pool = new Piscina<ParseTask, string>({
      filename: this.script.href,
      minThreads: threads,
      maxThreads: threads,
      // Workers live as long as the pool: a batch never waits for a thread to start again.
      idleTimeout: Number.MAX_SAFE_INTEGER,
      concurrentTasksPerWorker: inFlight,
      // A larger young generation cuts scavenges for the many short-lived DOM nodes of each page (STACK-NOTES.md);
      // the old generation is bounded so no page can take the process's memory.
      resourceLimits: { maxYoungGenerationSizeMb: 48, maxOldGenerationSizeMb: this.limits.maxHeapMb ?? DEFAULT_WORKER_HEAP_MB },
    })
    // A worker that dies with no task (it never does between pages) must not crash the process.
    pool.on('error', () => {})
    // A worker says when it starts a page: its time budget runs from then, not from when it was queued.
    pool.on('message', (message: { started?: number }) => {
      const task = message?.started === undefined ? undefined : this.running.get(message.started)
      if (task && !task.timer) task.timer = setTimeout(() => task.abort.abort(), this.timeoutMs)
    })
    return pool
  }

  /** Queues a page; resolves with its result (a worker failure becomes a quarantine entry, not an exception). */
  parse(page: PageInput): Promise<PageResult> {
    if (this.closed) throw new Error('WorkerPool is closed')
    return this.run(page, false)
  }

  private run(page: PageInput, alone: boolean): Promise<PageResult> {
    const id = this.nextId++
    const abort = new AbortController()
    this.running.set(id, { abort, timer: null })
    const done = () => {
      const task = this.running.get(id)
      if (task?.timer) clearTimeout(task.timer)
      this.running.delete(id)
    }
    const task: ParseTask = { page, id, ...(this.limits.maxElements !== undefined ? { maxElements: this.limits.maxElements } : {}) }
    const pool = alone ? (this.solo ??= this.start(1, 1)) : this.pool
    // Results come back as JSON text: one string copy instead of a structured clone of a deep object graph.
    return pool.run(task, { signal: abort.signal }).then(
      (json) => {
        done()
        return JSON.parse(json) as PageResult
      },
      (error: unknown) => {
        done()
        // Its own budget ran out: piscina ended the worker running it, and the page is quarantined.
        if (abort.signal.aborted) {
          const seconds = Math.round(this.timeoutMs / 100) / 10
          return rejected(page, `parsing took longer than the ${seconds} s budget per page (--page-timeout); the worker was stopped and the page quarantined`)
        }
        // Its worker died, maybe for the other page in flight: run it alone to know.
        if (!alone && !this.closed) return this.run(page, true)
        return failed(page, error)
      },
    )
  }

  /** Stops the workers (after the queue has drained). */
  async close(): Promise<void> {
    this.closed = true
    for (const task of this.running.values()) if (task.timer) clearTimeout(task.timer)
    await Promise.all([this.pool.destroy(), this.solo?.destroy()])
  }
}

function failed(page: PageInput, error: unknown): PageResult {
  const reason = error instanceof Error ? error.message : String(error)
  const heap = (error as { code?: unknown })?.code === 'ERR_WORKER_OUT_OF_MEMORY' ? ': it needs more memory than a worker may use' : ''
  return rejected(page, `the parser failed on this page (${reason})${heap}`)
}

function rejected(page: PageInput, reason: string): PageResult {
  return { path: page.path, profiles: [], rejected: [{ file: page.path, stage: 'parse', message: `${page.path}: ${reason}` }], warnings: [] }
}
