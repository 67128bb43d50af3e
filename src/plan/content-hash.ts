// A role version's identity is the SHA-256 of its canonical JSON: keys sorted at every level, no whitespace,
// undefined fields left out. The same content always hashes the same, whatever order its fields were built in.

import { createHash } from 'node:crypto'
import type { RoleProfile } from '../model/index.js'

/** JSON with object keys sorted recursively; `undefined` properties are omitted, as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value))
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {}
    for (const key of Object.keys(value).sort()) {
      const field = (value as Record<string, unknown>)[key]
      if (field !== undefined) sorted[key] = sortKeys(field)
    }
    return sorted
  }
  return value
}

/** SHA-256 (hex) of the profile's canonical JSON. */
export function hashProfile(profile: RoleProfile): string {
  return createHash('sha256').update(canonicalJson(profile)).digest('hex')
}
