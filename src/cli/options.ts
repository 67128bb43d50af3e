// Every flag more than one command takes, declared once: commands add these instead of writing their own. A
// bad value is a usage error (exit 2) that names what was expected. Commander needs a fresh Option per
// command, hence factories.

import { InvalidArgumentError, Option, type Command } from 'commander'
import { DEFAULT_MAX_PAGE_BYTES } from '../discover/read-pages.js'
import { defaultSettings, pageLimitDefaults } from '../settings/settings.js'

/** A whole number ≥ 0 (`min` 1 for counts that cannot be zero). */
export const wholeNumber =
  (min = 0) =>
  (value: string): number => {
    if (!/^[0-9]+$/.test(value) || Number(value) < min || !Number.isSafeInteger(Number(value))) {
      throw new InvalidArgumentError(min === 0 ? 'expected a whole number' : `expected a whole number of at least ${min}`)
    }
    return Number(value)
  }

/** A percentage, 0 to 100. */
export const percent = (value: string): number => {
  const n = Number(value)
  if (!/^[0-9]+(\.[0-9]+)?$/.test(value) || n > 100) throw new InvalidArgumentError('expected a percentage from 0 to 100')
  return n
}

/** A release number: 1, 2, … */
export const releaseNumber = (value: string): number => {
  if (!/^[1-9][0-9]*$/.test(value) || !Number.isSafeInteger(Number(value))) throw new InvalidArgumentError('expected a release number (1, 2, …)')
  return Number(value)
}

export const flags = {
  log: () => new Option('--log <FORMAT>', 'log format (default: human on a terminal, JSON lines otherwise)').choices(['human', 'json']),
  db: () => new Option('--db <URL>', 'Postgres server, postgres://… (default: the embedded database; DATABASE_URL in the environment wins)'),
  dataDir: () => new Option('--data-dir <DIR>', `embedded database directory (default: ${defaultSettings.dataDir})`),
  raw: () => new Option('--raw <DIR>', `folder holding pages/ (default: ${defaultSettings.raw})`),
  reference: () => new Option('--reference <DIR>', 'reference data folder (default: <raw>/reference)'),
  edits: () => new Option('--edits <DIR>', `decision files, *.csv or *.json (default: ${defaultSettings.edits})`),
  outDir: () => new Option('--out <DIR>', `export folder (default: ${defaultSettings.out})`),
  metricsFile: () => new Option('--metrics-file <FILE>', 'write Prometheus metrics here after the run (node exporter textfile collector)'),
  lockTimeout: () =>
    new Option('--lock-timeout <SECONDS>', `wait this long for another build before exiting 75 (default ${defaultSettings.lockTimeoutSeconds})`).argParser(
      wholeNumber(),
    ),
  workers: () => new Option('--workers <N>', 'parser and classifier worker threads (0: work in this thread; default: one per core)').argParser(wholeNumber()),
  maxPageBytes: () => new Option('--max-page-bytes <BYTES>', `largest page read, in bytes (default ${DEFAULT_MAX_PAGE_BYTES})`).argParser(wholeNumber(1)),
  maxRemovalPercent: () =>
    new Option(
      '--max-removal-percent <PERCENT>',
      `stop a build that would remove more than this share of the roles (default ${defaultSettings.maxRemovalPercent})`,
    ).argParser(percent),
  allowMassRemoval: () => new Option('--allow-mass-removal', 'let this build remove more than --max-removal-percent of the roles'),
  pageTimeout: () =>
    new Option('--page-timeout <SECONDS>', `parse time budget per page, on worker threads (default ${pageLimitDefaults.pageTimeoutSeconds})`).argParser(
      wholeNumber(1),
    ),
  maxPageElements: () =>
    new Option('--max-page-elements <N>', `quarantine a page with more HTML elements than this (default ${pageLimitDefaults.maxPageElements})`).argParser(
      wholeNumber(1),
    ),
  json: () => new Option('--json', 'print JSON'),
  author: () => new Option('--author <NAME>', 'who decides (default: $CANON_AUTHOR, else $USER)'),
  pipelines: () => new Option('--pipelines <DIR>', 'folder of pipeline files').default('pipelines'),
}

/** The database flags every command that opens the canon takes. */
export interface DatabaseFlags {
  db?: string
  dataDir?: string
}

/** Adds --db and --data-dir to a command. */
export function withDatabaseFlags(command: Command): Command {
  return command.addOption(flags.db()).addOption(flags.dataDir())
}

/** The flags `canon build` and `canon run` share: where things are, the database, metrics, lock, workers, logs. */
export interface RunFlags extends DatabaseFlags {
  raw?: string
  reference?: string
  edits?: string
  out?: string
  metricsFile?: string
  lockTimeout?: number
  workers?: number
  log?: 'human' | 'json'
  maxRemovalPercent?: number
  allowMassRemoval?: boolean
  pageTimeout?: number
  maxPageElements?: number
  maxPageBytes?: number
}

/** Adds the settings flags `canon run` and `canon build` share. */
export function withRunFlags(command: Command): Command {
  return withDatabaseFlags(command.addOption(flags.raw()).addOption(flags.reference()).addOption(flags.edits()).addOption(flags.outDir()))
    .addOption(flags.metricsFile())
    .addOption(flags.lockTimeout())
    .addOption(flags.workers())
    .addOption(flags.maxRemovalPercent())
    .addOption(flags.allowMassRemoval())
    .addOption(flags.pageTimeout())
    .addOption(flags.maxPageElements())
    .addOption(flags.maxPageBytes())
    .addOption(flags.log())
}
