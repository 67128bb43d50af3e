// The logging contract stages receive as an argument (no module creates its own logger).

export type LogFields = Record<string, string | number | boolean | null | undefined>

export interface Logger {
  debug(message: string, fields?: LogFields): void
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
  /** Progress through a stage: `done` of `total` items; a terminal draws a bar, JSON logs ignore it. */
  progress?(stage: string, done: number, total: number): void
}
