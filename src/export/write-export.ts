// Writes one release's roles as file sets (CSV, or HCM Data Loader .dat and their zip), one folder per profile, in
// a single pass over the roles: each per-role row goes out as soon as it is read; reference objects (families,
// levels, …) are collected on the way and written once every role was read. A role with a value longer than a
// target accepts is held back from that profile alone (manifest `heldBackRoles`). A folder appears whole or not
// at all (written aside, then renamed).

import { createWriteStream } from 'node:fs'
import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { ExportManifest, ExportMode, ExportRole, HeldBackCounts, LineEnding, ManifestFile, ReleaseSnapshot } from '../model/index.js'
import { cellText, characterCount, csvEncoder } from './csv.js'
import { CsvFileSink, type RowEncoder } from './csv-file-sink.js'
import { ExportValidationError, type LengthViolation } from './export-error.js'
import { hdlEncoder, hdlObjectOf } from './hdl.js'
import { heldBackFileName, heldBackReasonColumn } from './held-back-file.js'
import { type Cell, type ExportContext, type ExportFile, type ExportProfile, formatDate } from './profile.js'
import { referenceVintages } from './reference-vintages.js'
import { inCodeOrder } from './role-order.js'
import { zipStored } from './zip.js'

export interface ExportTarget {
  profile: ExportProfile
  mode: ExportMode
  /** The folder the profile's files and manifest.json end up in. */
  dir: string
}

export interface ExportRequest {
  snapshot: ReleaseSnapshot
  /** The release's roles ordered by code; in a delta, each with its `change`. */
  roles: AsyncIterable<ExportRole>
  targets: readonly ExportTarget[]
  eol: LineEnding
  bom: boolean
  /** Release a delta compares with (a `change` column or a changes.csv); null for a full export. */
  since: number | null
  /** Send needs_review classification codes to the HRIS files too (default: held back). */
  includeUnreviewed?: boolean
  now?: () => Date
}

/**
 * One profile's outcome; roles whose values did not fit are in `manifest.heldBackRoles` (the profile is still
 * written). A profile fails whole (`ok: false`) only when a reference object collected from several roles ends up
 * too long, which the per-role checks rule out for the profiles canon has.
 */
export type ExportOutcome =
  | { profile: string; dir: string; ok: true; manifest: ExportManifest }
  | { profile: string; dir: string; ok: false; error: ExportValidationError }

/** The column a delta export adds to every file of a profile that takes one, last so the others keep their places. */
export const changeColumn = 'change'

/** A delta's change list for profiles whose templates take no extra column: one row per role. */
export const changesFileName = 'changes.csv'

interface OpenFile {
  sink: CsvFileSink
  file: ExportFile
  /** The columns with a length limit (most files have none, and skip the check). */
  limited: number[]
  /** Reference files: the objects collected so far, by key. */
  objects: Map<string, unknown>
  /** Rows counted by reason (held_back_codes.csv). */
  tally: Map<string, number> | null
}

interface OpenTarget {
  target: ExportTarget
  staging: string
  context: ExportContext
  files: OpenFile[]
  changes: CsvFileSink | null
  /** Values too long, each naming the role held back for it. */
  violations: LengthViolation[]
  /** Values too long in reference objects as finally merged (not attributable to one role): the profile fails. */
  referenceViolations: LengthViolation[]
}

/** Writes every target from one pass over `roles`; returns one outcome per target, in the targets' order. */
export async function writeExport(request: ExportRequest): Promise<ExportOutcome[]> {
  const { snapshot, since } = request
  const open: OpenTarget[] = []
  try {
    for (const target of request.targets) open.push(await openTarget(target, request))
    for await (const role of inCodeOrder(request.roles, `release ${snapshot.release}`)) {
      if (since !== null && role.change === undefined) {
        throw new Error(`delta export since ${since}: role "${role.profile.code}" arrived without a change`)
      }
      for (const target of open) await writeRole(target, role, request)
    }
    for (const target of open) await writeReferences(target)
  } catch (error) {
    for (const target of open) await discard(target)
    throw error
  }

  const createdAt = (request.now ?? (() => new Date()))().toISOString()
  const outcomes: ExportOutcome[] = []
  try {
    for (const target of open) outcomes.push(await finishTarget(target, request, createdAt))
  } catch (error) {
    // Targets not yet finished leave nothing behind; those published before the failure stay.
    for (const target of open.slice(outcomes.length)) await discard(target)
    throw error
  }
  return outcomes
}

/** Closes a target's files and publishes its folder with manifest.json (listing the roles held back, if any). */
async function finishTarget(open: OpenTarget, request: ExportRequest, createdAt: string): Promise<ExportOutcome> {
  const { target, staging, files, violations, referenceViolations } = open
  const base = { profile: target.profile.name, dir: target.dir }
  if (referenceViolations.length > 0) {
    await discard(open)
    return { ...base, ok: false, error: new ExportValidationError(target.profile.name, referenceViolations) }
  }
  const written: ManifestFile[] = []
  let heldBackCodes: HeldBackCounts | null = null
  for (const { sink, file, tally } of files) {
    written.push({ ...(await sink.close()), purpose: file.purpose })
    if (tally) heldBackCodes = Object.fromEntries([...tally].sort(([a], [b]) => (a < b ? -1 : 1)))
  }
  if (open.changes) written.push({ ...(await open.changes.close()), purpose: 'report' })
  const zipName = target.profile.zip
  if (zipName) {
    const entries = await Promise.all(
      files
        .filter(({ file }) => file.name.endsWith('.dat'))
        .map(async ({ file }) => ({ name: file.name, data: await readFile(path.join(staging, file.name)) })),
    )
    const zip = zipStored(entries)
    await writeFile(path.join(staging, zipName), zip)
    written.push({ name: zipName, rows: 0, bytes: zip.length, sha256: sha256(zip), purpose: 'archive' })
  }
  const { snapshot, eol, bom, since } = request
  const manifest: ExportManifest = {
    format: 'canon-export/2',
    release: snapshot.release,
    releaseCreatedAt: snapshot.createdAt,
    effectiveDate: snapshot.effectiveDate,
    effectiveDatePolicy: snapshot.effectiveDatePolicy,
    dateFormat: target.profile.dateFormat,
    encoding: 'utf-8',
    referenceVintages,
    includeUnreviewed: request.includeUnreviewed ?? false,
    heldBackCodes,
    createdAt,
    profile: target.profile.name,
    mode: target.mode,
    eol,
    // What the files carry: a profile whose target rejects a byte-order mark never gets one.
    bom: bom && target.profile.bom === 'optional',
    since,
    files: written,
    // Roles whose values do not fit are left out of this profile alone, and listed (values are never cut).
    ...(violations.length > 0 ? { heldBackRoles: violations } : {}),
  }
  // Files derived from the manifest (the generic profile's datapackage.json), listed in it with their hashes.
  for (const extra of target.profile.extraFiles?.(manifest) ?? []) {
    const data = Buffer.from(extra.text, 'utf8')
    await writeFile(path.join(staging, extra.name), data)
    written.push({ name: extra.name, rows: 0, bytes: data.length, sha256: sha256(data), purpose: 'schema' })
  }
  await writeFile(path.join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  await publish(staging, target.dir, manifest)
  return { ...base, ok: true, manifest }
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex')

function encoderFor(target: ExportTarget, file: ExportFile, eol: LineEnding): RowEncoder {
  return target.profile.format === 'hdl' ? hdlEncoder(hdlObjectOf(file.name), eol) : csvEncoder(target.mode, eol)
}

async function openTarget(target: ExportTarget, request: ExportRequest): Promise<OpenTarget> {
  await mkdir(path.dirname(target.dir), { recursive: true })
  await recoverInterrupted(target.dir)
  // Not mkdtemp: its 0700 folder would hide the published export from the HRIS team's other accounts.
  const staging = `${target.dir}.partial-${process.pid}-${randomBytes(4).toString('hex')}`
  await mkdir(staging)
  const { profile } = target
  const bom = request.bom && profile.bom === 'optional'
  const delta = request.since !== null
  const files = profile.files
    .filter((file) => !(delta && file.fullOnly))
    .map((file) => {
      const withChange = delta && profile.deltaChanges === 'column' && file.collect === 'role'
      const headers = withChange ? [...file.headers, changeColumn] : file.headers
      const headerRows = file.headerless ? [] : file.labels ? [headers, withChange ? [...file.labels, changeColumn] : file.labels] : [headers]
      const stream = createWriteStream(path.join(staging, file.name))
      const sink = new CsvFileSink(file.name, stream, headerRows, { encoder: encoderFor(target, file, request.eol), bom })
      const tally = file.name === heldBackFileName ? new Map<string, number>() : null
      const limited = file.maxLengths.flatMap((max, column) => (max === null ? [] : [column]))
      return { file, sink, limited, objects: new Map<string, unknown>(), tally }
    })
  const changes =
    delta && profile.deltaChanges === 'file'
      ? new CsvFileSink(changesFileName, createWriteStream(path.join(staging, changesFileName)), [['code', changeColumn]], {
          encoder: csvEncoder('import', request.eol),
          bom,
        })
      : null
  const context: ExportContext = {
    snapshot: request.snapshot,
    effectiveDate: formatDate(request.snapshot.effectiveDate, profile.dateFormat),
    includeUnreviewed: request.includeUnreviewed ?? false,
  }
  return { target, staging, context, files, changes, violations: [], referenceViolations: [] }
}

async function writeRole(open: OpenTarget, role: ExportRole, request: ExportRequest): Promise<void> {
  const code = role.profile.code
  const before = open.violations.length
  // Everything the role gives this profile, checked before any of it is kept: per-role rows, and the reference
  // objects it refers to (as the rows they become, so a family name too long holds back the roles that bring it).
  const contributions = open.files.map((entry) => {
    const { file, limited } = entry
    if (file.collect === 'reference') {
      const objects = [...file.objectsOf(role, open.context)]
      if (limited.length > 0) {
        for (const [, object] of objects) checkLengths(open.violations, open.target, entry, file.rowsFor([object], open.context), code)
      }
      return { objects, rows: [] as Cell[][] }
    }
    const rows = file.rowsOf(role, open.context)
    if (limited.length > 0) checkLengths(open.violations, open.target, entry, rows, code)
    return { objects: [] as (readonly [string, unknown])[], rows }
  })
  // A role with a value the target does not accept is held back from every file of this profile (so the files
  // stay consistent with each other); the other roles and profiles are written.
  if (open.violations.length > before) return
  for (const [i, entry] of open.files.entries()) {
    const { file, sink } = entry
    const { objects, rows } = contributions[i]!
    if (file.collect === 'reference') {
      for (const [key, object] of objects) {
        const kept = entry.objects.get(key)
        entry.objects.set(key, kept === undefined ? object : file.merge(kept, object))
      }
      continue
    }
    if (entry.tally) {
      const column = file.headers.indexOf(heldBackReasonColumn)
      for (const row of rows) entry.tally.set(String(row[column]), (entry.tally.get(String(row[column])) ?? 0) + 1)
    }
    if (request.since !== null && open.target.profile.deltaChanges === 'column') for (const row of rows) row.push(role.change ?? null)
    await sink.write(rows)
  }
  if (open.changes) await open.changes.write([[code, role.change ?? null]])
}

/** Writes each reference file's collected objects, in key (code point) order, once every role was read. */
async function writeReferences(open: OpenTarget): Promise<void> {
  for (const entry of open.files) {
    if (entry.file.collect !== 'reference') continue
    // The default sort compares UTF-16 code units, as `<` does, without a call back into JavaScript per comparison.
    const keys = [...entry.objects.keys()].sort()
    const rows = entry.file.rowsFor(
      keys.map((key) => entry.objects.get(key)),
      open.context,
    )
    // Each object was checked with the role that brought it; a merge of several sightings is checked again. A
    // reference object is named by its first cell (its ID or spreadsheet key) where a role code would be.
    if (entry.limited.length > 0) {
      for (const row of rows) checkLengths(open.referenceViolations, open.target, entry, [row], `reference ${String(row[0])}`)
    }
    if (open.referenceViolations.length === 0) await entry.sink.write(rows)
  }
}

function checkLengths(violations: LengthViolation[], target: ExportTarget, { file, limited }: OpenFile, rows: Cell[][], roleCode: string): void {
  for (const column of limited) {
    const maxLength = file.maxLengths[column] as number
    for (const row of rows) {
      const length = characterCount(cellText(row[column] ?? null, target.mode))
      if (length > maxLength) {
        violations.push({
          file: file.name,
          column: file.headers[column] ?? String(column),
          roleCode,
          length,
          maxLength,
        })
      }
    }
  }
}

async function discard(open: OpenTarget): Promise<void> {
  for (const { sink } of open.files) sink.abort()
  open.changes?.abort()
  await rm(open.staging, { recursive: true, force: true })
}

/**
 * Publishes the finished staging folder as `dir`; readers see the old folder or the new one, never half, and
 * never no folder:
 * - the first export of a folder is one rename;
 * - an export whose files are the ones already there (a nightly re-export of an unchanged release) replaces
 *   only manifest.json, by one rename of a file;
 * - otherwise (the same release written again with other settings) the old folder is renamed aside and the
 *   new one into place; a kill between the two renames is undone by the next export (`recoverInterrupted`).
 */
async function publish(staging: string, dir: string, manifest: ExportManifest): Promise<void> {
  try {
    await rename(staging, dir)
    return
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error
  }
  if (sameContent(await readManifest(dir), manifest)) {
    await rename(path.join(staging, 'manifest.json'), path.join(dir, 'manifest.json'))
    await rm(staging, { recursive: true, force: true })
    return
  }
  const retired = `${staging}.replaced`
  await rename(dir, retired)
  await rename(staging, dir)
  await rm(retired, { recursive: true, force: true })
}

async function readManifest(dir: string): Promise<ExportManifest | null> {
  try {
    return JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as ExportManifest
  } catch {
    return null
  }
}

/** Whether two manifests describe the same files (names, rows, bytes, SHA-256) written the same way. */
function sameContent(a: ExportManifest | null, b: ExportManifest): boolean {
  if (!a) return false
  const key = (m: ExportManifest) =>
    JSON.stringify([m.release, m.releaseCreatedAt, m.profile, m.mode, m.eol, m.bom, m.since, m.files.map((f) => [f.name, f.rows, f.bytes, f.sha256])])
  return key(a) === key(b)
}

/**
 * Undoes what a killed export left beside `dir`: when `dir` is missing but a folder it was renamed to
 * (`<dir>.partial-*.replaced`) is there, that folder goes back; staging folders of processes no longer running
 * are removed.
 */
async function recoverInterrupted(dir: string): Promise<void> {
  const parent = path.dirname(dir)
  const prefix = `${path.basename(dir)}.partial-`
  const leftovers = (await readdir(parent).catch(() => [] as string[])).filter((name) => name.startsWith(prefix)).sort()
  const retired = leftovers.filter((name) => name.endsWith('.replaced'))
  if (retired.length > 0) {
    const missing = await readdir(dir).then(
      () => false,
      () => true,
    )
    if (missing) await rename(path.join(parent, retired.at(-1)!), dir)
  }
  for (const name of leftovers) {
    const pid = Number(name.slice(prefix.length).split('-')[0])
    if (Number.isInteger(pid) && pid !== process.pid && !processRuns(pid)) await rm(path.join(parent, name), { recursive: true, force: true })
  }
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
