// The bench entry (`npm run bench [-- NAME...]`): runs each bench/<name>.bench.ts module's exported `run()` in
// turn, or only the ones named. Each module prints its own figures against a baseline measured in the same run.

import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const suffix = '.bench.js'

const available = (await readdir(here))
  .filter((name) => name.endsWith(suffix))
  .map((name) => name.slice(0, -suffix.length))
  .sort()
const wanted = process.argv.slice(2)
const unknown = wanted.filter((name) => !available.includes(name))
if (unknown.length > 0) {
  process.stderr.write(`bench: no benchmark named ${unknown.join(', ')}; available: ${available.join(', ')}\n`)
  process.exit(2)
}

for (const name of wanted.length > 0 ? wanted : available) {
  const module = (await import(pathToFileURL(path.join(here, `${name}${suffix}`)).href)) as { run?: () => Promise<void> | void }
  if (typeof module.run !== 'function') {
    process.stderr.write(`bench: ${name}${suffix} exports no run() function\n`)
    process.exit(1)
  }
  process.stdout.write(`\n## ${name}\n`)
  await module.run()
}
