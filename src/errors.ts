// Few error types, each because a caller branches on it. Messages name the file or row, say what was
// expected and what was found, and what to do next.

import { ExitCode } from './exit-codes.js'

/** Base class: carries the exit code the CLI should end with. */
export class CanonError extends Error {
  readonly exitCode: ExitCode
  constructor(message: string, exitCode: ExitCode, options?: { cause?: unknown }) {
    super(message, options)
    this.name = new.target.name
    this.exitCode = exitCode
  }
}

/** The command line was used wrongly (unknown option, missing argument, unreadable input file). */
export class UsageError extends CanonError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.usage, options)
  }
}

/** A reference data file is missing or malformed; names the file and, where known, the line. */
export class ReferenceDataError extends CanonError {
  readonly file: string
  readonly line: number | null
  constructor(file: string, line: number | null, problem: string, options?: { cause?: unknown }) {
    super(`${file}${line === null ? '' : `:${line}`}: ${problem}`, ExitCode.failed, options)
    this.file = file
    this.line = line
  }
}

/** Another build holds the advisory lock. */
export class LockHeldError extends CanonError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.locked, options)
  }
}
