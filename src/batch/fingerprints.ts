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

/**
 * What a build's outcome depends on besides the pages and the decisions: parser and stage code, reference data,
 * the edits files' bad rows. A later build with the same base can build on a run whose decisions differ, once
 * it reaches the roles whose decisions changed (decisionDigests).
 */
export function baseFingerprint(stages: BuildStages, referenceVersion: string, editsProblems: readonly Quarantined[] = []): string {
  const hash = createHash('sha256')
  hash.update(`parser ${stages.parserVersion}\ncode ${stages.codeVersion}\nreference ${referenceVersion}\n`)
  if (editsProblems.length > 0) hash.update(`\nedits problems\n${editsProblems.map((p) => p.message).join('\n')}`)
  return hash.digest('hex')
}

/**
 * Role code → a digest of the decisions naming it (as code, in the order given, without their ids): what a
 * decision does to a build depends on its role's decisions only, so the roles whose digests differ between two
 * builds are the roles the change of decisions reaches (their alias claims and families aside).
 */
export function decisionDigests(decisions: readonly Decision[]): Record<string, string> {
  const byRole = new Map<string, Omit<Decision, 'id'>[]>()
  for (const { id: _id, ...decision } of decisions) {
    const list = byRole.get(decision.roleCode)
    if (list) list.push(decision)
    else byRole.set(decision.roleCode, [decision])
  }
  const digests: Record<string, string> = {}
  for (const [code, list] of [...byRole].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    digests[code] = createHash('sha256').update(canonicalJson(list)).digest('hex').slice(0, 32)
  }
  return digests
}

/** The roles whose decisions differ between two builds' digests (a role's decisions added, removed or changed). */
export function rolesWithChangedDecisions(before: Readonly<Record<string, string>>, now: Readonly<Record<string, string>>): string[] {
  const codes = new Set([...Object.keys(before), ...Object.keys(now)])
  return [...codes].filter((code) => before[code] !== now[code]).sort()
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

/** What a run records of its inputs: a later build reuses its outcome or builds on it. */
export interface RunFingerprints {
  input: string
  context: string
  base: string
  decisions: Record<string, string>
  code: string
}

/** The fingerprints of a build's inputs, as its run records them. */
export function runFingerprints(
  pageKeys: readonly [string, string][],
  stages: BuildStages,
  referenceVersion: string,
  decisions: readonly Decision[],
  editsProblems: readonly Quarantined[] = [],
): RunFingerprints {
  return {
    input: inputFingerprint(pageKeys, stages, referenceVersion, decisions, editsProblems),
    context: contextFingerprint(stages, referenceVersion, decisions, editsProblems),
    base: baseFingerprint(stages, referenceVersion, editsProblems),
    decisions: decisionDigests(decisions),
    code: stages.codeVersion,
  }
}

/** The fingerprints as the run's options hold them. */
export function fingerprintOptions(fingerprints: RunFingerprints) {
  return {
    inputFingerprint: fingerprints.input,
    contextFingerprint: fingerprints.context,
    baseFingerprint: fingerprints.base,
    decisionDigests: fingerprints.decisions,
    codeVersion: fingerprints.code,
  }
}
