// The batch form of parsePage: pages stream in (from readPages), results stream out in input order, and a
// duplicate-code check runs across the batch. With `workers > 0` pages are parsed on worker threads.

import type { FileFinding, PageInput, PageResult, Quarantined, RoleProfile, StageResult } from '../model/index.js'
import { isPageInput, type DiscoveredPage } from '../discover/read-pages.js'
import { DuplicateCodeCheck } from './duplicate-codes.js'
import { defaultWorkerCount, type PoolLimits, WorkerPool } from './worker-pool.js'

export interface ParsePagesOptions {
  /** Worker threads; 0 parses in this thread. Default: 2 on a machine with 2+ cores when the compiled worker exists. */
  workers?: number
  /** Pages in flight per worker (bounds memory: only this many pages are held at once). Default 4. */
  queueDepth?: number
  /** Run the cross-page duplicate-code check (default true). */
  checkDuplicates?: boolean
  /** The worker module (default: the compiled parse-worker.js next to this module); for tests. */
  workerScript?: URL
  /** A pool to use (and leave open) instead of starting one: saves worker start-up when parsing several batches. */
  pool?: WorkerPool
  /**
   * A batch of at most this many pages, none larger than 256 KB, is parsed in this thread and starts no worker
   * (default 64; 0: always start the workers; not with `pool`).
   */
  smallBatch?: number
  /** Pages parsed in this thread before workers start (default 8; none with `pool`). */
  inThreadFirst?: number
  /**
   * Per-page limits: the element budget applies everywhere; the time budget and heap limit only on workers (a
   * page parsed in this thread cannot be stopped, so with workers only small pages are parsed here).
   */
  limits?: PoolLimits
}

// The parser (cheerio, linkedom, readability, marked: about 0.4 s to load) is loaded only when this thread
// parses a page, so a build that parses nothing, or only on workers, never loads it here.
let parser: Promise<typeof import('./parse-page.js')> | null = null

async function parsePageHere(page: PageInput, maxElements: number | undefined): Promise<PageResult> {
  parser ??= import('./parse-page.js')
  return (await parser).parsePage(page, maxElements === undefined ? {} : { maxElements })
}

/** Pages a batch parses in this thread before it starts its worker threads. */
const IN_THREAD_FIRST = 8
/**
 * A batch of at most this many pages, each small enough, is parsed in this thread with no worker started:
 * starting the threads (each loads the parser) costs more than parsing a handful of pages.
 */
const SMALL_BATCH = 64
/** Largest page parsed in this thread when workers are on (a bigger one goes to a worker, where its time is bounded). */
const IN_THREAD_MAX_BYTES = 256 * 1024

/** Parses a stream of pages (readPages' output), yielding each page's result in input order. */
export async function* parsePages(
  inputs: AsyncIterable<DiscoveredPage> | Iterable<DiscoveredPage>,
  options: ParsePagesOptions = {},
): AsyncGenerator<PageResult> {
  const duplicates = options.checkDuplicates === false ? null : new DuplicateCodeCheck()
  const finish = (result: PageResult): PageResult => {
    if (!duplicates) return result
    const { kept, rejected, warnings } = duplicates.check(result.profiles)
    return { path: result.path, profiles: kept, rejected: [...result.rejected, ...rejected], warnings: [...result.warnings, ...warnings] }
  }
  let workers = options.pool ? options.pool.size : (options.workers ?? defaultWorkerCount())
  const smallBatch = options.smallBatch ?? SMALL_BATCH
  if (workers > 0 && !options.pool && smallBatch > 0) {
    // Read up to smallBatch + 1 pages ahead: a batch that ends by then, with no large page, needs no workers.
    const iterator = toAsyncIterator(inputs)
    const head: DiscoveredPage[] = []
    let ended = false
    while (head.length <= smallBatch) {
      const next = await iterator.next()
      if (next.done) {
        ended = true
        break
      }
      head.push(next.value)
    }
    if (ended && head.every((item) => !isPageInput(item) || item.bytes.length <= IN_THREAD_MAX_BYTES)) workers = 0
    inputs = ended ? head : chain(head, iterator)
  }
  if (workers <= 0) {
    for await (const item of inputs) {
      if (!isPageInput(item)) yield { path: item.file, profiles: [], rejected: [item], warnings: [] }
      else yield finish(await parsePageHere(item, options.limits?.maxElements))
    }
    return
  }
  // The first few pages are parsed in this thread and the workers start after them: a rebuild that parses one
  // edited page does not pay for starting threads that load the parser again.
  let pool = options.pool ?? null
  let inThread = options.pool ? 0 : (options.inThreadFirst ?? IN_THREAD_FIRST)
  const depth = Math.max(1, options.queueDepth ?? 4) * workers
  const pending: Promise<PageResult>[] = []
  try {
    for await (const item of inputs) {
      if (!isPageInput(item)) pending.push(Promise.resolve({ path: item.file, profiles: [], rejected: [item], warnings: [] }))
      else if (inThread > 0 && pending.length === 0 && item.bytes.length <= IN_THREAD_MAX_BYTES) {
        inThread -= 1
        yield finish(await parsePageHere(item, options.limits?.maxElements))
        continue
      } else pending.push((pool ??= new WorkerPool(workers, options.workerScript, options.limits)).parse(item))
      while (pending.length >= depth) {
        yield finish(await pending.shift()!)
      }
    }
    while (pending.length > 0) yield finish(await pending.shift()!)
  } finally {
    if (!options.pool) await pool?.close()
  }
}

function toAsyncIterator<T>(items: AsyncIterable<T> | Iterable<T>): AsyncIterator<T> | Iterator<T> {
  return Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : items[Symbol.iterator]()
}

/** `head`, then what `rest` has left. */
async function* chain<T>(head: T[], rest: AsyncIterator<T> | Iterator<T>): AsyncGenerator<T> {
  try {
    yield* head
    for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value
  } finally {
    await rest.return?.()
  }
}

/** Gathers a parsePages stream into one StageResult (for callers that want the whole batch at once). */
export async function collectParsed(pages: AsyncIterable<PageResult>): Promise<StageResult<RoleProfile>> {
  const ok: RoleProfile[] = []
  const rejected: Quarantined[] = []
  const warnings: FileFinding[] = []
  for await (const page of pages) {
    ok.push(...page.profiles)
    rejected.push(...page.rejected)
    warnings.push(...page.warnings)
  }
  return { ok, rejected, warnings }
}
