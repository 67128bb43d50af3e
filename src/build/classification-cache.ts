// The classification cache: the rows the classifier inferred for a role's classifier inputs, kept in the
// database under the hash of those inputs and the classifier's version (its code and reference data). A
// rebuild classifies only roles whose inputs are new, and needs no classifier index when there are none.

import { createHash } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { Classification, RoleProfile } from '../model/index.js'
import { bulkInsert } from '../load/bulk-insert.js'

/** Where a build keeps inferred classifications between runs. */
export interface ClassificationCache {
  /** The cached rows of each key found. */
  read(keys: readonly string[]): Promise<Map<string, Classification[]>>
  /** Stores rows under `version`; entries of other versions go (they can never be read again). */
  write(version: string, entries: ReadonlyMap<string, Classification[]>): Promise<void>
}

/** The cache in the database's `classification_cache` table. */
export function databaseClassificationCache(db: Kysely<Database>, chunkSize = 1_000): ClassificationCache {
  return {
    async read(keys) {
      const found = new Map<string, Classification[]>()
      for (let start = 0; start < keys.length; start += chunkSize) {
        const rows = await db
          .selectFrom('classification_cache')
          .select(['input_key', 'classifications'])
          .where('input_key', '=', sql<string>`any(${keys.slice(start, start + chunkSize)}::text[])`)
          .execute()
        for (const row of rows) found.set(row.input_key, row.classifications)
      }
      return found
    },
    async write(version, entries) {
      const rows = [...entries]
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('classification_cache').where('classifier_version', '<>', version).execute()
        await trx.deleteFrom('classification_cache').where('input_key', '=', sql<string>`any(${rows.map(([key]) => key)}::text[])`).execute()
        await bulkInsert(trx, 'classification_cache', [
          { name: 'input_key', type: 'text', value: (row: (typeof rows)[number]) => row[0] },
          { name: 'classifier_version', type: 'text', value: () => version },
          { name: 'classifications', type: 'jsonb', value: (row) => row[1] },
        ], rows, { chunkSize: 2_000 })
      })
    },
  }
}

export interface CachedClassifyOptions {
  cache: ClassificationCache
  /** The classifier's version: any change to its code or reference data gives new keys. */
  version: string
  /** What the classifier reads of a role (see `classifierInput`). */
  input: (role: RoleProfile) => unknown
  /** Classifies roles the cache does not know; returns them in input order, each with its rows appended. */
  classify: (roles: RoleProfile[]) => RoleProfile[] | Promise<RoleProfile[]>
}

export interface CachedClassifyResult {
  roles: RoleProfile[]
  /** Roles whose rows came from the cache. */
  reused: number
}

/** Classifies `roles`, reusing cached rows for inputs classified before and caching the rest. */
export async function classifyWithCache(roles: readonly RoleProfile[], options: CachedClassifyOptions): Promise<CachedClassifyResult> {
  const keys = roles.map((role) => createHash('sha256').update(options.version).update('\0').update(JSON.stringify(options.input(role))).digest('hex'))
  const known = await options.cache.read([...new Set(keys)])
  // One classification per distinct input: roles with equal inputs (a page and its text copy) share it.
  const missing = new Map<string, RoleProfile>()
  keys.forEach((key, i) => {
    if (!known.has(key) && !missing.has(key)) missing.set(key, roles[i]!)
  })
  const fresh = new Map<string, Classification[]>()
  if (missing.size > 0) {
    const classified = await options.classify([...missing.values()])
    let i = 0
    for (const [key, role] of missing) fresh.set(key, classified[i++]!.classifications.slice(role.classifications.length))
    await options.cache.write(options.version, fresh)
  }
  let reused = 0
  const out = roles.map((role, i) => {
    const rows = known.get(keys[i]!)
    if (rows) reused += 1
    return { ...role, classifications: [...role.classifications, ...(rows ?? fresh.get(keys[i]!)!)] }
  })
  return { roles: out, reused }
}
