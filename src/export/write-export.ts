// Writes one release's roles as CSV sets, one folder per profile, in a single pass over the roles: each row
// goes out as soon as it is read. A folder appears whole or not at all (written aside, then renamed).

import { createWriteStream } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { ExportManifest, ExportMode, ExportRole, LineEnding, ManifestFile, ReleaseSnapshot } from '../model/index.js'
import { cellText, characterCount } from './csv.js'
import { CsvFileSink } from './csv-file-sink.js'
import type { ExportValidationError, LengthViolation } from './export-error.js'
import type { Cell, ExportProfile } from './profile.js'
import { inCodeOrder } from './role-order.js'

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
  /** Release a delta compares with (adds a `change` column); null for a full export. */
  since: number | null
  now?: () => Date
}

/** One profile's outcome; roles whose values did not fit are in `manifest.heldBack` (the profile is still written). */
export type ExportOutcome =
  | { profile: string; dir: string; ok: true; manifest: ExportManifest }
  | { profile: string; dir: string; ok: false; error: ExportValidationError }

/** The column a delta export adds to every file, last so the other columns keep their places. */
export const changeColumn = 'change'

interface OpenFile {
  sink: CsvFileSink
  file: ExportProfile['files'][number]
}

interface OpenTarget {
  target: ExportTarget
  staging: string
  files: OpenFile[]
  violations: LengthViolation[]
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
  const { target, staging, files, violations } = open
  const base = { profile: target.profile.name, dir: target.dir }
  const written: ManifestFile[] = []
  for (const { sink } of files) written.push(await sink.close())
  const { snapshot, eol, bom, since } = request
  const manifest: ExportManifest = {
    format: 'canon-export/1',
    release: snapshot.release,
    releaseCreatedAt: snapshot.createdAt,
    effectiveDate: snapshot.effectiveDate,
    createdAt,
    profile: target.profile.name,
    mode: target.mode,
    eol,
    bom,
    since,
    files: written,
    // Roles whose values do not fit are left out of this profile alone, and listed (values are never cut).
    ...(violations.length > 0 ? { heldBack: violations } : {}),
  }
  await writeFile(path.join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  await publish(staging, target.dir, manifest)
  return { ...base, ok: true, manifest }
}

async function openTarget(target: ExportTarget, request: ExportRequest): Promise<OpenTarget> {
  await mkdir(path.dirname(target.dir), { recursive: true })
  await recoverInterrupted(target.dir)
  // Not mkdtemp: its 0700 folder would hide the published export from the HRIS team's other accounts.
  const staging = `${target.dir}.partial-${process.pid}-${randomBytes(4).toString('hex')}`
  await mkdir(staging)
  const options = { mode: target.mode, eol: request.eol, bom: request.bom }
  const files = target.profile.files.map((file) => {
    const headers = request.since === null ? file.headers : [...file.headers, changeColumn]
    const stream = createWriteStream(path.join(staging, file.name))
    return { file, sink: new CsvFileSink(file.name, stream, headers, options) }
  })
  return { target, staging, files, violations: [] }
}

async function writeRole(open: OpenTarget, role: ExportRole, request: ExportRequest): Promise<void> {
  const rowsByFile = open.files.map(({ file }) => file.rowsOf(role, request.snapshot))
  const before = open.violations.length
  for (const [i, { file }] of open.files.entries()) checkLengths(open, file, rowsByFile[i]!, role)
  // A role with a value the target does not accept is held back from every file of this profile (so the files
  // stay consistent with each other); the other roles and profiles are written.
  if (open.violations.length > before) return
  for (const [i, { sink }] of open.files.entries()) {
    const rows = rowsByFile[i]!
    if (request.since !== null) for (const row of rows) row.push(role.change ?? null)
    await sink.write(rows)
  }
}

function checkLengths(open: OpenTarget, file: OpenFile['file'], rows: Cell[][], role: ExportRole): void {
  file.maxLengths.forEach((maxLength, column) => {
    if (maxLength === null) return
    for (const row of rows) {
      const length = characterCount(cellText(row[column] ?? null, open.target.mode))
      if (length > maxLength) {
        open.violations.push({
          file: file.name,
          column: file.headers[column] ?? String(column),
          roleCode: role.profile.code,
          length,
          maxLength,
        })
      }
    }
  })
}

async function discard(open: OpenTarget): Promise<void> {
  for (const { sink } of open.files) sink.abort()
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
