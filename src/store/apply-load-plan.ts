// Applies a LoadPlan in one transaction: the release row, new roles and role versions with their components,
// aliases and classifications, the release's membership, the page cache, and, as the very last statement,
// the release marked current. A failure anywhere rolls all of it back: the previous release stays current.

import { sql, type Kysely, type Transaction } from 'kysely'
import { CanonError } from '../errors.js'
import type { Database } from '../db/schema.js'
import type { LoadPlan, PlannedVersion, RoleProfile, SocOccupationRow } from '../model/index.js'
import { writeAdjacency } from './adjacency.js'
import { recordFileDecisions } from './decisions.js'
import { CanonDb } from '../db/open.js'
import { sessionClientOf } from '../db/session-client.js'
import { bulkInsert, type BulkColumn } from '../db/bulk-insert.js'

export interface ApplyOptions {
  /** The run publishing the release (recorded on the release and the run). */
  runId: number
  /** Called inside the transaction just before the release is marked current (tests stop a load here). */
  beforeCommit?: (trx: Transaction<Database>) => Promise<void>
}

export interface ApplyResult {
  /** The release now current, or null when the plan changed nothing. */
  published: number | null
  /** Rows written per table. */
  rows: Record<string, number>
  /** Time spent writing each table, ms. */
  durationsMs: Record<string, number>
}

/**
 * Writes rows into a table inside the load's transaction: COPY on a server, set-based inserts on PGlite. Rows may
 * come from a generator (read once, as COPY writes them; the embedded database's inserts take them as an array).
 */
type WriteRows = <Row>(table: string, columns: readonly BulkColumn<Row>[], rows: Iterable<Row>) => Promise<number>

/** The current release moved since the plan was made: the plan is stale, nothing was written. */
export class StalePlanError extends CanonError {}

/** Writes `plan` in one transaction and marks its release current last. */
export async function applyLoadPlan(db: Kysely<Database>, plan: LoadPlan, options: ApplyOptions): Promise<ApplyResult> {
  const result = await writePlan(db, plan, options)
  // Every release adds a membership row per role, which the planner's statistics do not know until analysed:
  // the next build's lookups by release would take a nested loop over all of them. Cheap (a few ms) next to a
  // load; the alias table only after large loads (its statistics cost more and move less).
  if (result.published !== null) {
    await sql`analyze release_roles`.execute(db)
    if ((result.rows['aliases'] ?? 0) >= ANALYZE_ALIASES_AFTER) await sql`analyze aliases`.execute(db)
  }
  return result
}

/** New alias rows from which a load refreshes the alias table's statistics. */
const ANALYZE_ALIASES_AFTER = 5_000

function writePlan(db: Kysely<Database>, plan: LoadPlan, options: ApplyOptions): Promise<ApplyResult> {
  return db.transaction().execute(async (trx) => {
    const rows: Record<string, number> = {}
    const durationsMs: Record<string, number> = {}
    const copyClient = db instanceof CanonDb ? await sessionClientOf(db, trx) : null
    // COPY (pg-copy-streams) is a server's only: the embedded database inserts in bulk without loading it.
    const copyRows = copyClient ? (await import('../db/copy-rows.js')).copyRows : null
    const write: WriteRows = async (table, columns, items) => {
      const began = performance.now()
      const written =
        copyClient && copyRows
          ? await copyRows(copyClient, table, columns, items)
          : await bulkInsert(trx, table, columns, Array.isArray(items) ? items : [...items])
      durationsMs[table] = (durationsMs[table] ?? 0) + Math.round(performance.now() - began)
      return written
    }
    const current = await sql<{ number: number }>`select number from releases where is_current for update`.execute(trx)
    const currentNumber = current.rows[0]?.number ?? null
    if (currentNumber !== plan.baseRelease) {
      throw new StalePlanError(
        `the plan was made against release ${plan.baseRelease ?? 'none'} but release ${currentNumber ?? 'none'} is current now; run the build again`,
      )
    }
    if (plan.release !== null) Object.assign(rows, await writeRelease(trx, write, plan, plan.release, options.runId))
    rows['pages'] = await writePageCache(trx, write, plan, options.runId)
    rows['decisions'] = await recordFileDecisions(trx, plan.fileDecisions)
    if (plan.socOccupations) rows['soc_occupations'] = await writeSocOccupations(trx, write, plan.socOccupations)
    await options.beforeCommit?.(trx)
    if (plan.release !== null) {
      await trx.updateTable('runs').set({ release_number: plan.release }).where('id', '=', options.runId).execute()
      // Last: the flip that makes the new release the one everybody reads.
      await sql`update releases set is_current = (number = ${plan.release}) where is_current or number = ${plan.release}`.execute(trx)
    }
    return { published: plan.release, rows, durationsMs }
  })
}

async function writeRelease(trx: Transaction<Database>, write: WriteRows, plan: LoadPlan, release: number, runId: number): Promise<Record<string, number>> {
  const base = plan.baseRelease ?? -1
  const count = (change: PlannedVersion['change']) => plan.versions.filter((version) => version.change === change).length
  const baseCounts = await sql<{ active: number; removed: number }>`
    select count(*) filter (where state = 'active')::int as active, count(*) filter (where state = 'removed')::int as removed
    from release_roles where release_number = ${base}`.execute(trx)
  const before = baseCounts.rows[0] ?? { active: 0, removed: 0 }
  const added = count('added')
  const back = count('restored') + plan.reactivated.length
  await trx
    .insertInto('releases')
    .values({
      number: release,
      run_id: runId,
      active_count: before.active + added + back - plan.removals.length,
      removed_count: before.removed - back + plan.removals.length,
      unchanged_count: plan.unchanged,
      added_count: added,
      changed_count: count('changed') + back,
      newly_removed_count: plan.removals.length,
    })
    .execute()

  const newCodes = plan.versions.filter((version) => version.change === 'added').map((version) => version.code)
  await write(
    'roles',
    [
      { name: 'code', type: 'text', value: (code: string) => code },
      { name: 'first_release', type: 'int', value: () => release },
    ],
    newCodes,
  )

  // Ids are drawn from the sequence first, so the versions' parts can be written without reading anything back.
  const ids = await sql<{ id: number }>`
    select nextval(pg_get_serial_sequence('role_versions', 'id'))::int as id from generate_series(1, ${plan.versions.length}::int)`.execute(trx)
  const versions = plan.versions.map((version, index) => ({ id: ids.rows[index]!.id, version }))
  await write('role_versions', versionColumns(release), versions)
  // The versions' parts, a row at a time as COPY writes them (not arrays of every row of the release).
  const components = partsOf(versions, (profile) => profile.components)
  const aliases = partsOf(versions, (profile) => profile.aliases)
  const classifications = partsOf(versions, (profile) => profile.classifications)
  const componentRows = await write(
    'components',
    [
      { name: 'role_version_id', type: 'int', value: (row: PartRow<RoleProfile['components'][number]>) => row.id },
      { name: 'ordinal', type: 'int', value: (row) => row.ordinal },
      { name: 'kind', type: 'text', value: (row) => row.item.kind },
      { name: 'text', type: 'text', value: (row) => row.item.text },
      { name: 'tags', type: 'text[]', value: (row) => row.item.tags },
    ],
    components,
  )
  const aliasRows = await write(
    'aliases',
    [
      { name: 'role_version_id', type: 'int', value: (row: PartRow<RoleProfile['aliases'][number]>) => row.id },
      { name: 'ordinal', type: 'int', value: (row) => row.ordinal },
      { name: 'key', type: 'text', value: (row) => row.item.key },
      { name: 'text', type: 'text', value: (row) => row.item.text },
      { name: 'type', type: 'text', value: (row) => row.item.type },
      { name: 'confidence', type: 'float8', value: (row) => row.item.confidence },
      { name: 'band', type: 'text', value: (row) => row.item.band },
      { name: 'approved', type: 'bool', value: (row) => row.item.approved },
      { name: 'variants', type: 'text[]', value: (row) => row.item.variants },
    ],
    aliases,
  )
  const classificationRows = await write(
    'classifications',
    [
      { name: 'role_version_id', type: 'int', value: (row: PartRow<RoleProfile['classifications'][number]>) => row.id },
      { name: 'ordinal', type: 'int', value: (row) => row.ordinal },
      { name: 'system', type: 'text', value: (row) => row.item.system },
      { name: 'code', type: 'text', value: (row) => row.item.code },
      { name: 'title', type: 'text', value: (row) => row.item.title },
      { name: 'source', type: 'text', value: (row) => row.item.source },
      { name: 'confidence', type: 'float8', value: (row) => row.item.confidence },
      { name: 'review_status', type: 'text', value: (row) => row.item.reviewStatus },
      { name: 'evidence', type: 'text[]', value: (row) => row.item.evidence },
    ],
    classifications,
  )

  // Membership: the base release's rows for untouched roles, copied in one statement, then the touched ones.
  const touched = [...plan.versions.map((version) => version.code), ...plan.removals.map((role) => role.code), ...plan.reactivated.map((role) => role.code)]
  const carried = await sql`
    insert into release_roles (release_number, role_code, role_version_id, state)
    select ${release}, role_code, role_version_id, state from release_roles
    where release_number = ${base} and not (role_code = any(${touched}::text[]))`.execute(trx)
  await write(
    'release_roles',
    [
      { name: 'release_number', type: 'int', value: () => release },
      { name: 'role_code', type: 'text', value: (row: (typeof versions)[number]) => row.version.code },
      { name: 'role_version_id', type: 'int', value: (row) => row.id },
      { name: 'state', type: 'text', value: () => 'active' },
    ],
    versions,
  )
  for (const [state, roles] of [
    ['removed', plan.removals],
    ['active', plan.reactivated],
  ] as const) {
    if (roles.length === 0) continue
    await sql`
      insert into release_roles (release_number, role_code, role_version_id, state)
      select ${release}, role_code, role_version_id, ${state} from release_roles
      where release_number = ${base} and role_code = any(${roles.map((role) => role.code)}::text[])`.execute(trx)
  }
  const adjacency = plan.adjacency
    ? await writeAdjacency(trx, write, release, plan.adjacency, new Map(versions.map(({ id, version }) => [version.code, id])), plan.baseRelease)
    : {}
  return {
    ...adjacency,
    roles: newCodes.length,
    role_versions: versions.length,
    components: componentRows,
    aliases: aliasRows,
    classifications: classificationRows,
    release_roles: Number(carried.numAffectedRows ?? 0n) + plan.versions.length + plan.removals.length + plan.reactivated.length,
  }
}

/** A row of one of a role version's parts (component, alias, classification): its version's id and its place. */
interface PartRow<Item> {
  id: number
  ordinal: number
  item: Item
}

/** The rows of one part of every version, in version order then part order, made as they are read. */
function* partsOf<Item>(
  versions: readonly { id: number; version: PlannedVersion }[],
  part: (profile: RoleProfile) => readonly Item[],
): Iterable<PartRow<Item>> {
  for (const { id, version } of versions) {
    const items = part(version.profile)
    for (let ordinal = 0; ordinal < items.length; ordinal++) yield { id, ordinal, item: items[ordinal]! }
  }
}

function versionColumns(release: number): BulkColumn<{ id: number; version: PlannedVersion }>[] {
  return [
    { name: 'id', type: 'int', value: (row) => row.id },
    { name: 'role_code', type: 'text', value: (row) => row.version.code },
    { name: 'version', type: 'int', value: (row) => row.version.version },
    { name: 'content_hash', type: 'text', value: (row) => row.version.contentHash },
    { name: 'profile', type: 'jsonb', value: (row) => row.version.profile },
    { name: 'title', type: 'text', value: (row) => row.version.profile.title },
    { name: 'function', type: 'text', value: (row) => row.version.profile.function },
    { name: 'discipline', type: 'text', value: (row) => row.version.profile.discipline },
    { name: 'track', type: 'text', value: (row) => row.version.profile.track },
    { name: 'level', type: 'text', value: (row) => row.version.profile.level?.code ?? null },
    { name: 'status', type: 'text', value: (row) => row.version.profile.status },
    { name: 'created_release', type: 'int', value: () => release },
  ]
}

async function writePageCache(trx: Transaction<Database>, write: WriteRows, plan: LoadPlan, runId: number): Promise<number> {
  if (plan.droppedPages.length > 0) await trx.deleteFrom('pages').where('path', 'in', plan.droppedPages).execute()
  if (plan.pages.length === 0) return 0
  const paths = plan.pages.map((page) => page.path)
  await trx.deleteFrom('pages').where('path', 'in', paths).execute()
  await write(
    'pages',
    [
      { name: 'path', type: 'text', value: (page: LoadPlan['pages'][number]) => page.path },
      { name: 'content_hash', type: 'text', value: (page) => page.contentHash },
      { name: 'parser_version', type: 'text', value: (page) => page.parserVersion },
      { name: 'profiles', type: 'json', value: (page) => page.profiles },
      { name: 'rejected', type: 'json', value: (page) => page.rejected },
      { name: 'warnings', type: 'json', value: (page) => page.warnings },
      { name: 'run_id', type: 'int', value: () => runId },
      { name: 'role_codes', type: 'text[]', value: (page) => page.profiles.map((profile) => profile.code) },
      { name: 'file_size', type: 'float8', value: (page) => page.stamp?.size ?? null },
      { name: 'file_mtime_ms', type: 'float8', value: (page) => page.stamp?.mtimeMs ?? null },
      { name: 'read_at_ms', type: 'float8', value: (page) => page.stamp?.readAtMs ?? null },
    ],
    plan.pages,
  )
  return plan.pages.length
}

// The SOC structure is reference data, replaced whole when it changes (≈1,400 rows); parents may come later
// in the list, so the parent foreign key is checked at commit.
async function writeSocOccupations(trx: Transaction<Database>, write: WriteRows, rows: readonly SocOccupationRow[]): Promise<number> {
  await trx.deleteFrom('soc_occupations').execute()
  await write(
    'soc_occupations',
    [
      { name: 'code', type: 'text', value: (row: SocOccupationRow) => row.code },
      { name: 'title', type: 'text', value: (row) => row.title },
      { name: 'level', type: 'text', value: (row) => row.level },
      { name: 'parent_code', type: 'text', value: (row) => row.parentCode },
      { name: 'definition', type: 'text', value: (row) => row.definition },
    ],
    rows,
  )
  return rows.length
}
