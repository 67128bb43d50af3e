import { existsSync } from 'node:fs'
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { ensureTemplate, templateDataDirName, templateFileName } from '../../src/db/embedded-template.js'
import { CanonError } from '../../src/errors.js'
import { pendingMigrations } from '../../src/db/migrate.js'
import { openDatabase } from '../../src/db/open.js'

describe('the embedded database template', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'canon-template-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('starts a new data directory migrated, and keeps the template for the next one', async () => {
    // The template the test run made (global setup), copied in: this test checks its use, not its making.
    const templateDir = path.join(dir, 'cache')
    await mkdir(templateDir)
    await copyFile(inject('pgliteTemplate'), path.join(templateDir, templateFileName()))
    const db = await openDatabase({ dataDir: path.join(dir, 'first'), templateDir })
    try {
      expect(await pendingMigrations(db)).toEqual([])
      await sql`create table kept (note text)`.execute(db)
      await sql`insert into kept values ('kept')`.execute(db)
    } finally {
      await db.destroy()
    }
    // The dump, and the data directory unpacked from it once (a new database is a copy of it).
    expect((await readdir(templateDir)).sort()).toEqual([templateDataDirName(), templateFileName()].sort())

    // The template holds the schema only: a second new database starts empty, and the first keeps its row.
    const second = await openDatabase({ dataDir: path.join(dir, 'second'), templateDir })
    try {
      expect(await pendingMigrations(second)).toEqual([])
      expect((await sql`select to_regclass('kept') as kept`.execute(second)).rows).toEqual([{ kept: null }])
    } finally {
      await second.destroy()
    }
    const reopened = await openDatabase({ dataDir: path.join(dir, 'first'), templateDir })
    try {
      expect((await sql`select note from kept`.execute(reopened)).rows).toEqual([{ note: 'kept' }])
      // The copy leaves out the template's free space and visibility maps; PostgreSQL makes them when it needs them.
      await sql`insert into kept select 'row ' || n from generate_series(1, 2000) n`.execute(reopened)
      await sql`delete from kept where note like 'row 1%'`.execute(reopened)
      await sql`vacuum kept`.execute(reopened)
      const file = (await sql<{ file: string }>`select pg_relation_filepath('kept') as file`.execute(reopened)).rows[0]!.file
      expect(existsSync(path.join(dir, 'first', `${file}_fsm`))).toBe(true)
      expect(existsSync(path.join(dir, 'first', `${file}_vm`))).toBe(true)
      expect((await sql`select count(*)::int as n from kept`.execute(reopened)).rows).toEqual([{ n: 890 }])
    } finally {
      await reopened.destroy()
    }
    const forks = async (root: string): Promise<string[]> =>
      (await readdir(root, { recursive: true })).filter((name) => /_(fsm|vm)(\.\d+)?$/.test(String(name))).map(String)
    expect(await forks(path.join(dir, 'second'))).toEqual([])
    expect((await forks(path.join(templateDir, templateDataDirName()))).length).toBeGreaterThan(100)
  }, 120_000)

  it('is named for the migrations, so a template made before a new migration is never loaded', async () => {
    // A stale template beside the current one's name: opening a new database must not load it.
    await writeFile(path.join(dir, 'pglite-template-0000000000000000.tar.gz'), 'not a database')
    await copyFile(inject('pgliteTemplate'), path.join(dir, templateFileName()))
    const db = await openDatabase({ dataDir: path.join(dir, 'db'), templateDir: dir })
    try {
      expect(await pendingMigrations(db)).toEqual([])
    } finally {
      await db.destroy()
    }
    expect(templateFileName()).toMatch(/^pglite-template-[0-9a-f]{16}\.tar\.gz$/)
    expect(existsSync(path.join(dir, templateFileName()))).toBe(true)
    expect(await ensureTemplate(dir)).toBe(path.join(dir, templateFileName()))
  }, 120_000)

  it('still opens a new database when the template folder cannot be written', async () => {
    const blocked = path.join(dir, 'a-file')
    await writeFile(blocked, '')
    const db = await openDatabase({ dataDir: path.join(dir, 'db'), templateDir: path.join(blocked, 'cache') })
    try {
      expect(await pendingMigrations(db)).toEqual([])
    } finally {
      await db.destroy()
    }
  }, 120_000)

  it('creates a new data directory beside its place and renames it in: a killed creation leaves nothing that breaks the next', async () => {
    const templateDir = path.join(dir, 'cache')
    await mkdir(templateDir)
    await copyFile(inject('pgliteTemplate'), path.join(templateDir, templateFileName()))
    // What a kill during creation leaves now: a half-made folder beside the place, never at it.
    const leftover = path.join(dir, 'db.creating-999999999-dead')
    await mkdir(leftover)
    await writeFile(path.join(leftover, 'PG_VERSION'), '17\n')
    const db = await openDatabase({ dataDir: path.join(dir, 'db'), templateDir })
    try {
      expect(await pendingMigrations(db)).toEqual([])
    } finally {
      await db.destroy()
    }
    expect((await readdir(dir)).sort()).toEqual(['cache', 'db'])
  }, 120_000)

  it('a data directory that cannot be opened gets a clear message and the command that gets past it', async () => {
    // A damaged directory (what a kill during creation left before creation was atomic).
    const broken = path.join(dir, 'db')
    await mkdir(path.join(broken, 'base'), { recursive: true })
    await writeFile(path.join(broken, 'PG_VERSION'), 'garbage')
    const error = await openDatabase({ dataDir: broken, lockTimeoutMs: 1_000 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CanonError)
    expect((error as Error).message).toMatch(
      new RegExp(
        `^the embedded database in ${broken} cannot be opened \\(.*\\); if it is damaged, move it aside \\(mv ${broken} ${broken}\\.broken\\) and run again`,
      ),
    )
    expect(existsSync(`${broken}.lock`)).toBe(false)
  }, 120_000)
})
