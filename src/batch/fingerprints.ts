// What a build's outcome depends on, hashed: a later build with the same fingerprint can reuse the outcome.

import { createHash } from 'node:crypto'
import type { Decision, Quarantined } from '../model/index.js'
import { canonicalJson } from '../plan/content-hash.js'
import type { BuildStages } from './stages.js'

/** Everything a build's outcome depends on: pages, parser and stage code, reference data, decisions. */
export function inputFingerprint(
  pageKeys: readonly [string, string][],
  stages: BuildStages,
  referenceVersion: string,
  decisions: readonly Decision[],
  editsProblems: readonly Quarantined[] = [],
): string {
  const hash = createHash('sha256')
  hash.update(contextFingerprint(stages, referenceVersion, decisions, editsProblems))
  for (const [path, contentHash] of pageKeys) hash.update(`${path}\0${contentHash}\n`)
  return hash.digest('hex')
}

/** What a build's outcome depends on besides the pages: parser and stage code, reference data, decisions. */
export function contextFingerprint(
  stages: BuildStages,
  referenceVersion: string,
  decisions: readonly Decision[],
  editsProblems: readonly Quarantined[] = [],
): string {
  const hash = createHash('sha256')
  hash.update(`parser ${stages.parserVersion}\ncode ${stages.codeVersion}\nreference ${referenceVersion}\n`)
  hash.update(canonicalJson(decisions.map(({ id: _id, ...decision }) => decision)))
  // The edits files' bad rows too: an edits file changed to hold a new bad row is read and reported, never
  // skipped as "nothing changed" (valid rows are in the decisions).
  if (editsProblems.length > 0) hash.update(`\nedits problems\n${editsProblems.map((p) => p.message).join('\n')}`)
  return hash.digest('hex')
}
