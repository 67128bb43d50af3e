// A build with nothing changed, proven without starting the embedded database. Starting PGlite costs about a
// second of CPU (its WebAssembly start and PostgreSQL's), most of a no-change rebuild. So when a pipeline run
// on the embedded database ends, the few things a no-change check reads from the database are written beside
// it (the receipt), with a stamp of the data directory's files taken after it closed and before its lock was
// released. The next `canon build` checks exactly what the database path checks, from the receipt: the
// pages' stamps and content hashes (the page cache's keys), the decisions recorded with `canon decide`, the
// latest completed run's input fingerprint and outcome, the current release. When the data directory's stamp
// is unchanged and the inputs hash to that run's fingerprint, the build ends as "nothing changed" with the
// same log lines, summary and exit code, and its run record goes to a journal that the next process opening
// the database writes into `runs` first (`canon runs` opens it, so it never shows the runs table without them).
// Anything else (a page read again, an edits file, another reference folder, a receipt of other code, a data
// directory touched since) takes the database path. Opening the database removes the receipt.

import { existsSync } from 'node:fs'
import { readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { acquireFileLock } from '../db/file-lock.js'
import type { CanonDb } from '../db/open.js'
import { journalFile, journalRun, receiptFile, stampDataDir, type JournaledRun } from '../db/run-journal.js'
import { readEdits } from '../decide/read-edits.js'
import { missingExports } from '../export/export-step.js'
import { runCounts } from '../metrics/run-counts.js'
import type { BuildSummary, Decision, Logger, PipelineDefinition, Quarantined, RunInfo, RunReport, StageReport } from '../model/index.js'
import { runPipeline, type PipelineSteps } from './run-pipeline.js'
import { planRelease } from '../plan/plan-release.js'
import type { RunSettings } from '../settings/settings.js'
import { logStaleDecisions, reportOutcome, unchangedReport } from '../batch/build-report.js'
import { fingerprintOptions, type RunFingerprints, runFingerprints } from '../batch/fingerprints.js'
import type { BuildStages } from '../batch/stages.js'

const RECEIPT_FORMAT = 1

/** What the database held when it was last closed, as far as a no-change check reads it. */
export interface NoChangeReceipt {
  format: number
  /** The stamp of the data directory's files when it was closed (see stampDataDir). */
  stamp: string
  codeVersion: string
  parserVersion: string
  /** The settings of the run that wrote it: another raw, reference or edits folder takes the database path. */
  settings: { raw: string; reference: string; edits: string }
  /** The id the next run record gets (the runs sequence's next value). */
  nextRunId: number
  /** The current release (null: none) and its active roles. */
  release: number | null
  active: number
  /** The latest completed run leaving the current release current, as `latestRunLeavingCurrent` reads it. */
  previous: RunInfo
  previousInputFingerprint: string
  /** The files that run quarantined. */
  quarantined: Quarantined[]
  /** Decisions recorded with `canon decide` (the database's; edits files are read each build). */
  recordedDecisions: Decision[]
  /** The page cache's keys: path, content hash, parser version, stamp (size, mtime, read time) or nulls. */
  pages: [string, string, string, number | null, number | null, number | null][]
}

/**
 * Whether a pipeline ends as `canon build` does when nothing changed, without the database: one build of the
 * changed pages first, then only steps that run when it published (a full export each, or a site).
 */
export function noChangeApplies(pipeline: PipelineDefinition, settings: RunSettings): boolean {
  if (settings.databaseUrl !== null) return false
  const [first, ...rest] = pipeline.steps
  if (first?.kind !== 'build' || first.scope !== 'changed') return false
  return rest.every((step) => step.kind !== 'build' && step.when === 'published' && (step.kind !== 'export' || step.since === 'none'))
}

/** Whether a receipt may let `pipeline` run without the database (its shape fits and a receipt is there). */
export function mayRunWithoutDatabase(pipeline: PipelineDefinition, settings: RunSettings): boolean {
  return noChangeApplies(pipeline, settings) && existsSync(receiptFile(settings.dataDir))
}

/** The receipt beside `dataDir`, or null (none, unreadable, another format). */
export async function readReceipt(dataDir: string): Promise<NoChangeReceipt | null> {
  try {
    const receipt = JSON.parse(await readFile(receiptFile(dataDir), 'utf8')) as NoChangeReceipt
    return receipt.format === RECEIPT_FORMAT ? receipt : null
  } catch {
    return null
  }
}

async function writeReceipt(dataDir: string, receipt: NoChangeReceipt): Promise<void> {
  const file = receiptFile(dataDir)
  const draft = `${file}.${process.pid}.tmp`
  await writeFile(draft, JSON.stringify(receipt))
  await rename(draft, file)
}

/**
 * After a pipeline run on the embedded database: reads what the receipt holds and has it written once the
 * database is closed (before its lock is released). Writes nothing when no completed run leaves the current
 * release current. Call just before `db.destroy()`.
 */
export async function prepareReceipt(db: CanonDb, settings: RunSettings, stages: BuildStages): Promise<void> {
  if (db.backend !== 'pglite' || settings.dataDir.startsWith('memory://')) return
  const [{ sql }, { latestRunLeavingCurrent, listQuarantine }, { getCurrentRelease }, { readRecordedDecisions }, { readPageKeys }] = await Promise.all([
    import('kysely'),
    import('../store/runs.js'),
    import('../store/releases.js'),
    import('../store/decisions.js'),
    import('../store/page-cache.js'),
  ])
  const latest = await latestRunLeavingCurrent(db)
  const fingerprint = latest?.options['inputFingerprint']
  if (!latest || typeof fingerprint !== 'string') return
  const current = await getCurrentRelease(db)
  const sequence = await sql<{ last_value: string | number; is_called: boolean }>`select last_value, is_called from runs_id_seq`.execute(db)
  const last = Number(sequence.rows[0]?.last_value ?? 0)
  const keys = await readPageKeys(db)
  const receipt: Omit<NoChangeReceipt, 'stamp'> = {
    format: RECEIPT_FORMAT,
    codeVersion: stages.codeVersion,
    parserVersion: stages.parserVersion,
    settings: { raw: settings.raw, reference: settings.reference, edits: settings.edits },
    nextRunId: sequence.rows[0]?.is_called ? last + 1 : Math.max(last, 1),
    release: current?.number ?? null,
    active: current?.activeCount ?? 0,
    previous: latest.run,
    previousInputFingerprint: fingerprint,
    quarantined: await listQuarantine(db, latest.run.id),
    recordedDecisions: await readRecordedDecisions(db),
    pages: [...keys].map(([page, key]) => [
      page,
      key.contentHash,
      key.parserVersion,
      key.stamp?.size ?? null,
      key.stamp?.mtimeMs ?? null,
      key.stamp?.readAtMs ?? null,
    ]),
  }
  db.afterClose(async () => writeReceipt(settings.dataDir, { ...receipt, stamp: await stampDataDir(settings.dataDir) }))
}

/** The inputs of a build, when they are exactly those of the receipt's run (else null: take the database path). */
interface NoChangeProof {
  pageKeys: [string, string][]
  decisions: Decision[]
  fingerprints: RunFingerprints
  editsDir: string | null
}

async function prove(receipt: NoChangeReceipt, settings: RunSettings, stages: BuildStages, referenceVersion: string): Promise<NoChangeProof | null> {
  const keys = new Map(
    receipt.pages.map(([page, contentHash, parserVersion, size, mtimeMs, readAtMs]) => [page, { contentHash, parserVersion, size, mtimeMs, readAtMs }]),
  )
  // As collectPages: a page cached by this parser with its stamp recorded need not be read again.
  const known = (page: string) => {
    const key = keys.get(page)
    if (!key || key.parserVersion !== stages.parserVersion || key.size === null || key.mtimeMs === null || key.readAtMs === null) return undefined
    return { stamp: { size: key.size, mtimeMs: key.mtimeMs, readAtMs: key.readAtMs }, contentHash: key.contentHash }
  }
  let skipped = false
  const pageKeys: [string, string][] = []
  for await (const item of stages.readPages(settings.raw, known, () => (skipped = true))) {
    // A page read again (changed, or touched: its new stamp is recorded) or one discover could not read.
    if (!('unread' in item)) return null
    pageKeys.push([item.path, item.contentHash])
  }
  if (skipped || pageKeys.length === 0) return null
  const editsDir = existsSync(settings.edits) ? settings.edits : null
  const edits = editsDir ? await readEdits(editsDir) : { decisions: [], problems: [] }
  const decisions = [...edits.decisions, ...receipt.recordedDecisions]
  const fingerprints = runFingerprints(pageKeys, stages, referenceVersion, decisions, edits.problems)
  if (fingerprints.input !== receipt.previousInputFingerprint) return null
  return { pageKeys, decisions, editsDir, fingerprints }
}

/**
 * Runs `pipeline` as a build with nothing changed when the receipt proves it, without opening the database;
 * null when it does not (the caller takes the database path). Holds the data directory's lock throughout.
 */
export async function runUnchangedWithoutDatabase(
  pipeline: PipelineDefinition,
  settings: RunSettings,
  stages: BuildStages,
  log: Logger,
): Promise<RunReport | null> {
  if (!noChangeApplies(pipeline, settings)) return null
  const early = await readReceipt(settings.dataDir)
  if (!early || early.codeVersion !== stages.codeVersion || early.parserVersion !== stages.parserVersion) return null
  const dataDir = path.resolve(settings.dataDir)
  const lock = await acquireFileLock(`${dataDir}.lock`, { command: `canon run ${pipeline.name}`, timeoutMs: settings.lockTimeoutSeconds * 1000 })
  try {
    // Anything the check cannot read is no proof: the database path runs and reports it as it would.
    const proven = await proveUnderLock(pipeline, settings, stages).catch(() => null)
    if (!proven) return null
    const { receipt, proof, release, parseMs, startedAt } = proven
    const runId = receipt.nextRunId
    await lock.setRunId(runId)
    let journaled: JournaledRun | null = null
    const steps: PipelineSteps = {
      async build({ log }) {
        log.info(`build run ${runId} started`, { run: runId, db: `embedded (${settings.dataDir})`, release: receipt.release })
        const seen = proof.pageKeys.length
        log.info(`pages: ${seen} seen, 0 parsed, ${seen} unchanged`, { seen, parsed: 0, reused: seen })
        const report: StageReport = { stage: 'parse', durationMs: parseMs, counts: { seen, parsed: 0, reused: seen, quarantined: 0 } }
        log.debug('stage parse done', { stage: 'parse', durationMs: report.durationMs, ...report.counts })
        const { previous, quarantined } = receipt
        const staleDecisions = previous.staleDecisions
        const plan = planRelease({ release, roles: new Map() }, [], { staleDecisions })
        const { summary, counts } = unchangedReport({
          runId,
          previous,
          release,
          active: receipt.active,
          pages: { seen, reused: seen },
          quarantined,
          reports: [report],
        })
        journaled = {
          id: runId,
          startedAt: startedAt.toISOString(),
          finishedAt: new Date().toISOString(),
          status: 'unchanged',
          baseRelease: receipt.release,
          options: {
            rawDir: settings.raw,
            referenceDir: settings.reference,
            editsDir: proof.editsDir,
            reparseAll: false,
            ...fingerprintOptions(proof.fingerprints),
          },
          counts,
          staleDecisions,
          quarantined,
        }
        logStaleDecisions(log, staleDecisions)
        log.info(`inputs are the same as run ${previous.id}'s; nothing to classify or plan`, { sameAs: previous.id })
        reportOutcome(log, summary, plan, quarantined)
        return summary satisfies BuildSummary
      },
      export: () => Promise.reject(new Error('a build with nothing changed exports nothing')),
      missingExports: async (request) => missingExports({ outDir: settings.out, ...request }),
      releases: async () => ({ current: receipt.release, previous: null }),
    }
    const report = await runPipeline({ pipeline, settings, steps, log })
    const run = journaled as JournaledRun | null
    if (run) await recordRun(settings, receipt, run, report, log)
    return report
  } finally {
    await lock.release()
  }
}

/** The receipt, the proof and what the report needs, when the check holds (call under the lock). */
async function proveUnderLock(pipeline: PipelineDefinition, settings: RunSettings, stages: BuildStages) {
  const dataDir = path.resolve(settings.dataDir)
  // Read again under the lock: another process may have opened the database since.
  const receipt = await readReceipt(settings.dataDir)
  if (!receipt || receipt.codeVersion !== stages.codeVersion || receipt.parserVersion !== stages.parserVersion) return null
  const same = receipt.settings
  if (same.raw !== settings.raw || same.reference !== settings.reference || same.edits !== settings.edits) return null
  if (!existsSync(dataDir) || (await stampDataDir(dataDir)) !== receipt.stamp) return null
  const release = receipt.previous.release ?? receipt.previous.baseRelease
  if (release !== receipt.release) return null
  // An export a run never finished is written by the database path.
  for (const step of pipeline.steps) {
    if (step.kind !== 'export' || release === null) continue
    if ((await missingExports({ outDir: settings.out, release, since: null, profiles: step.profiles })).length > 0) return null
  }
  const began = performance.now()
  const startedAt = new Date()
  const referenceVersion = await stages.referenceVersion(settings.reference)
  const proof = await prove(receipt, settings, stages, referenceVersion)
  if (!proof) return null
  return { receipt, proof, release, startedAt, parseMs: Math.round(performance.now() - began) }
}

/**
 * Journals the run and moves the receipt on to it. A failure leaves the build's outcome as reported (nothing
 * changed) and is logged: the run's row is missing from `runs`.
 */
async function recordRun(settings: RunSettings, receipt: NoChangeReceipt, run: JournaledRun, report: RunReport, log: Logger): Promise<void> {
  try {
    // As the database path: the pipeline's counts merged into the run's (addRunCounts).
    run.counts = { ...run.counts, ...runCounts(report) }
    await journalRun(settings.dataDir, run)
    // The run just recorded is now the latest leaving the release current, as the database would say.
    const previous: RunInfo = {
      id: run.id,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      status: 'unchanged',
      baseRelease: run.baseRelease,
      release: null,
      counts: run.counts,
      staleDecisions: receipt.previous.staleDecisions,
      error: null,
      quarantined: 0,
    }
    await writeReceipt(settings.dataDir, { ...receipt, nextRunId: run.id + 1, previous })
  } catch (error) {
    log.warn(`could not record run ${run.id} in ${journalFile(settings.dataDir)}: ${error instanceof Error ? error.message : String(error)}`)
  }
}
