// Loggers for the CLI: human lines on a terminal, JSON lines otherwise. Stages receive a Logger; they never
// make one. Anything that looks like a credential is redacted before it is written.

import type { MultiBar, SingleBar } from 'cli-progress'
import { createRequire } from 'node:module'
import type { LogFields, Logger } from '../model/index.js'

export type LogFormat = 'human' | 'json'

type Level = 'debug' | 'info' | 'warn' | 'error'

export interface LoggerOptions {
  format: LogFormat
  write: (line: string) => void
  /** Lowest level written; debug lines are dropped unless asked for. */
  level?: Level
  now?: () => Date
  /**
   * A terminal to draw progress bars on (human format only): `write` receives the bar's escape sequences.
   * Without one, progress calls are ignored and only whole lines are written.
   */
  terminal?: { write: (text: string) => void; columns?: number }
}

/** A logger that may hold a progress bar open: close() removes it (call it when the command ends). */
export interface ClosableLogger extends Logger {
  close(): void
}

const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 }

/** Replaces the password in any `scheme://user:password@host` URL, and password=… pairs, with `***`. */
export function redactSecrets(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^:/?#\s@]*:)([^@/\s]*)@/gi, '$1***@').replace(/\b(password|passwd|pwd)=([^\s&;]+)/gi, '$1=***')
}

/** Creates a logger writing whole lines through `write`, with progress bars on a terminal in human format. */
export function createLogger(options: LoggerOptions): ClosableLogger {
  const threshold = order[options.level ?? 'info']
  const now = options.now ?? (() => new Date())
  const emit = (level: Level, message: string, fields: LogFields = {}): void => {
    if (order[level] < threshold) return
    if (options.format === 'json') {
      const record = { time: now().toISOString(), level, msg: message, ...fields }
      options.write(redactSecrets(JSON.stringify(record)) + '\n')
      return
    }
    const extras = Object.entries(fields)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => `${key}=${value}`)
      .join(' ')
    const prefix = level === 'info' ? '' : `${level}: `
    const line = redactSecrets(`${prefix}${message}${extras ? ` (${extras})` : ''}`) + '\n'
    if (bars) bars.log(line)
    else options.write(line)
  }
  const bars = options.format === 'human' && options.terminal ? createProgressBars(options.terminal) : null
  return {
    debug: (message, fields) => emit('debug', message, fields),
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
    ...(bars ? { progress: (stage: string, done: number, total: number) => bars.update(stage, done, total) } : {}),
    close: () => bars?.close(),
  }
}

/**
 * Progress bars through cli-progress: one bar per stage in progress, removed when the stage completes. Log
 * lines written while a bar is shown are printed above it (the bar is redrawn below).
 */
function createProgressBars(terminal: { write: (text: string) => void; columns?: number }) {
  const stream = {
    isTTY: true,
    columns: terminal.columns ?? 80,
    write: (text: string) => {
      terminal.write(text)
      return true
    },
  }
  // Loaded only for a terminal (cli-progress is CommonJS, so required in place): a logger writing JSON lines,
  // as under cron or in a pipe, never draws a bar and spares its ~20 module files.
  const { MultiBar, Presets } = createRequire(import.meta.url)('cli-progress') as typeof import('cli-progress')
  let multibar: MultiBar | null = null
  const active = new Map<string, SingleBar>()
  const ensure = (): MultiBar => {
    multibar ??= new MultiBar(
      {
        stream: stream as unknown as NodeJS.WritableStream,
        format: '{stage} [{bar}] {value}/{total} {percentage}% | eta {eta_formatted}',
        clearOnComplete: true,
        hideCursor: true,
        // canon handles SIGTERM itself (the scheduler stops after the current run); the bar must not.
        gracefulExit: false,
        etaBuffer: 50,
      },
      Presets.shades_classic,
    )
    return multibar
  }
  const finish = (): void => {
    if (multibar && active.size === 0) {
      multibar.stop()
      multibar = null
    }
  }
  return {
    update(stage: string, done: number, total: number): void {
      let bar = active.get(stage)
      if (!bar) {
        if (done >= total) return
        bar = ensure().create(total, done, { stage })
        active.set(stage, bar)
      }
      bar.setTotal(total)
      bar.update(done, { stage })
      if (done >= total) {
        multibar?.remove(bar)
        active.delete(stage)
        finish()
      }
    },
    log(line: string): void {
      if (!multibar) {
        terminal.write(line)
        return
      }
      multibar.log(line)
      multibar.update()
    },
    close(): void {
      for (const bar of active.values()) multibar?.remove(bar)
      active.clear()
      finish()
    },
  }
}

/** A logger that drops everything: for tests and library callers that do not care. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
}
