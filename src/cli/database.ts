// Opening the canon's database from command-line flags and the environment (DATABASE_URL wins over --db, see
// pipeline/settings.ts). Shared by build, migrate, decide, diff, releases and runs.

import path from 'node:path'
import type { Command } from 'commander'
import { openDatabase, type CanonDb } from '../db/open.js'
import { resolveSettings, type RunSettings } from '../pipeline/settings.js'
import type { CliContext } from './context.js'
import type { Logger } from '../model/index.js'

export interface DatabaseFlags {
  db?: string
  dataDir?: string
}

/** Adds --db and --data-dir to a command. */
export function withDatabaseOptions(command: Command): Command {
  return command
    .option('--db <URL>', 'Postgres server (default: the embedded database; DATABASE_URL in the environment wins)')
    .option('--data-dir <DIR>', 'embedded database directory (default: .canon/db)')
}

/** Resolves settings from flags and the environment; logs resolution notes. */
export function settingsFor(ctx: CliContext, flags: DatabaseFlags, log: Logger, extra: Partial<Record<'raw' | 'reference' | 'edits' | 'out', string>> = {}): RunSettings {
  const { settings, notes } = resolveSettings({
    flags: {
      ...(flags.db ? { db: flags.db } : {}),
      ...(flags.dataDir ? { dataDir: flags.dataDir } : {}),
      ...Object.fromEntries(Object.entries(extra).filter(([, value]) => value !== undefined)),
    },
    env: ctx.env,
    cwd: ctx.cwd,
  })
  for (const note of notes) log.warn(note)
  return settings
}

/** Where builds keep their classifier index snapshot: beside the embedded database's folder (`.canon/cache`). */
export function indexCacheDir(settings: RunSettings): string {
  return path.join(path.dirname(settings.dataDir), 'cache')
}

/** Opens the database the settings name; `command` names this process in lock messages. */
export function openFromSettings(settings: RunSettings, command: string, lockTimeoutMs?: number): Promise<CanonDb> {
  return openDatabase({
    ...(settings.databaseUrl ? { url: settings.databaseUrl } : { dataDir: settings.dataDir }),
    command,
    lockTimeoutMs: lockTimeoutMs ?? settings.lockTimeoutSeconds * 1000,
  })
}

/** Runs `work` with the database open, closing it afterwards whatever happens. */
export async function withDatabase<T>(settings: RunSettings, command: string, work: (db: CanonDb) => Promise<T>, lockTimeoutMs?: number): Promise<T> {
  const db = await openFromSettings(settings, command, lockTimeoutMs)
  try {
    return await work(db)
  } finally {
    await db.destroy()
  }
}
