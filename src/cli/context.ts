// What every command receives: its streams and environment, so commands are testable without a process.

import type { Logger } from '../model/index.js'
import { createLogger, type LogFormat } from '../log/logger.js'

export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: Readonly<Record<string, string | undefined>>
  cwd: string
  /** Whether stderr is a terminal (human logs, progress bar) or not (JSON lines). */
  isTty: boolean
}

export interface CliContext extends CliIo {
  /** Set by a command's action; `main` returns it. */
  exitCode: number
}

/** The logger a command should use: `--log` wins, else human on a terminal and JSON lines otherwise. */
export function loggerFor(ctx: CliContext, requested?: string): Logger {
  const format: LogFormat = requested === 'json' || requested === 'human' ? requested : ctx.isTty ? 'human' : 'json'
  return createLogger({ format, write: ctx.stderr })
}
