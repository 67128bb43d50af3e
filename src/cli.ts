// canon's command line: a thin shell over the library. Reads process.env here and nowhere else.

import { Command, CommanderError } from 'commander'
import { CanonError } from './errors.js'
import { ExitCode, exitCodeOfError } from './exit-codes.js'
import { packageVersion } from './package-info.js'
import { commands } from './cli/commands.js'
import type { CliContext, CliIo } from './cli/context.js'

export type { CliIo } from './cli/context.js'
import { redactSecrets } from './log/logger.js'

const processIo = (): CliIo => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  isTty: Boolean(process.stderr.isTTY),
  ...(process.stderr.columns ? { columns: process.stderr.columns } : {}),
  onStopSignal: (handler) => {
    const listener = (signal: NodeJS.Signals) => handler(signal)
    process.on('SIGTERM', listener)
    process.on('SIGINT', listener)
    return () => {
      process.off('SIGTERM', listener)
      process.off('SIGINT', listener)
    }
  },
  execPath: process.execPath,
  ...(process.argv[1] ? { scriptPath: process.argv[1] } : {}),
})

/** Builds the commander program; exposed for tests and help output. */
export function createProgram(ctx: CliContext): Command {
  const program = new Command('canon')
    .description('Turns draft role pages into the canonical job taxonomy: parse, classify, load, export.')
    .version(packageVersion(), '-V, --version', "print canon's version")
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: ctx.stdout, writeErr: ctx.stderr })
  for (const register of commands) register(program, ctx)
  return program
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const ctx: CliContext = { ...io, exitCode: ExitCode.ok }
  const program = createProgram(ctx)
  try {
    await program.parseAsync(argv, { from: 'user' })
    return ctx.exitCode
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; anything else commander rejects is bad usage.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage
    }
    if (error instanceof CanonError) {
      ctx.stderr(`canon: ${redactSecrets(error.message)}\n`)
      return exitCodeOfError(error)
    }
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error)
    ctx.stderr(`canon: unexpected failure: ${redactSecrets(message)}\n`)
    return ExitCode.failed
  }
}
