// Reads every decision file in an edits folder (`*.csv`, `*.json`, sorted by name). A missing folder holds no
// decisions; an unreadable file is a problem reported with the run, not a failed build.

import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { parseEditsCsv, parseEditsJson, type ParsedEdits } from './edits-file.js'

/** Decisions from `editsDir`; file names in ids and problems are `edits/<name>` style (relative to its parent). */
export async function readEdits(editsDir: string): Promise<ParsedEdits> {
  let names: string[]
  try {
    names = (await readdir(editsDir)).filter((name) => /\.(csv|json)$/i.test(name)).sort()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { decisions: [], problems: [] }
    throw error
  }
  const result: ParsedEdits = { decisions: [], problems: [] }
  for (const name of names) {
    const shown = `${path.basename(editsDir)}/${name}`
    let text: string
    try {
      text = await readFile(path.join(editsDir, name), 'utf8')
    } catch (error) {
      result.problems.push({ file: shown, stage: 'decide', message: `${shown}: cannot be read (${(error as Error).message})` })
      continue
    }
    const parsed = /\.json$/i.test(name) ? parseEditsJson(text, shown) : parseEditsCsv(text, shown)
    result.decisions.push(...parsed.decisions)
    result.problems.push(...parsed.problems)
  }
  return result
}
