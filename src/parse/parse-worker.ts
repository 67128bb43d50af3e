// Worker-thread entry (a piscina task module): parses the page it is given.

import { parentPort } from 'node:worker_threads'
import { parsePage } from './parse-page.js'
import type { ParseTask } from './worker-pool.js'

/**
 * Parses one page; the result goes back as JSON text, which crosses the thread boundary much faster than a
 * structured clone. It first tells the pool it started, which starts the page's time budget.
 */
export default function parseTask({ page, id, maxElements }: ParseTask): string {
  parentPort?.postMessage({ started: id })
  return JSON.stringify(parsePage(page, maxElements === undefined ? {} : { maxElements }))
}
