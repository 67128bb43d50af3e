// Runs one scheduled pipeline as a child process (`canon run NAME`): each run gets fresh memory, and a run
// that crashes or runs out of memory cannot take the scheduler down with it. The child gets its own process
// group, so a Ctrl-C or SIGTERM meant for the scheduler does not cut a build short: the scheduler lets it finish.

import { spawn } from 'node:child_process'
import type { PipelineRunner } from './scheduler.js'

export interface ChildRunnerOptions {
  /** The node executable and the CLI script (`bin/canon.js`). */
  node: string
  script: string
  /** Extra arguments after `run NAME`, e.g. `--log json`. */
  args: string[]
  cwd: string
  env: Readonly<Record<string, string | undefined>>
}

/** A PipelineRunner that spawns `node script run NAME …args` and resolves with its exit code. */
export function childProcessRunner(options: ChildRunnerOptions): PipelineRunner {
  return (pipeline) =>
    new Promise((resolve, reject) => {
      const child = spawn(options.node, [options.script, 'run', pipeline, ...options.args], {
        cwd: options.cwd,
        env: options.env as NodeJS.ProcessEnv,
        stdio: 'inherit',
        detached: true,
      })
      child.once('error', reject)
      child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 + signalNumber(signal) : 1)))
    })
}

function signalNumber(signal: NodeJS.Signals): number {
  const numbers: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 2, SIGKILL: 9, SIGTERM: 15 }
  return numbers[signal] ?? 1
}
