// The site written on a thread of its own, beside the export: both read the release just committed and write
// their own folders under out/releases/<N>/, and each is CPU on one thread (CSV encoding; HTML rendering), so on
// two cores the pipeline waits for the longer of the two instead of their sum. Only with a database server: the
// thread opens its own connection, which the embedded database (one process, one connection) cannot give.

import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { SiteSummary } from '../site/build-site.js'

const SITE_WORKER_SCRIPT = new URL('./site-worker.js', import.meta.url)

/** What the site's thread is given: the server, the out folder and the release. */
export interface SiteApartRequest {
  url: string
  outDir: string
  release: number
}

/** Whether the compiled worker script exists (it does under dist/, not when running the .ts sources). */
export function siteApartAvailable(): boolean {
  return SITE_WORKER_SCRIPT.protocol === 'file:' && existsSync(fileURLToPath(SITE_WORKER_SCRIPT))
}

/** Renders and writes the site of `release` on a thread of its own (buildSite there, on its own connection). */
export function buildSiteApart(request: SiteApartRequest): Promise<SiteSummary> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(SITE_WORKER_SCRIPT, { workerData: request })
    let answer: { summary?: SiteSummary; error?: string } | null = null
    worker.on('message', (message: { summary?: SiteSummary; error?: string }) => {
      answer = message
    })
    worker.once('error', reject)
    worker.once('exit', (code) => {
      if (answer?.summary) resolve(answer.summary)
      else reject(new Error(answer?.error ?? `the site's thread stopped before it finished (exit code ${code})`))
    })
  })
}
