// Opens the canon's database: embedded PGlite in a data directory (the default) or a Postgres server by URL.
// Nothing here reads process.env; the CLI passes the URL or directory in.

import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { mkdir, readdir, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import type { PGlite } from '@electric-sql/pglite'
import { Kysely, PostgresDialect, type Dialect } from 'kysely'
import type pg from 'pg'
import { CanonError } from '../errors.js'
import { redactSecrets } from '../log/logger.js'
import { ensureTemplateDataDir, loadTemplate } from './embedded-template.js'
import { acquireFileLock, type FileLock } from './file-lock.js'
import { PGliteDialect } from './pglite-dialect.js'
import { receiptFile, replayJournal } from './run-journal.js'
import type { Database } from './schema.js'

export const defaultDataDir = '.canon/db'

/**
 * PGlite's start parameters with a buffer pool sized to canon's work instead of initdb's 128 MB: PGlite's memory
 * (WebAssembly's, which never shrinks) grew with every page of the buffer pool a build touched, so the embedded
 * database's share of a build's peak grew with the canon (measured 2026-12-07, full builds of 500 and 2,000
 * canon-app pages: 642 and 930 MB). Its files are read through the operating system's cache either way.
 */
const embeddedStartParams = (defaults: readonly string[]) => [...defaults, '-c', 'shared_buffers=16MB']

/** PGlite's module, loaded when an embedded database is opened: a build on a Postgres server never loads it. */
const loadPGlite = () => import('@electric-sql/pglite').then((module) => module.PGlite)

export interface OpenDatabaseOptions {
  /** A Postgres server, e.g. `postgres://user@host:5432/canon`; when absent the embedded database is used. */
  url?: string
  /** The embedded database's data directory (default `.canon/db`), or `memory://` for a throwaway one. */
  dataDir?: string
  /**
   * A dumped PGlite data directory to start from when the directory is new. Default: the migrated template in
   * `templateDir` (see embedded-template.ts), which makes a new embedded database in about a second.
   */
  template?: Blob
  /** Where the embedded database template is kept (default node_modules/.cache/canon in canon's folder). */
  templateDir?: string
  /** Server only: the schema to work in (tests give each file its own). */
  schema?: string
  /** How long to wait for another process holding the embedded database (ms; default 30 s). */
  lockTimeoutMs?: number
  /** Names this process in lock messages and in the server's pg_stat_activity. */
  command?: string
}

export type Backend = 'pglite' | 'postgres'

interface BackendHandles {
  backend: Backend
  /** Where the data lives, safe to print (passwords redacted). */
  location: string
  pool: pg.Pool | null
  /** Server only: the pool's open clients, so a transaction can find its own (COPY needs the raw client). */
  poolClients: Set<pg.PoolClient> | null
  fileLock: FileLock | null
  /** Embedded only: the build running in this process (advisory locks cannot exclude within one session). */
  buildHolder: { runId: number | null } | null
  /** Embedded only: run after the database has closed and before its lock file is released (see `afterClose`). */
  afterClose: (() => Promise<void>)[]
}

/** The canon's database: a Kysely over the schema in `migrations/`, plus what the build lock needs. */
export class CanonDb extends Kysely<Database> {
  readonly backend: Backend
  readonly location: string
  /** @internal used by the build lock */
  readonly handles: BackendHandles

  constructor(dialect: Dialect, handles: BackendHandles) {
    super({ dialect })
    this.backend = handles.backend
    this.location = handles.location
    this.handles = handles
  }

  /**
   * Embedded only: `work` runs once the database has closed (its files written) and before the lock file is
   * released, so no other process can have opened it in between; a failure is reported by `destroy()`.
   */
  afterClose(work: () => Promise<void>): void {
    this.handles.afterClose.push(work)
  }
}

/** Opens the embedded database (default) or the server at `url`; `destroy()` closes it. */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<CanonDb> {
  return options.url ? openServer(options.url, options) : openEmbedded(options.dataDir ?? defaultDataDir, options)
}

async function openServer(url: string, options: OpenDatabaseOptions): Promise<CanonDb> {
  // pg is loaded only for a server: the embedded database does not need its ~30 module files.
  const { default: pg } = await import('pg')
  const pool = new pg.Pool({
    connectionString: url,
    max: 6,
    application_name: options.command ?? 'canon',
    ...(options.schema ? { options: `-c search_path=${quoteIdent(options.schema)}` } : {}),
  })
  // A client that loses its server (terminated backend, restart) must not crash the process with an unhandled
  // 'error' event; the query in flight, or the next one, reports the failure.
  pool.on('error', () => undefined)
  const poolClients = new Set<pg.PoolClient>()
  pool.on('connect', (client) => {
    client.on('error', () => undefined)
    poolClients.add(client)
  })
  pool.on('remove', (client) => poolClients.delete(client))
  const location = redactSecrets(url) + (options.schema ? ` (schema ${options.schema})` : '')
  return new CanonDb(new PostgresDialect({ pool }), {
    backend: 'postgres',
    location,
    pool,
    poolClients,
    fileLock: null,
    buildHolder: null,
    afterClose: [],
  })
}

async function openEmbedded(dataDir: string, options: OpenDatabaseOptions): Promise<CanonDb> {
  const inMemory = dataDir.startsWith('memory://')
  let fileLock: FileLock | null = null
  if (!inMemory) {
    await mkdir(path.dirname(path.resolve(dataDir)), { recursive: true })
    fileLock = await acquireFileLock(`${path.resolve(dataDir)}.lock`, {
      command: options.command ?? 'canon',
      timeoutMs: options.lockTimeoutMs ?? 30_000,
    })
  }
  let pglite: PGlite
  try {
    const dir = path.resolve(dataDir)
    // A new data directory starts from the migrated template, created beside its place and renamed into it: a
    // kill while it is being made leaves no half-made directory (only a `.creating-` folder, removed next time).
    if (!inMemory && !existsSync(dir)) await createEmbedded(dir, options)
    // Whatever this process writes, the no-change receipt (batch/no-change.ts) no longer describes the database.
    if (!inMemory) await rm(receiptFile(dir), { force: true })
    const template = options.template && inMemory ? options.template : undefined
    const PGlite = await loadPGlite()
    pglite = await PGlite.create({
      startParams: embeddedStartParams(PGlite.defaultStartParams),
      ...(inMemory ? {} : { dataDir: dir }),
      ...(template ? { loadDataDir: template } : {}),
    }).catch((error: unknown) => {
      if (inMemory) throw error
      throw new CanonError(
        `the embedded database in ${dataDir} cannot be opened (${error instanceof Error ? error.message : String(error)}); ` +
          `if it is damaged, move it aside (mv ${dataDir} ${dataDir}.broken) and run again: a new one is created and the next build fills it`,
        { cause: error },
      )
    })
    // Runs that builds recorded without opening the database (batch/no-change.ts) go into `runs` first.
    if (!inMemory) {
      await replayJournal(dir, (sql, params) => pglite.query(sql, params)).catch(async (error: unknown) => {
        await pglite.close().catch(() => undefined)
        throw error
      })
    }
  } catch (error) {
    await fileLock?.release()
    throw error
  }
  const afterClose: (() => Promise<void>)[] = []
  const close = async () => {
    try {
      await pglite.close()
      for (const work of afterClose) await work()
    } finally {
      await fileLock?.release()
    }
  }
  return new CanonDb(new PGliteDialect(pglite, close), {
    backend: 'pglite',
    location: inMemory ? 'embedded (in memory)' : `embedded (${dataDir})`,
    pool: null,
    poolClients: null,
    fileLock,
    buildHolder: null,
    afterClose,
  })
}

/** Makes a new embedded data directory at `dir` from the template, atomically (called under the lock file). */
async function createEmbedded(dir: string, options: OpenDatabaseOptions): Promise<void> {
  const parent = path.dirname(dir)
  const prefix = `${path.basename(dir)}.creating-`
  // What a killed creation left: this process holds the lock, so no one else is creating it.
  for (const name of await readdir(parent)) if (name.startsWith(prefix)) await rm(path.join(parent, name), { recursive: true, force: true })
  const staging = path.join(parent, `${prefix}${process.pid}-${randomBytes(4).toString('hex')}`)
  try {
    // A copy of the template's ready data directory when there is one (or it can be made); else PGlite unpacks
    // the dump (a read-only install, or a template given by the caller).
    const ready = options.template ? null : await ensureTemplateDataDir(options.templateDir).catch(() => null)
    if (ready) {
      copyTree(ready, staging)
      await rename(staging, dir)
      return
    }
    const template = options.template ?? (await loadTemplate(options.templateDir))
    const pglite = await (await loadPGlite()).create({ dataDir: staging, loadDataDir: template })
    await pglite.close()
    await rename(staging, dir)
  } catch (error) {
    await rm(staging, { recursive: true, force: true })
    throw error
  }
}

/**
 * Copies the folder `from` (regular files and folders only, as a data directory holds) to `to`, which must not
 * exist. Synchronous on purpose: node's recursive `fs.cp` took 1.5–6 s for the template's 1,054 files on a
 * loaded machine, this 0.4–2 s (`cp -R` 0.3–1.4 s), for a copy made once, under the lock, before anything else.
 */
function copyTree(from: string, to: string): void {
  mkdirSync(to, { mode: statSync(from).mode & 0o777 })
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name)
    const target = path.join(to, entry.name)
    if (entry.isDirectory()) copyTree(source, target)
    // A relation's free space map and visibility map (`_fsm`, `_vm`) are optional forks that PostgreSQL makes
    // when it needs them: left out, a new database is 233 files fewer of the template's 1,054.
    else if (entry.isFile()) {
      if (!OPTIONAL_FORK.test(entry.name)) copyFileSync(source, target)
    } else throw new Error(`${source} is neither a file nor a folder; the database template should hold only those`)
  }
}

/** A relation file's free space map or visibility map fork (`16384_fsm`, `16384_vm`, `16384_vm.1`). */
const OPTIONAL_FORK = /^\d+_(fsm|vm)(\.\d+)?$/

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}
