// A migrated PGlite data directory, dumped once and cached on disk: a fresh embedded database costs ≈7 s,
// loading this template ≈1 s. The cache key is the migration list, so a new migration makes a new template.

import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { Kysely } from 'kysely'
import { migrateToLatest, migrations } from '../../src/db/migrate.js'
import { PGliteDialect } from '../../src/db/pglite-dialect.js'

const cacheDir = path.resolve('node_modules/.cache/canon-test')

/** The template's path; created (and migrated) when it does not exist yet. */
export async function ensurePgliteTemplate(): Promise<string> {
  const key = createHash('sha256').update(Object.keys(migrations).join('\n')).update(String(migrationSources())).digest('hex').slice(0, 16)
  const file = path.join(cacheDir, `pglite-template-${key}.tar.gz`)
  try {
    await readFile(file)
    return file
  } catch {
    // Not cached yet.
  }
  const pglite = await PGlite.create()
  const db = new Kysely<any>({ dialect: new PGliteDialect(pglite) })
  await migrateToLatest(db)
  const dump = await pglite.dumpDataDir('gzip')
  await db.destroy()
  await mkdir(cacheDir, { recursive: true })
  const draft = `${file}.${process.pid}`
  await writeFile(draft, Buffer.from(await dump.arrayBuffer()))
  await rename(draft, file)
  return file
}

// The migrations' code, so editing an unlanded migration during development also refreshes the template.
function migrationSources(): string {
  return Object.values(migrations)
    .map((migration) => migration.up.toString())
    .join('\n')
}
