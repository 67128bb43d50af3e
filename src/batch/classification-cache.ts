// The classification cache: the rows the classifier inferred for a role's classifier inputs, kept under the hash
// of those inputs and the classifier's version (its code and reference data). A rebuild classifies only roles
// whose inputs are new, and needs no classifier index when there are none. The store is `ClassificationCache`
// (the database's, in store/classification-cache.ts).

import { createHash } from 'node:crypto'
import type { Classification, ClassificationCache, RoleProfile } from '../model/index.js'

export interface CachedClassifyOptions {
  cache: ClassificationCache
  /** The classifier's version: any change to its code or reference data gives new keys. */
  version: string
  /**
   * What the classifier reads of a role (see `classifierInput`), as text (e.g. its JSON; `familyClassifierInputs`
   * makes it for family coding): the key is a hash of it. Read for every role before `classify` is called.
   */
  input: (role: RoleProfile) => string
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
  const keys = roles.map((role) => {
    return createHash('sha256').update(options.version).update('\0').update(options.input(role)).digest('hex')
  })
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
