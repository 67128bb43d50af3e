// What every command receives: its streams and environment, so commands are testable without a process.

import type { Command } from 'commander'
import { type ClosableLogger, createLogger, type LogFormat } from '../log/logger.js'

export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: Readonly<Record<string, string | undefined>>
  cwd: string
  /** Whether stderr is a terminal (human logs, progress bar) or not (JSON lines). */
  isTty: boolean
  /** Width of the terminal, when there is one (progress bars fit it). */
  columns?: number
  /** Subscribes to SIGTERM/SIGINT (long-running commands stop cleanly); returns an unsubscribe function. */
  onStopSignal?: (handler: (signal: string) => void) => () => void
  /** The node executable and the CLI script, for commands that run canon as a child process. */
  execPath?: string
  scriptPath?: string
}

/** A command's module registers it on the program with this. */
export type RegisterCommand = (program: Command, ctx: CliContext) => void

export interface CliContext extends CliIo {
  /** Set by a command's action; `main` returns it. */
  exitCode: number
}

/**
 * The logger a command should use: `--log` wins, else human on a terminal and JSON lines otherwise. Human
 * logs on a terminal draw progress bars; close() the logger when the command ends.
 */
export function loggerFor(ctx: CliContext, requested?: LogFormat): ClosableLogger {
  const format: LogFormat = requested ?? (ctx.isTty ? 'human' : 'json')
  const terminal = format === 'human' && ctx.isTty ? { write: ctx.stderr, ...(ctx.columns ? { columns: ctx.columns } : {}) } : undefined
  return createLogger({ format, write: ctx.stderr, ...(terminal ? { terminal } : {}) })
}
