// Runs one canon command in this process and writes what it cost to a JSON file: wall time, exit code and
// peak resident memory. The scale bench starts it as a child process per build, so each build's peak memory
// is its own and not the bench's (which also generated the corpus).
//   node dist/bench/lib/measure-cli.js RESULT.json -- build --raw … --db …

import { writeFile } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import { main } from '../../src/cli.js'

export interface CliMeasurement {
  exitCode: number
  seconds: number
  /** Peak resident set size of the process, bytes. */
  maxRssBytes: number
  stdout: string
}

const [resultFile, separator, ...argv] = process.argv.slice(2)
if (!resultFile || separator !== '--') {
  process.stderr.write('usage: measure-cli RESULT.json -- CANON-ARGS...\n')
  process.exit(2)
}
let stdout = ''
const began = performance.now()
const exitCode = await main(argv, {
  stdout: (text) => void (stdout += text),
  stderr: (text) => void process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  isTty: false,
})
const seconds = (performance.now() - began) / 1000
// resourceUsage().maxRSS is in kilobytes.
const measurement: CliMeasurement = { exitCode, seconds, maxRssBytes: process.resourceUsage().maxRSS * 1024, stdout }
await writeFile(resultFile, JSON.stringify(measurement))
