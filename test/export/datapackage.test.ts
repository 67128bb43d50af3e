// The generic profile's datapackage.json, checked by a validator canon did not write (frictionlessdata's
// datapackage-js: the Frictionless Data Package / Table Schema profiles, types, enums, primary and foreign keys),
// and loaded into a fresh Postgres schema built from its own table schemas.

import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import datapackage from 'datapackage'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { findExportProfile } from '../../src/export/profiles/index.js'
import { exportTargets } from '../../src/export/targets.js'
import { writeExport } from '../../src/export/write-export.js'
import type { ExportMode, ExportRole } from '../../src/model/index.js'
import { readExported, readManifest } from '../helpers/export-csv-files.js'
import { active, roleProfile, snapshot, streamOf } from '../helpers/export-roles.js'
import { testBackends, useTestDatabase } from '../helpers/databases.js'

let out: string
beforeEach(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'canon-datapackage-'))
})
afterEach(async () => {
  await rm(out, { recursive: true, force: true })
})

const versioned = (role: ExportRole, version: number): ExportRole => ({ ...role, version, contentHash: `${String(version).repeat(64)}`.slice(0, 64) })

/** The two active roles are each other's neighbour (job_adjacency.csv), as the build's adjacency stage computes. */
const neighbour = (code: string, title: string): NonNullable<ExportRole['neighbours']>[number] => ({
  code,
  title,
  distance: 0.25,
  band: 'high',
  kind: 'lateral',
})

const roles: ExportRole[] = [
  versioned(
    active(
      roleProfile('AAA.TRK.P2', {
        title: 'Ingénieur·e DevOps, "Plattform" – Zürich',
        summary: 'Line one, with comma\r\nLine two "quoted"',
        components: [
          { kind: 'responsibility', text: 'Same text', tags: ['a,b'] },
          { kind: 'responsibility', text: 'Same text', tags: [] },
        ],
      }),
    ),
    2,
  ),
  versioned(active(roleProfile('EDE.GEN.P3')), 1),
].map((role, i, [a, b]) => ({ ...role, neighbours: [i === 0 ? neighbour(b!.profile.code, b!.profile.title) : neighbour(a!.profile.code, a!.profile.title)] }))
roles.push(versioned({ profile: roleProfile('ZZZ.OLD.P1', { level: null, story: null }), state: 'removed' }, 3))

async function exportGeneric(mode: ExportMode, since: number | null = null, exported: ExportRole[] = roles): Promise<string> {
  const outcomes = await writeExport({
    snapshot,
    roles: streamOf(exported),
    targets: exportTargets({ outDir: out, release: snapshot.release, since, profiles: [findExportProfile('generic')], mode }),
    eol: 'crlf',
    bom: false,
    since,
    now: () => new Date('2026-11-03T00:00:00Z'),
  })
  expect(outcomes.every((o) => o.ok)).toBe(true)
  return path.join(out, 'releases', String(snapshot.release), ...(since === null ? [] : [`since-${since}`]), 'generic')
}

/** Loads the package strictly (profile-valid) and reads every table with types, keys and relations checked. */
async function readPackage(dir: string): Promise<Record<string, Record<string, unknown>[]>> {
  const pkg = await datapackage.Package.load(path.join(dir, 'datapackage.json'), { strict: true })
  expect(pkg.errors).toEqual([])
  expect(pkg.valid).toBe(true)
  const tables: Record<string, Record<string, unknown>[]> = {}
  for (const resource of pkg.resources) {
    // With relations every foreign key must resolve (the row's key becomes the referenced row); read again plain.
    await resource.read({ keyed: true, relations: true })
    tables[resource.name] = await resource.read({ keyed: true })
  }
  return tables
}

describe('datapackage.json', () => {
  it('is a valid tabular data package whose tables read back typed, keyed and related', async () => {
    const dir = await exportGeneric('import')
    const tables = await readPackage(dir)
    const manifest = await readManifest(dir)
    for (const file of manifest.files.filter((f) => f.name.endsWith('.csv'))) expect(tables[file.name.replace('.csv', '')]).toHaveLength(file.rows)
    expect(tables.job_profiles?.map((r) => [r.code, r.role_version, r.state])).toEqual([
      ['AAA.TRK.P2', 2, 'active'],
      ['EDE.GEN.P3', 1, 'active'],
      ['ZZZ.OLD.P1', 3, 'removed'],
    ])
    // Components repeating a role, kind and text are told apart by their ordinal.
    expect(tables.job_components?.filter((r) => r.role_code === 'AAA.TRK.P2').map((r) => [r.ordinal, r.text])).toEqual([
      [1, 'Same text'],
      [2, 'Same text'],
    ])
    expect(tables.job_classifications?.[0]?.evidence).toEqual(['declared on page'])
    // Adjacent roles: typed, and each end resolves to a role of the package (a removed role has none).
    expect(tables.job_adjacency?.map((r) => [r.role_code, r.adjacent_code, r.distance, r.band, r.kind])).toEqual([
      ['AAA.TRK.P2', 'EDE.GEN.P3', 0.25, 'high', 'lateral'],
      ['EDE.GEN.P3', 'AAA.TRK.P2', 0.25, 'high', 'lateral'],
    ])
  })

  it("records the release, the reference vintages, the encoding, the dialect and each file's hash", async () => {
    const dir = await exportGeneric('import')
    const descriptor = JSON.parse(await readFile(path.join(dir, 'datapackage.json'), 'utf8'))
    const manifest = await readManifest(dir)
    expect(descriptor).toMatchObject({
      profile: 'tabular-data-package',
      name: 'canon-release-3',
      version: '3.0.0',
      canon: { release: 3, referenceVintages: manifest.referenceVintages },
    })
    const profiles = descriptor.resources[0]
    expect(profiles).toMatchObject({ path: 'job_profiles.csv', encoding: 'utf-8', dialect: { delimiter: ',', lineTerminator: '\r\n', header: true } })
    expect(profiles.hash).toBe(`sha256:${manifest.files[0]?.sha256}`)
    expect(descriptor.resources.map((r: { schema: { primaryKey: string[] } }) => r.schema.primaryKey)).toEqual([
      ['code'],
      ['role_code', 'key'],
      ['role_code', 'ordinal'],
      ['role_code', 'system', 'code'],
      ['role_code', 'adjacent_code'],
    ])
    const adjacency = descriptor.resources.find((r: { name: string }) => r.name === 'job_adjacency')
    expect(adjacency.schema.foreignKeys).toEqual([
      { fields: ['role_code'], reference: { resource: 'job_profiles', fields: ['code'] } },
      { fields: ['adjacent_code'], reference: { resource: 'job_profiles', fields: ['code'] } },
    ])
    expect(adjacency.schema.fields.find((f: { name: string }) => f.name === 'band').constraints.enum).toEqual(['high', 'medium', 'low'])
    expect(manifest.files.at(-1)).toMatchObject({ name: 'datapackage.json', purpose: 'schema' })
  })

  it("describes a delta's change column, and stays valid", async () => {
    // A neighbour need not be in a delta (only the roles that changed are): its adjacent_code is not a foreign key there.
    const dir = await exportGeneric('import', 2, [{ ...roles[1]!, change: 'changed' }])
    const tables = await readPackage(dir)
    expect(tables.job_profiles?.map((r) => [r.code, r.change])).toEqual([['EDE.GEN.P3', 'changed']])
    expect(tables.job_adjacency?.map((r) => [r.role_code, r.adjacent_code, r.change])).toEqual([['EDE.GEN.P3', 'AAA.TRK.P2', 'changed']])
  })

  it('makes the validator reject a table that breaks its keys (the check is real)', async () => {
    const dir = await exportGeneric('import')
    const manifest = await readManifest(dir)
    /** A copy of the package (every file it lists, so only the edit can fail it) with one file edited. */
    const copyOf = async (name: string, file: string, edit: (text: string) => string): Promise<string> => {
      const copy = path.join(out, name)
      await mkdir(copy)
      for (const f of manifest.files) await copyFile(path.join(dir, f.name), path.join(copy, f.name))
      await writeFile(path.join(copy, file), edit(await readFile(path.join(copy, file), 'utf8')))
      return copy
    }
    const brokenCopy = (name: string, file: string, edit: (text: string) => string) =>
      copyOf(name, file, (text) => {
        const edited = edit(text)
        expect(edited, `${name}: the edit applies`).not.toBe(text)
        return edited
      })
    // The copy as written is valid (so what fails below is the edit, not the copy).
    await expect(readPackage(await copyOf('intact', 'job_adjacency.csv', (t) => t))).resolves.toBeDefined()
    await expect(readPackage(await brokenCopy('components', 'job_components.csv', (t) => t.replace('EDE.GEN.P3,1,', 'NOT.A.ROLE,1,')))).rejects.toThrow()
    await expect(readPackage(await brokenCopy('adjacency', 'job_adjacency.csv', (t) => t.replace(',AAA.TRK.P2,', ',NOT.A.ROLE,')))).rejects.toThrow()
  })
})

/** The Postgres column type for a Table Schema field type. */
const columnType: Record<string, string> = { string: 'text', number: 'double precision', integer: 'bigint', boolean: 'boolean', array: 'jsonb' }

interface TableSchema {
  fields: { name: string; type: string; constraints?: { required?: boolean; enum?: string[] } }[]
  primaryKey: string[]
  foreignKeys?: { fields: string[]; reference: { resource: string; fields: string[] } }[]
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`

describe.each(testBackends)('the generic package loaded into a fresh schema by its own table schemas, on %s', (backend) => {
  const t = useTestDatabase(backend)

  it('creates every table with its types, keys and foreign keys, and holds every row as exported', async () => {
    const dir = await exportGeneric('import')
    const descriptor = JSON.parse(await readFile(path.join(dir, 'datapackage.json'), 'utf8')) as {
      resources: { name: string; path: string; schema: TableSchema }[]
    }
    const schema = 'canon_package'
    // The schema is outside the ones the test database resets: dropped before (a run that failed midway left
    // it) and at the end.
    await sql.raw(`drop schema if exists ${schema} cascade`).execute(t.db)
    await sql.raw(`create schema ${schema}`).execute(t.db)
    for (const resource of descriptor.resources) {
      const columns = resource.schema.fields.map((f) => {
        const checks = f.constraints?.enum ? ` check (${quoted(f.name)} in (${f.constraints.enum.map((v) => `'${v}'`).join(', ')}))` : ''
        return `${quoted(f.name)} ${columnType[f.type]}${f.constraints?.required ? ' not null' : ''}${checks}`
      })
      const keys = [`primary key (${resource.schema.primaryKey.map(quoted).join(', ')})`]
      for (const fk of resource.schema.foreignKeys ?? []) {
        keys.push(
          `foreign key (${fk.fields.map(quoted).join(', ')}) references ${schema}.${fk.reference.resource} (${fk.reference.fields.map(quoted).join(', ')})`,
        )
      }
      await sql.raw(`create table ${schema}.${resource.name} (${[...columns, ...keys].join(', ')})`).execute(t.db)

      const parsed = await readExported(path.join(dir, resource.path))
      for (const record of parsed.records) {
        const values = resource.schema.fields.map((f) => {
          const text = record[f.name] ?? ''
          if (text === '') return null
          return f.type === 'integer' || f.type === 'number' ? Number(text) : f.type === 'boolean' ? text === 'true' : text
        })
        const cells = values.map((v, i) => (resource.schema.fields[i]?.type === 'array' ? sql`${v}::jsonb` : sql`${v}`))
        await sql`insert into ${sql.table(`${schema}.${resource.name}`)} values (${sql.join(cells)})`.execute(t.db)
      }
      const count = await sql<{ n: string }>`select count(*)::text as n from ${sql.table(`${schema}.${resource.name}`)}`.execute(t.db)
      expect(count.rows[0]?.n, resource.name).toBe(String(parsed.records.length))
    }
    const joined = await sql<{ code: string; n: string }>`
      select p.code, count(c.*)::text as n from canon_package.job_profiles p left join canon_package.job_components c on c.role_code = p.code
      group by p.code order by p.code collate "C"`.execute(t.db)
    expect(joined.rows.map((r) => [r.code, Number(r.n)])).toEqual(roles.map((r) => [r.profile.code, r.profile.components.length]))
    // The foreign keys are real: a component of an unknown role, or a neighbour that is no role, is refused.
    await expect(sql`insert into canon_package.job_components (role_code, ordinal, text) values ('NOT.A.ROLE', 1, 'x')`.execute(t.db)).rejects.toThrow()
    const adjacency = await sql<{ n: string }>`select count(*)::text as n from canon_package.job_adjacency`.execute(t.db)
    expect(adjacency.rows[0]?.n).toBe('2')
    await expect(
      sql`insert into canon_package.job_adjacency (role_code, adjacent_code, distance, band, kind) values ('AAA.TRK.P2', 'NOT.A.ROLE', 0.5, 'low', 'related')`.execute(
        t.db,
      ),
    ).rejects.toThrow()
    await sql.raw(`drop schema ${schema} cascade`).execute(t.db)
  })
})
