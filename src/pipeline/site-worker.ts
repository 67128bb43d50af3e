// Worker-thread entry of buildSiteApart (site-apart.ts): opens the server on its own connection, writes the site
// of the release it is given, and answers with the summary or the error's message.

import { parentPort, workerData } from 'node:worker_threads'
import { openDatabase } from '../db/open.js'
import { buildSite } from '../site/build-site.js'
import type { SiteApartRequest } from './site-apart.js'

const { url, outDir, release } = workerData as SiteApartRequest
const db = await openDatabase({ url, command: 'canon site' })
try {
  parentPort?.postMessage({ summary: await buildSite(db, { outDir, release }) })
} catch (error) {
  parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) })
} finally {
  await db.destroy()
}
