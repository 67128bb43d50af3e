// Worker-thread entry: parses the pages the pool sends, one message per page.

import { parentPort } from 'node:worker_threads'
import type { PageInput } from '../model/index.js'
import { parsePage } from './parse-page.js'

parentPort?.on('message', (message: { id: number; page: PageInput }) => {
  // JSON text crosses the thread boundary much faster than a structured clone of the profile objects.
  parentPort!.postMessage({ id: message.id, json: JSON.stringify(parsePage(message.page)) })
})
