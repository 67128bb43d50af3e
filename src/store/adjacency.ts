// Adjacency in the database: the features kept beside each role version (adjacency_features), each release's
// neighbour lists keyed by role version (release_adjacency) and its possible duplicates (release_duplicates).

import { createHash } from 'node:crypto'
import { sql, type Kysely, type Transaction } from 'kysely'
import type { BulkColumn } from '../db/bulk-insert.js'
import type { Database } from '../db/schema.js'
import { FEATURES_VERSION } from '../adjacency/features.js'
import type { AdjacencyFeatures, Neighbour, PlannedAdjacency, PossibleDuplicate, RoleNeighbours } from '../model/index.js'

/** The signature as text: each value as 8 hex digits (a bigint array would come back as strings anyway). */
export function encodeMinhash(signature: readonly number[]): string {
  return signature.map((value) => value.toString(16).padStart(8, '0')).join('')
}

export function decodeMinhash(text: string): number[] {
  // Digit by digit, without a substring per value: a rebuild decodes every active role's signature.
  const values: number[] = new Array(text.length >> 3)
  for (let i = 0, at = 0; at + 8 <= text.length; i++, at += 8) {
    let value = 0
    for (let d = at; d < at + 8; d++) value = value * 16 + hexDigit(text.charCodeAt(d))
    values[i] = value
  }
  return values
}

/** The value of one hex digit's character code (0-9, a-f, A-F); NaN for any other. */
function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48
  if (c >= 97 && c <= 102) return c - 87
  if (c >= 65 && c <= 70) return c - 55
  return Number.NaN
}

/** An active role of a release as the adjacency stage reads it; `features` null when its version has none kept. */
export interface StoredRoleFeatures {
  code: string
  roleVersionId: number
  features: AdjacencyFeatures | null
}

/**
 * The features of the roles of `release` that are active, or named in `include` (removed roles coming back),
 * leaving out the codes in `exclude` (roles the plan gives a new version or removes).
 */
export async function readReleaseFeatures(
  db: Kysely<Database>,
  release: number,
  options: { exclude: readonly string[]; include: readonly string[] },
): Promise<StoredRoleFeatures[]> {
  const exclude = new Set(options.exclude)
  const rows = await db
    .selectFrom('release_roles as rr')
    .innerJoin('role_versions as rv', 'rv.id', 'rr.role_version_id')
    .leftJoin('adjacency_features as af', 'af.role_version_id', 'rv.id')
    .select([
      'rr.role_code',
      'rr.state',
      'rv.id',
      'rv.title',
      'rv.function',
      'rv.discipline',
      'rv.track',
      'rv.level',
      'af.version as features_version',
      'af.title_key',
      // As JSON: parsed natively, where a text[] of every active role goes through pg's array parser in JavaScript.
      sql<string[] | null>`to_json(af.alias_keys)`.as('alias_keys'),
      'af.soc',
      'af.minhash',
    ])
    .where('rr.release_number', '=', release)
    .where((eb) =>
      options.include.length > 0 ? eb.or([eb('rr.state', '=', 'active'), eb('rr.role_code', 'in', [...options.include])]) : eb('rr.state', '=', 'active'),
    )
    .orderBy('rr.role_code')
    .execute()
  return rows
    .filter((row) => !exclude.has(row.role_code))
    .map((row) => ({
      code: row.role_code,
      roleVersionId: row.id,
      features:
        row.features_version !== FEATURES_VERSION || row.title_key === null || row.minhash === null
          ? null
          : {
              code: row.role_code,
              title: row.title,
              titleKey: row.title_key,
              aliasKeys: row.alias_keys ?? [],
              function: row.function,
              discipline: row.discipline,
              track: row.track,
              level: row.level,
              soc: row.soc,
              minhash: decodeMinhash(row.minhash),
            },
    }))
}

type WriteRows = <Row>(table: string, columns: readonly BulkColumn<Row>[], rows: readonly Row[]) => Promise<number>

const featureColumns: BulkColumn<{ id: number; features: AdjacencyFeatures }>[] = [
  { name: 'role_version_id', type: 'int', value: (row) => row.id },
  { name: 'version', type: 'text', value: () => FEATURES_VERSION },
  { name: 'title_key', type: 'text', value: (row) => row.features.titleKey },
  { name: 'alias_keys', type: 'text[]', value: (row) => row.features.aliasKeys },
  { name: 'soc', type: 'text', value: (row) => row.features.soc },
  { name: 'minhash', type: 'text', value: (row) => encodeMinhash(row.features.minhash) },
]

/**
 * Writes a release's adjacency inside the load's transaction: the features of its new versions (`versionIds`:
 * role code → the id just drawn for its new version), the backfilled features, every active role's neighbours
 * (keyed by the version the release holds; with `unchangedFrom`, the roles not computed keep that release's
 * rows) and its possible duplicates.
 */
export async function writeAdjacency(
  trx: Transaction<Database>,
  write: WriteRows,
  release: number,
  adjacency: PlannedAdjacency,
  versionIds: ReadonlyMap<string, number>,
  baseRelease: number | null,
): Promise<Record<string, number>> {
  const fresh = adjacency.features.flatMap((features) => {
    const id = versionIds.get(features.code)
    return id === undefined ? [] : [{ id, features }]
  })
  const backfill = adjacency.backfill.map((row) => ({ id: row.roleVersionId, features: row.features }))
  // Backfilled versions may hold features of an older version of the code: replaced.
  if (backfill.length > 0)
    await trx
      .deleteFrom('adjacency_features')
      .where(
        'role_version_id',
        'in',
        backfill.map((row) => row.id),
      )
      .execute()
  const features = await write('adjacency_features', featureColumns, [...fresh, ...backfill])
  // The version each role computed holds in this release (written just before, in the same transaction).
  const computed = adjacency.roles.map((role) => role.code)
  const partial = adjacency.unchangedFrom !== undefined
  let held = trx.selectFrom('release_roles').select(['role_code', 'role_version_id']).where('release_number', '=', release)
  if (partial) held = held.where('role_code', '=', sql<string>`any(${computed}::text[])`)
  const versionOf = new Map((await held.execute()).map((row) => [row.role_code, row.role_version_id]))
  const lists = adjacency.roles.filter((role) => versionOf.has(role.code)).map((role) => ({ role, hash: listHash(role.neighbours) }))
  // A role whose version and list are the same as in the base release keeps its row, copied in one statement.
  let baseRows = trx
    .selectFrom('release_adjacency')
    .select(['role_code', 'role_version_id', 'list_hash'])
    .where('release_number', '=', baseRelease ?? -1)
  if (partial) baseRows = baseRows.where('role_code', '=', sql<string>`any(${computed}::text[])`)
  const base = baseRelease === null ? [] : await baseRows.execute()
  const before = new Map(base.map((row) => [row.role_code, row]))
  const same = (entry: (typeof lists)[number]) => {
    const old = before.get(entry.role.code)
    return old !== undefined && old.list_hash === entry.hash && old.role_version_id === versionOf.get(entry.role.code)
  }
  const carried = lists.filter(same).map((entry) => entry.role.code)
  const carriedRows =
    carried.length === 0
      ? 0
      : Number(
          (
            await sql`insert into release_adjacency (release_number, role_code, role_version_id, neighbours, list_hash)
        select ${release}, role_code, role_version_id, neighbours, list_hash from release_adjacency
        where release_number = ${baseRelease} and role_code = any(${carried}::text[])`.execute(trx)
          ).numAffectedRows ?? 0n,
        )
  // An update computed only the roles a change reached (every role with a new version among them): every other
  // role of the base release that is still there keeps its row, version and list.
  const unchanged = adjacency.unchangedFrom
  const unchangedRows =
    unchanged === undefined
      ? 0
      : Number(
          (
            await sql`insert into release_adjacency (release_number, role_code, role_version_id, neighbours, list_hash)
        select ${release}, role_code, role_version_id, neighbours, list_hash from release_adjacency
        where release_number = ${unchanged.from} and not (role_code = any(${[...computed, ...unchanged.gone]}::text[]))`.execute(trx)
          ).numAffectedRows ?? 0n,
        )
  const written = await write(
    'release_adjacency',
    [
      { name: 'release_number', type: 'int', value: () => release },
      { name: 'role_code', type: 'text', value: (row: (typeof lists)[number]) => row.role.code },
      { name: 'role_version_id', type: 'int', value: (row) => versionOf.get(row.role.code)! },
      { name: 'neighbours', type: 'jsonb', value: (row) => row.role.neighbours },
      { name: 'list_hash', type: 'text', value: (row) => row.hash },
    ],
    lists.filter((entry) => !same(entry)),
  )
  const duplicates = await write(
    'release_duplicates',
    [
      { name: 'release_number', type: 'int', value: () => release },
      { name: 'code_a', type: 'text', value: (row: PossibleDuplicate) => row.codes[0] },
      { name: 'code_b', type: 'text', value: (row) => row.codes[1] },
      { name: 'distance', type: 'float8', value: (row) => row.distance },
      { name: 'reason', type: 'text', value: (row) => row.reason },
    ],
    adjacency.duplicates,
  )
  return { adjacency_features: features, release_adjacency: unchangedRows + carriedRows + written, release_duplicates: duplicates }
}

/** The hash a stored list is compared by: SHA-256 of its JSON (the lists are built in one key order). */
function listHash(neighbours: readonly Neighbour[]): string {
  return createHash('sha256').update(JSON.stringify(neighbours)).digest('hex')
}

/** Whether adjacency was computed for `release` (releases published before it existed have none). */
export async function hasReleaseAdjacency(db: Kysely<Database>, release: number): Promise<boolean> {
  const row = await db.selectFrom('release_adjacency').select('role_code').where('release_number', '=', release).limit(1).executeTakeFirst()
  return row !== undefined
}

/** The neighbour lists of a release's roles, in code order. */
export async function readReleaseNeighbours(db: Kysely<Database>, release: number): Promise<RoleNeighbours[]> {
  const rows = await db.selectFrom('release_adjacency').select(['role_code', 'neighbours']).where('release_number', '=', release).orderBy('role_code').execute()
  return rows.map((row) => ({ code: row.role_code, neighbours: row.neighbours as Neighbour[] }))
}

/** The possible duplicates of a release, in code order, with the roles' titles. */
export async function readReleaseDuplicates(db: Kysely<Database>, release: number): Promise<PossibleDuplicate[]> {
  const rows = await db
    .selectFrom('release_duplicates as d')
    .innerJoin('release_roles as ra', (join) => join.onRef('ra.release_number', '=', 'd.release_number').onRef('ra.role_code', '=', 'd.code_a'))
    .innerJoin('role_versions as va', 'va.id', 'ra.role_version_id')
    .innerJoin('release_roles as rb', (join) => join.onRef('rb.release_number', '=', 'd.release_number').onRef('rb.role_code', '=', 'd.code_b'))
    .innerJoin('role_versions as vb', 'vb.id', 'rb.role_version_id')
    .select(['d.code_a', 'd.code_b', 'd.distance', 'd.reason', 'va.title as title_a', 'vb.title as title_b'])
    .where('d.release_number', '=', release)
    .orderBy('d.code_a')
    .orderBy('d.code_b')
    .execute()
  return rows.map((row) => ({ codes: [row.code_a, row.code_b], titles: [row.title_a, row.title_b], distance: row.distance, reason: row.reason }))
}
