// Where the classify worker's compiled script is, apart from the pool (classify-pool.ts): a build asks whether
// workers are possible without loading the pool, piscina and the classifier.

import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const CLASSIFY_WORKER_SCRIPT = new URL('./classify-worker.js', import.meta.url)

/** Whether the compiled worker script exists (it does under dist/, not when running the .ts sources). */
export function classifyWorkerAvailable(): boolean {
  return CLASSIFY_WORKER_SCRIPT.protocol === 'file:' && existsSync(fileURLToPath(CLASSIFY_WORKER_SCRIPT))
}
