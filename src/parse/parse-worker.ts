// Worker-thread entry: parses the pages the pool sends, one message per page.

import { parentPort } from 'node:worker_threads'
import type { PageInput } from '../model/index.js'
import { parsePage } from './parse-page.js'

parentPort?.on('message', (message: { id: number; page: PageInput }) => {
  parentPort!.postMessage({ id: message.id, result: parsePage(message.page) })
})
