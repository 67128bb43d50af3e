// Exit codes are a contract with schedulers (DESIGN.md, "Command line").
export const ExitCode = {
  /** Published, or nothing to change. */
  ok: 0,
  /** Failed; nothing published. */
  failed: 1,
  /** Bad usage: unknown flag, missing argument. */
  usage: 2,
  /** Published, with quarantined pages (or: some inputs could not be processed). */
  partial: 3,
  /** Another build holds the lock (EX_TEMPFAIL). */
  locked: 75,
} as const

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]
