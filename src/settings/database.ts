// Opening the canon's database that resolved settings name: the server at `databaseUrl`, or the embedded
// database in `dataDir`.

import { existsSync } from 'node:fs'
import type { CanonDb } from '../db/open.js'
import type { RunSettings } from './settings.js'

/** Opens the database the settings name; `command` names this process in lock messages. */
export async function openCanonDatabase(settings: RunSettings, command: string, lockTimeoutMs?: number): Promise<CanonDb> {
  // Loaded on use: PGlite and kysely are ~300 module files, and `canon build` with nothing changed needs neither.
  const { openDatabase } = await import('../db/open.js')
  return openDatabase({
    ...(settings.databaseUrl ? { url: settings.databaseUrl } : { dataDir: settings.dataDir }),
    command,
    lockTimeoutMs: lockTimeoutMs ?? settings.lockTimeoutSeconds * 1000,
  })
}

/** Runs `work` with the database open, closing it afterwards whatever happens. */
export async function withCanonDatabase<T>(settings: RunSettings, command: string, work: (db: CanonDb) => Promise<T>, lockTimeoutMs?: number): Promise<T> {
  const db = await openCanonDatabase(settings, command, lockTimeoutMs)
  try {
    return await work(db)
  } finally {
    await db.destroy()
  }
}

/** Whether the settings name an embedded database that does not exist yet (nothing was ever built there). */
export function isNewEmbeddedDatabase(settings: RunSettings): boolean {
  return settings.databaseUrl === null && !existsSync(settings.dataDir)
}
