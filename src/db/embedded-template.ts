// A migrated PGlite data directory, dumped once and kept under node_modules/.cache/canon: creating an embedded
// database in a data directory costs several seconds (initdb writing through the file system), loading this dump
// about one. `npm install` makes it (the `prepare` script); a new embedded database made without it makes it
// first, in memory, which is still faster than initdb on disk. The key is PGlite's version and the migrations,
// so a new migration or a PGlite upgrade makes a new template and an old one is never loaded.

import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Kysely } from 'kysely'
import { migrateToLatest, migrations } from './migrate.js'
import { PGliteDialect } from './pglite-dialect.js'
import { packageRoot } from '../package-info.js'

/** Where the template lives by default: the package's node_modules/.cache/canon (removed by `npm ci`). */
export function defaultTemplateDir(): string {
  return path.join(packageRoot(), 'node_modules', '.cache', 'canon')
}

/** The template's file name for this PGlite and these migrations. */
export function templateFileName(): string {
  const hash = createHash('sha256')
  hash.update(pgliteVersion())
  for (const [name, migration] of Object.entries(migrations)) hash.update(`\0${name}\0${migration.up.toString()}`)
  return `pglite-template-${hash.digest('hex').slice(0, 16)}.tar.gz`
}

function pgliteVersion(): string {
  const manifest = path.join(packageRoot(), 'node_modules', '@electric-sql', 'pglite', 'package.json')
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

/** Makes the template in `dir` unless it is there; returns its path. Safe when several processes race. */
export async function ensureTemplate(dir: string = defaultTemplateDir()): Promise<string> {
  const file = path.join(dir, templateFileName())
  if (existsSync(file)) return file
  const dump = await dumpMigratedDatabase()
  await mkdir(dir, { recursive: true })
  const draft = `${file}.${process.pid}.partial`
  try {
    await writeFile(draft, dump)
    await rename(draft, file)
  } finally {
    await rm(draft, { force: true })
  }
  return file
}

/**
 * The template's contents for a new embedded database: read from `dir`, made there first when missing. When the
 * folder cannot be written (a read-only install) the dump made in memory is used once and not kept.
 */
export async function loadTemplate(dir: string = defaultTemplateDir()): Promise<Blob> {
  const file = path.join(dir, templateFileName())
  if (existsSync(file)) return new Blob([await readFile(file)])
  try {
    return new Blob([await readFile(await ensureTemplate(dir))])
  } catch {
    return new Blob([await dumpMigratedDatabase()])
  }
}

/** The template's ready data directory's name: the dump's, without the archive suffix. */
export function templateDataDirName(): string {
  return templateFileName().replace(/\.tar\.gz$/, '.pgdata')
}

/**
 * The template unpacked once into a data directory in `dir` (made from the dump, itself made when missing); a
 * new embedded database is a copy of it, which spares PGlite's unpacking and a start and stop of the database
 * (about 2 s of CPU). Never opened itself. Safe when several processes race; returns its path.
 */
export async function ensureTemplateDataDir(dir: string = defaultTemplateDir()): Promise<string> {
  const target = path.join(dir, templateDataDirName())
  if (existsSync(target)) return target
  const dump = new Blob([await readFile(await ensureTemplate(dir))])
  const staging = `${target}.${process.pid}.partial`
  try {
    const { PGlite } = await import('@electric-sql/pglite')
    const pglite = await PGlite.create({ dataDir: staging, loadDataDir: dump })
    await pglite.close()
    await rename(staging, target).catch((error: unknown) => {
      if (!existsSync(target)) throw error
    })
  } finally {
    await rm(staging, { recursive: true, force: true })
  }
  return target
}

async function dumpMigratedDatabase(): Promise<Buffer> {
  // PGlite is loaded where a database is made: a build on a Postgres server never loads it.
  const { PGlite } = await import('@electric-sql/pglite')
  const pglite = await PGlite.create()
  const db = new Kysely<any>({ dialect: new PGliteDialect(pglite) })
  try {
    await migrateToLatest(db)
    const dump = await pglite.dumpDataDir('gzip')
    return Buffer.from(await dump.arrayBuffer())
  } finally {
    await db.destroy()
  }
}

// `node dist/src/db/embedded-template.js` (the `prepare` script) makes the template at install time.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureTemplate()
    .then(() => ensureTemplateDataDir())
    .then(
      (file) => console.log(`canon: embedded database template ready (${path.relative(process.cwd(), file)})`),
      (error: unknown) => {
        // Not fatal: a new embedded database makes the template when it needs one.
        console.warn(`canon: could not prepare the embedded database template: ${error instanceof Error ? error.message : String(error)}`)
      },
    )
}
