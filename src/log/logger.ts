// Loggers for the CLI: human lines on a terminal, JSON lines otherwise. Stages receive a Logger; they never
// make one. Anything that looks like a credential is redacted before it is written.

import type { LogFields, Logger } from '../model/index.js'

export type LogFormat = 'human' | 'json'

type Level = 'debug' | 'info' | 'warn' | 'error'

export interface LoggerOptions {
  format: LogFormat
  write: (line: string) => void
  /** Lowest level written; debug lines are dropped unless asked for. */
  level?: Level
  now?: () => Date
}

const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 }

/** Replaces the password in any `scheme://user:password@host` URL, and password=… pairs, with `***`. */
export function redactSecrets(text: string): string {
  return text
    .replace(/([a-z][a-z0-9+.-]*:\/\/[^:/?#\s@]*:)([^@/\s]*)@/gi, '$1***@')
    .replace(/\b(password|passwd|pwd)=([^\s&;]+)/gi, '$1=***')
}

/** Creates a logger writing whole lines through `write`. */
export function createLogger(options: LoggerOptions): Logger {
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
    options.write(redactSecrets(`${prefix}${message}${extras ? ` (${extras})` : ''}`) + '\n')
  }
  return {
    debug: (message, fields) => emit('debug', message, fields),
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
  }
}

/** A logger that drops everything: for tests and library callers that do not care. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
}
