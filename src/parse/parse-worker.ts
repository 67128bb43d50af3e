// Worker-thread entry (a piscina task module): parses the page it is given.

import type { PageInput } from '../model/index.js'
import { parsePage } from './parse-page.js'

/** Parses one page; the result goes back as JSON text, which crosses the thread boundary much faster than a structured clone. */
export default function parseTask({ page }: { page: PageInput }): string {
  return JSON.stringify(parsePage(page))
}
