import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { migrateToLatest } from '../../src/db/migrate.js'
import { testBackends, useTestDatabase } from '../helpers/databases.js'

describe.each(testBackends)('the database schema on %s', (backend) => {
  const t = useTestDatabase(backend)

  it('is already current after the test helper migrated it: a second migration applies nothing', async () => {
    expect(await migrateToLatest(t.db)).toEqual({ applied: [] })
  })

  it('has the tables operators rely on, by name', async () => {
    const tables = await t.db.introspection.getTables()
    expect(tables.map((table) => table.name)).toEqual(
      expect.arrayContaining([
        'releases',
        'roles',
        'role_versions',
        'release_roles',
        'components',
        'aliases',
        'classifications',
        'soc_occupations',
        'decisions',
        'runs',
        'quarantine',
        'pages',
      ]),
    )
  })

  it('refuses two versions of one role with the same number, and one alias twice in a role version', async () => {
    const run = await t.db.insertInto('runs').values({ status: 'running' }).returning('id').executeTakeFirstOrThrow()
    await t.db
      .insertInto('releases')
      .values({ number: 1, run_id: run.id, active_count: 1, removed_count: 0, unchanged_count: 0, added_count: 1, changed_count: 0, newly_removed_count: 0 })
      .execute()
    await t.db.insertInto('roles').values({ code: 'EDE.GEN.P3', first_release: 1 }).execute()
    const version = {
      role_code: 'EDE.GEN.P3',
      version: 1,
      content_hash: 'a'.repeat(64),
      profile: JSON.stringify({ code: 'EDE.GEN.P3' }),
      title: 'DevOps Engineer',
      function: null,
      discipline: null,
      track: null,
      level: 'P3',
      status: 'draft',
      created_release: 1,
    }
    const { id } = await t.db.insertInto('role_versions').values(version).returning('id').executeTakeFirstOrThrow()
    await expect(
      t.db
        .insertInto('role_versions')
        .values({ ...version, content_hash: 'b'.repeat(64) })
        .execute(),
    ).rejects.toThrow(/role_versions_one_number/)
    const alias = {
      role_version_id: id,
      key: 'devops engineer',
      text: 'DevOps Engineer',
      type: 'common',
      confidence: 0.7,
      band: 'medium',
      approved: false,
      variants: [],
    }
    await t.db
      .insertInto('aliases')
      .values({ ...alias, ordinal: 0 })
      .execute()
    await expect(
      t.db
        .insertInto('aliases')
        .values({ ...alias, ordinal: 1 })
        .execute(),
    ).rejects.toThrow(/aliases_once_per_version/)
  })

  it('refuses a role version of a role that does not exist', async () => {
    const run = await t.db.insertInto('runs').values({ status: 'running' }).returning('id').executeTakeFirstOrThrow()
    await t.db
      .insertInto('releases')
      .values({ number: 1, run_id: run.id, active_count: 0, removed_count: 0, unchanged_count: 0, added_count: 0, changed_count: 0, newly_removed_count: 0 })
      .execute()
    const insert = sql`insert into role_versions (role_code, version, content_hash, profile, title, status, created_release)
      values ('NOPE', 1, ${'c'.repeat(64)}, '{}'::jsonb, 'x', 'draft', 1)`
    await expect(insert.execute(t.db)).rejects.toThrow(/foreign key/)
  })
})

describe('the embedded database dialect', () => {
  const t = useTestDatabase('pglite')

  it('keeps a write made outside a transaction when a concurrent transaction rolls back', async () => {
    const rolledBack = t.db.transaction().execute(async (trx) => {
      await trx.insertInto('runs').values({ status: 'running', error: 'inside' }).execute()
      await new Promise((resolve) => setTimeout(resolve, 50))
      throw new Error('abandon the transaction')
    })
    const outside = t.db.insertInto('runs').values({ status: 'failed', error: 'outside' }).execute()
    await expect(rolledBack).rejects.toThrow('abandon the transaction')
    await outside
    const rows = await t.db.selectFrom('runs').select('error').execute()
    expect(rows).toEqual([{ error: 'outside' }])
  })

  it('reports how many rows an update changed', async () => {
    await t.db
      .insertInto('runs')
      .values([{ status: 'running' }, { status: 'running' }, { status: 'failed' }])
      .execute()
    const result = await t.db.updateTable('runs').set({ status: 'abandoned' }).where('status', '=', 'running').executeTakeFirstOrThrow()
    expect(result.numUpdatedRows).toBe(2n)
  })
})
