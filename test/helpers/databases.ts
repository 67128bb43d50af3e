// Every database test runs on embedded PGlite, and on the Postgres server named by DATABASE_URL. When
// CANON_REQUIRE_SERVER_TESTS=1 (CI) the server tests run even without a URL, and fail: never skipped.

import { readFile } from 'node:fs/promises'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterEach, beforeEach, inject } from 'vitest'
import { migrateToLatest } from '../../src/db/migrate.js'
import { openDatabase, type CanonDb, type OpenDatabaseOptions } from '../../src/db/open.js'

export type TestBackend = 'pglite' | 'postgres'

const serverUrl = process.env['DATABASE_URL']
const serverRequired = process.env['CANON_REQUIRE_SERVER_TESTS'] === '1'

/** The backends this run tests: PGlite always, the server when configured or required. */
export const testBackends: TestBackend[] = serverUrl || serverRequired ? ['pglite', 'postgres'] : ['pglite']

export interface TestDatabase {
  db: CanonDb
  backend: TestBackend
  /** Opens another handle on the same database (a second process, as far as the code can tell). */
  reopen(options?: Partial<OpenDatabaseOptions>): Promise<CanonDb>
  /** Server only: runs SQL on a separate administrative connection (e.g. to terminate a backend). */
  admin(sqlText: string, params?: unknown[]): Promise<pg.QueryResult>
  cleanup(): Promise<void>
}

let counter = 0
let templateBlob: Blob | null = null

async function pgliteTemplate(): Promise<Blob> {
  templateBlob ??= new Blob([await readFile(inject('pgliteTemplate'))])
  return templateBlob
}

/** A clean, migrated database for one test. `onDisk` gives PGlite a data directory (for lock tests). */
export async function createTestDatabase(backend: TestBackend, options: { onDisk?: boolean } = {}): Promise<TestDatabase> {
  if (backend === 'pglite') {
    const template = await pgliteTemplate()
    const dir = options.onDisk ? await mkdtemp(path.join(os.tmpdir(), 'canon-test-')) : null
    const dataDir = dir ? path.join(dir, 'db') : 'memory://'
    const db = await openDatabase({ dataDir, template, lockTimeoutMs: 1_000 })
    return {
      db,
      backend,
      reopen: (extra = {}) => openDatabase({ dataDir, lockTimeoutMs: 1_000, ...extra }),
      admin: () => Promise.reject(new Error('admin connections exist only on the server')),
      async cleanup() {
        await db.destroy()
        if (dir) await rm(dir, { recursive: true, force: true })
      },
    }
  }
  if (!serverUrl) {
    throw new Error('CANON_REQUIRE_SERVER_TESTS=1 but DATABASE_URL is not set: the server tests cannot run')
  }
  const schema = `canon_test_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`
  const adminPool = new pg.Pool({ connectionString: serverUrl, max: 2 })
  adminPool.on('error', () => undefined)
  await adminPool.query(`create schema "${schema}"`)
  const db = await openDatabase({ url: serverUrl, schema })
  await migrateToLatest(db)
  return {
    db,
    backend,
    reopen: (extra = {}) => openDatabase({ url: serverUrl, schema, ...extra }),
    admin: (sqlText, params) => adminPool.query(sqlText, params),
    async cleanup() {
      await db.destroy()
      await adminPool.query(`drop schema "${schema}" cascade`)
      await adminPool.end()
    },
  }
}

/** Gives each test in the enclosing describe a clean migrated database: `const t = useTestDatabase(backend)`. */
export function useTestDatabase(backend: TestBackend, options: { onDisk?: boolean } = {}): { readonly current: TestDatabase; readonly db: CanonDb } {
  let current: TestDatabase | null = null
  beforeEach(async () => {
    current = await createTestDatabase(backend, options)
  })
  afterEach(async () => {
    await current?.cleanup()
    current = null
  })
  return {
    get current() {
      if (!current) throw new Error('the test database exists only inside a test')
      return current
    },
    get db() {
      return this.current.db
    },
  }
}
