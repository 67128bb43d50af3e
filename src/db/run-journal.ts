// Files kept beside an embedded data directory for builds that change nothing (see pipeline/no-change.ts):
// - the receipt (`<dataDir>.no-change.json`): what the database held when it was last closed, with a stamp of
//   its files; a build proves "nothing changed" from it without starting the database;
// - the run journal (`<dataDir>.runs-pending.jsonl`): the run records of such builds, one JSON line each,
//   written into `runs` by the next process that opens the database, before anything else reads it.
// Opening the database removes the receipt first (whatever that process writes, the receipt no longer
// describes it), under the data directory's lock file.

import { createHash } from 'node:crypto'
import { existsSync, lstatSync, readdirSync } from 'node:fs'
import { appendFile, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import type { Quarantined } from '../model/index.js'

/** A build's run record as the runs table would hold it, with its quarantine rows. */
export interface JournaledRun {
  id: number
  startedAt: string
  finishedAt: string
  status: 'unchanged'
  baseRelease: number | null
  options: Record<string, unknown>
  counts: Record<string, number>
  staleDecisions: unknown[]
  quarantined: Quarantined[]
}

/** The receipt's file for the data directory `dataDir`. */
export function receiptFile(dataDir: string): string {
  return `${path.resolve(dataDir)}.no-change.json`
}

/** The run journal's file for the data directory `dataDir`. */
export function journalFile(dataDir: string): string {
  return `${path.resolve(dataDir)}.runs-pending.jsonl`
}

/**
 * A stamp of every file and folder under `dir`: relative path, type, size, modification time (nanoseconds)
 * and inode. PostgreSQL writes through files, so any write, any start (postmaster.pid) or a directory put back
 * from a backup changes it.
 */
export async function stampDataDir(dir: string): Promise<string> {
  // Synchronous calls: a thousand stats in a row cost a few milliseconds this way, a tenth of a second or more
  // through the thread pool on a loaded machine.
  const hash = createHash('sha256')
  const walk = (relative: string): void => {
    const entries = readdirSync(path.join(dir, relative), { withFileTypes: true })
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const entry of entries) {
      const name = path.join(relative, entry.name)
      const stat = lstatSync(path.join(dir, name), { bigint: true })
      hash.update(`${name}\0${entry.isDirectory() ? 'd' : 'f'}\0${stat.size}\0${stat.mtimeNs}\0${stat.ino}\n`)
      if (entry.isDirectory()) walk(name)
    }
  }
  const root = lstatSync(dir, { bigint: true })
  hash.update(`.\0${root.mtimeNs}\0${root.ino}\n`)
  walk('')
  return hash.digest('hex')
}

/** Adds a run to the journal (call under the data directory's lock). */
export async function journalRun(dataDir: string, run: JournaledRun): Promise<void> {
  await appendFile(journalFile(dataDir), `${JSON.stringify(run)}\n`)
}

/** The journal's runs (none when there is no journal); a line cut short by a kill is skipped. */
export async function readJournal(dataDir: string): Promise<JournaledRun[]> {
  const file = journalFile(dataDir)
  if (!existsSync(file)) return []
  const runs: JournaledRun[] = []
  for (const line of (await readFile(file, 'utf8')).split('\n')) {
    if (line.trim() === '') continue
    try {
      runs.push(JSON.parse(line) as JournaledRun)
    } catch {
      // The last line of a journal whose writer was killed mid-write: that build never reported its end.
    }
  }
  return runs
}

/** Something that runs one SQL statement with parameters (PGlite's query). */
export type RunSql = (sql: string, params?: unknown[]) => Promise<unknown>

/**
 * Writes the journal's runs into `runs` and `quarantine` (in one transaction; a run already there, from a
 * replay whose journal removal was cut short, is skipped), moves the runs' id sequence past them, and removes
 * the journal. Call right after opening, under the lock, before anything reads the runs.
 */
export async function replayJournal(dataDir: string, query: RunSql): Promise<number> {
  const runs = await readJournal(dataDir)
  if (runs.length > 0) {
    await query('begin')
    try {
      for (const run of runs) {
        const inserted = (await query(
          `insert into runs (id, started_at, finished_at, status, base_release, options, counts, stale_decisions, error)
           values ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8::jsonb, null) on conflict (id) do nothing returning id`,
          [
            run.id,
            run.startedAt,
            run.finishedAt,
            run.status,
            run.baseRelease,
            JSON.stringify(run.options),
            JSON.stringify(run.counts),
            JSON.stringify(run.staleDecisions),
          ],
        )) as { rows: unknown[] }
        if (inserted.rows.length === 0) continue
        for (const item of run.quarantined) {
          await query('insert into quarantine (run_id, file, stage, message) values ($1, $2, $3, $4)', [run.id, item.file, item.stage, item.message])
        }
      }
      await query(`select setval(pg_get_serial_sequence('runs', 'id'), greatest((select max(id) from runs), (select last_value from runs_id_seq)))`)
      await query('commit')
    } catch (error) {
      await query('rollback').catch(() => undefined)
      throw error
    }
  }
  await rm(journalFile(dataDir), { force: true })
  return runs.length
}
