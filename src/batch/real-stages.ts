// The real stages wired into a build: ingest's discover and parse, the reference loader, the classifier, the
// aliases stage.
// Kept apart from run-build so the orchestration is tested with in-test stages.

import { createHash } from 'node:crypto'
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type ReferenceTitles, referenceTitlesFromReference, referenceTitlesFromTable, referenceTitlesTable } from '../aliases/reference-titles.js'
import { scoreAliases } from '../aliases/score-aliases.js'
import type { ClassifierIndex } from '../classify/classifier-index.js'
import type { ClassifyPool } from '../classify/classify-pool.js'
import { classifyWorkerAvailable } from '../classify/classify-worker-script.js'
import { readPages } from '../discover/read-pages.js'
import type { Classification, ReferenceData, RoleProfile } from '../model/index.js'
import { parsePages } from '../parse/parse-pages.js'
import { defaultWorkerCount, type PoolLimits } from '../parse/worker-pool.js'
import { packageRoot } from '../package-info.js'
import { CanonError } from '../errors.js'
import { classifyWithCache } from './classification-cache.js'
import { isReferenceRead, referenceOnUse } from './reference-on-use.js'
import type { BuildStages } from './stages.js'

export interface RealStageOptions {
  /** Parser worker threads (default: ingest's choice for this machine). */
  workers?: number
  /** Largest page read, in bytes (default: ingest's 5 MB). */
  maxPageBytes?: number
  /** Folder for the classifier index snapshot (none: the index is built whenever a build needs it). */
  indexCacheDir?: string
  /** Per-page parse limits (time budget and element budget; defaults in parse/). */
  pageLimits?: PoolLimits
  /**
   * Snapshots made at install time (`npm install` runs seed-snapshots.js) for the shipped reference data: a
   * snapshot missing from `indexCacheDir` is copied from here when this folder holds one of the same version.
   * Default: the package's node_modules/.cache/canon; null: none.
   */
  seedDir?: string | null
}

/** Where `npm install` leaves the classifier's snapshots for the shipped reference data (beside the database template). */
export function defaultSeedDir(): string {
  return path.join(packageRoot(), 'node_modules', '.cache', 'canon')
}

/**
 * Copies the snapshot `file` from `seedDir` (same name: same version) when `file` is missing; a failed copy is
 * only a missed shortcut (the snapshot is then made as before).
 */
async function seedSnapshot(file: string, seedDir: string | null): Promise<void> {
  if (!seedDir || existsSync(file)) return
  const seed = path.join(seedDir, path.basename(file))
  if (path.resolve(seed) === path.resolve(file) || !existsSync(seed)) return
  const draft = `${file}.${process.pid}.partial`
  try {
    await mkdir(path.dirname(file), { recursive: true })
    await copyFile(seed, draft)
    await rename(draft, file)
  } catch {
    await rm(draft, { force: true }).catch(() => undefined)
  }
}

// The parser's own code is part of the page cache key: any change to it re-parses every page once. The shared
// title vocabulary and helpers are read by the parser and the classifier alike.
const sharedFolders = ['vocabulary', 'common']
const parserFolders = ['discover', 'extract', 'parse', 'normalize', ...sharedFolders]
const srcDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const isCode = (name: string) => /\.(js|ts)$/.test(name) && !name.endsWith('.d.ts')

/** The files under `dir` that `keep` accepts, as paths relative to it with forward slashes, in path order. */
async function listFiles(dir: string, keep: (name: string) => boolean): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])
  return entries
    .filter((entry) => entry.isFile() && keep(entry.name))
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort()
}

/** SHA-256 over the names and contents of the files under `dir` that `keep` accepts, in path order. */
export async function fingerprintFiles(dir: string, keep: (name: string) => boolean = () => true): Promise<string> {
  const hash = createHash('sha256')
  for (const file of await listFiles(dir, keep)) hash.update(`${file}\0`).update(await readFile(path.join(dir, file)))
  return hash.digest('hex').slice(0, 16)
}

/**
 * A key for the files' state as the file system records it: each file's path, size, inode, modification and
 * change times in nanoseconds. The change time is set by the kernel on every write (no tool sets it back), so
 * a file whose bytes changed has another key even when its size and modification time were kept.
 */
function statKey(dir: string, files: readonly string[]): string | null {
  const hash = createHash('sha256')
  try {
    for (const file of files) {
      const stat = statSync(path.join(dir, file), { bigint: true })
      hash.update(`${file}\0${stat.size}\0${stat.ino}\0${stat.mtimeNs}\0${stat.ctimeNs}\n`)
    }
  } catch {
    return null
  }
  return hash.digest('hex')
}

/**
 * Content fingerprints remembered by the files' stat key in `file` (JSON: stat key → fingerprint, the last few),
 * so a build whose code and reference files are as the last one saw them reads none of them (15 MB of reference
 * tables and the compiled code: about 0.3 s). Without `file`, or with a file that cannot be read or written,
 * every fingerprint is computed from the contents.
 */
class FingerprintMemo {
  private entries: Record<string, unknown> | null = null

  constructor(private readonly file: string | null) {}

  /** The fingerprint of the files `files` under `dir`: remembered when their stat key is, else `compute`d and remembered. */
  async get<T>(dir: string, files: readonly string[], compute: () => Promise<T>): Promise<T> {
    const key = this.file ? statKey(dir, files) : null
    if (!key || !this.file) return compute()
    this.entries ??= await readFile(this.file, 'utf8')
      .then((text) => JSON.parse(text) as Record<string, unknown>)
      .catch(() => ({}))
    const memoKey = `${path.resolve(dir)}\0${key}`
    if (memoKey in this.entries) return this.entries[memoKey] as T
    const value = await compute()
    // The last few keys only: a folder's old states are never seen again.
    const kept = Object.entries(this.entries).slice(-MEMO_ENTRIES + 1)
    this.entries = Object.fromEntries([...kept, [memoKey, value]])
    await mkdir(path.dirname(this.file), { recursive: true })
      .then(() => writeFile(`${this.file}.${process.pid}.tmp`, JSON.stringify(this.entries)))
      .then(() => rename(`${this.file}.${process.pid}.tmp`, this.file!))
      .catch(() => undefined)
    return value
  }
}

const MEMO_ENTRIES = 8

/**
 * Fingerprints of canon's own code, every file read once: all of it, and the code of given top-level folders
 * (the parser's, the classifier's) for the caches that depend on those only. Remembered by the files' stat key
 * in `memo`.
 */
async function fingerprintCode(memo: FingerprintMemo = new FingerprintMemo(null)): Promise<{ all: string; of: (...folders: string[]) => string }> {
  const files = await listFiles(srcDir, isCode)
  const digests = await memo.get(srcDir, files, async () => {
    const all = createHash('sha256')
    const byFolder = new Map<string, ReturnType<typeof createHash>>()
    for (const file of files) {
      const bytes = await readFile(path.join(srcDir, file))
      all.update(`${file}\0`).update(bytes)
      const folder = file.includes('/') ? file.slice(0, file.indexOf('/')) : ''
      let hash = byFolder.get(folder)
      if (!hash) byFolder.set(folder, (hash = createHash('sha256')))
      hash.update(`${file}\0`).update(bytes)
    }
    return {
      all: all.digest('hex').slice(0, 16),
      folders: Object.fromEntries([...byFolder].map(([folder, hash]) => [folder, hash.digest('hex').slice(0, 16)])),
    }
  })
  return { all: digests.all, of: (...folders) => folders.map((folder) => digests.folders[folder] ?? '').join('') }
}

/**
 * The classifier's modules (its index, snapshots, scoring, the reference reader), loaded the first time a build
 * reads reference data or classifies: a build whose inputs did not change does neither, and does not load them.
 */
let classifierModules: Promise<ClassifierModules> | null = null
type ClassifierModules = typeof import('../classify/classifier-index.js') &
  typeof import('../classify/index-snapshot.js') &
  typeof import('../classify/classify-roles.js') &
  typeof import('../reference/read-reference.js')
function loadClassifier(): Promise<ClassifierModules> {
  classifierModules ??= Promise.all([
    import('../classify/classifier-index.js'),
    import('../classify/index-snapshot.js'),
    import('../classify/classify-roles.js'),
    import('../reference/read-reference.js'),
  ]).then(([index, snapshot, roles, reference]) => ({ ...index, ...snapshot, ...roles, ...reference }))
  return classifierModules
}

/** The classify pool and piscina, loaded only where worker threads classify (a rebuild's few roles are coded in this thread). */
const loadPool = () => import('../classify/classify-pool.js').then((module) => module.ClassifyPool)

/** Below this many roles to classify, building one index in this thread beats starting the pool. */
const POOL_MIN_ROLES = 400

/** Whether `file` starts as V8's serializer starts its output (a snapshot cut short is caught when read). */
function looksLikeSnapshot(file: string): boolean {
  try {
    const fd = openSync(file, 'r')
    try {
      const head = Buffer.alloc(2)
      return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0xff
    } finally {
      closeSync(fd)
    }
  } catch {
    return false
  }
}

/**
 * The reference snapshot at `file`, read on first use of the reference data (synchronously). One that cannot
 * be read is removed, so that the next build reads the reference folder and writes it again, and the build
 * stops with the reason.
 */
function readReferenceOrRemove(m: ClassifierModules, file: string, referenceDir: string): ReferenceData {
  try {
    const reference = m.readReferenceSnapshotSync(file, referenceDir)
    if (reference) return reference
    throw new Error('the file is gone')
  } catch (error) {
    rmSync(file, { force: true })
    throw new CanonError(
      `the reference snapshot ${file} could not be read (${error instanceof Error ? error.message : String(error)}); it was removed, and the next build reads ${referenceDir} again`,
    )
  }
}

/** Reference titles kept by `writeTitlesTable`; null when there are none (or they cannot be read). */
function readTitlesTable(file: string): Record<string, readonly string[]> | null {
  try {
    const kept = JSON.parse(readFileSync(file, 'utf8')) as { format?: unknown; titles?: Record<string, readonly string[]> }
    return kept.format === TITLES_FORMAT && kept.titles && typeof kept.titles === 'object' ? kept.titles : null
  } catch {
    return null
  }
}

const TITLES_FORMAT = 1

/** Keeps the reference titles at `file` (atomically), removing other versions beside it; a failed write is only a missed shortcut. */
function writeTitlesTable(file: string, titles: Record<string, readonly string[]>): void {
  const draft = `${file}.${process.pid}.tmp`
  try {
    writeFileSync(draft, JSON.stringify({ format: TITLES_FORMAT, titles }))
    renameSync(draft, file)
    for (const name of readdirSync(path.dirname(file))) {
      if (name !== path.basename(file) && /^reference-titles-[0-9a-f]+\.json$/.test(name)) rmSync(path.join(path.dirname(file), name), { force: true })
    }
  } catch {
    rmSync(draft, { force: true })
  }
}

/** The stages as `canon build` runs them. */
export async function realStages(options: RealStageOptions = {}): Promise<BuildStages> {
  // As many classify workers as parser workers (none when pages are parsed in this thread).
  const classifyWorkers = classifyWorkerAvailable() ? (options.workers ?? defaultWorkerCount()) : 0
  const indexByReference = new WeakMap<ReferenceData, ClassifierIndex>()
  const titlesByReference = new WeakMap<ReferenceData, ReferenceTitles>()
  // The reference data this stage read, with the version it was read for (the titles table is kept by it).
  const versionOfReference = new WeakMap<ReferenceData, string>()
  // The classifier's code (and the reference loader's, which shapes what it reads): part of every cache key.
  const memo = new FingerprintMemo(options.indexCacheDir ? path.join(options.indexCacheDir, 'fingerprints.json') : null)
  const code = await fingerprintCode(memo)
  const referenceCode = code.of('reference')
  const classifierCode = code.of('classify', 'reference', ...sharedFolders)
  const snapshotFor = (m: ClassifierModules, referenceVersion: string) =>
    options.indexCacheDir ? m.snapshotFile(options.indexCacheDir, `${classifierCode}:${referenceVersion}`) : null
  const referenceSnapshotFor = (m: ClassifierModules, referenceVersion: string) =>
    options.indexCacheDir ? m.referenceSnapshotFile(options.indexCacheDir, `${referenceCode}:${referenceVersion}`) : null
  // The aliases stage's reference titles, by the reference loader's and the aliases stage's code.
  const titlesCode = code.of('aliases', 'reference')
  const titlesTableFor = (referenceVersion: string) =>
    options.indexCacheDir
      ? path.join(options.indexCacheDir, `reference-titles-${createHash('sha256').update(`${titlesCode}:${referenceVersion}`).digest('hex').slice(0, 16)}.json`)
      : null
  /** The reference titles: from the table kept beside the snapshots when the reference data is not read yet, else from it (then kept). */
  const titlesOf = (reference: ReferenceData): ReferenceTitles => {
    const version = versionOfReference.get(reference)
    const file = version === undefined ? null : titlesTableFor(version)
    if (file && !isReferenceRead(reference)) {
      const table = readTitlesTable(file)
      if (table) return referenceTitlesFromTable(table)
    }
    if (!file) return referenceTitlesFromReference(reference)
    const table = referenceTitlesTable(reference)
    if (!existsSync(file)) writeTitlesTable(file, table)
    return referenceTitlesFromTable(table)
  }
  const seedDir = options.seedDir === undefined ? defaultSeedDir() : options.seedDir
  // A pool started by warmClassifier (once the classifier's modules are loaded), handed to the next classifyRoles
  // call (which closes it).
  let warm: Promise<ClassifyPool> | null = null
  return {
    parserVersion: code.of(...parserFolders),
    codeVersion: code.all,
    referenceVersion: async (referenceDir) => {
      const files = await listFiles(referenceDir, () => true)
      return memo.get(referenceDir, files, () => fingerprintFiles(referenceDir))
    },
    readPages: (rawDir, known, onSkipped) =>
      readPages(rawDir, {
        ...(options.maxPageBytes !== undefined ? { maxBytes: options.maxPageBytes } : {}),
        ...(known ? { known } : {}),
        ...(onSkipped ? { onSkipped } : {}),
      }),
    // Cached pages are not parsed again, so the parser's cross-page duplicate check cannot see every page:
    // planRelease checks duplicate role codes over the whole build instead.
    parsePages: (pages) =>
      parsePages(pages, {
        checkDuplicates: false,
        ...(options.workers !== undefined ? { workers: options.workers } : {}),
        ...(options.pageLimits ? { limits: options.pageLimits } : {}),
      }),
    async readReference(referenceDir, referenceVersion, logger, readOptions = {}) {
      const m = await loadClassifier()
      if (!options.indexCacheDir) return m.readReference(referenceDir)
      const file = referenceSnapshotFor(m, referenceVersion)!
      await seedSnapshot(file, seedDir)
      // With a snapshot, a rebuild of what changed reads the reference data on first use (reference-on-use.ts):
      // one whose roles the classification cache answers, or that codes them from the index snapshot, reads none.
      const reference =
        readOptions.onUse && looksLikeSnapshot(file)
          ? referenceOnUse(referenceDir, () => readReferenceOrRemove(m, file, referenceDir))
          : await m.loadOrReadReference(referenceDir, file, (message) => logger.warn(message))
      versionOfReference.set(reference, referenceVersion)
      return reference
    },
    warmClassifier(referenceDir, referenceVersion, expected) {
      if (classifyWorkers === 0) return
      // A few roles (or none: a rebuild where nothing changed) start nothing: the pool's thread costs more than
      // loading the snapshot here, and only when some role is not in the cache.
      if (expected === 'few') return
      const started = warm
        ? warm.then((pool) => {
            pool.grow(classifyWorkers)
            return pool
          })
        : loadClassifier().then(async (m) => {
            // The shipped index snapshot first (as classifyRoles does): without it the pool's first worker builds
            // the index (seconds of CPU beside the parser's workers) and the others wait for it.
            const snapshot = snapshotFor(m, referenceVersion)
            if (snapshot) await seedSnapshot(snapshot, seedDir)
            return new (await loadPool())(classifyWorkers, referenceDir, snapshot, referenceSnapshotFor(m, referenceVersion))
          })
      // Its failure is reported where the pool is awaited (classifyRoles, coolClassifier), not as an unhandled rejection.
      started.catch(() => undefined)
      warm = started
    },
    async coolClassifier() {
      const started = warm
      warm = null
      await (await started)?.close()
    },
    async classifyRoles(profiles, reference, logger, cached, strings) {
      // The index costs seconds to build: it is read from a snapshot when one was written for this classifier
      // and reference data, and only when some role is not in the cache. Many roles are coded on worker threads
      // (each loads or builds its own index; started early by warmClassifier); a few in this thread.
      const m = await loadClassifier()
      const snapshot = cached ? snapshotFor(m, cached.referenceVersion) : null
      const started = warm
      warm = null
      let pool = started ? await started : null
      const classify = async (roles: RoleProfile[]) => {
        if (snapshot) await seedSnapshot(snapshot, seedDir)
        const many = roles.length >= POOL_MIN_ROLES && classifyWorkers > 0
        if (pool || many) {
          let rows: Classification[][] | null = null
          try {
            const referenceSnapshot = cached ? referenceSnapshotFor(m, cached.referenceVersion) : null
            pool ??= new (await loadPool())(classifyWorkers, reference.dir, snapshot, referenceSnapshot)
            if (many) pool.grow(classifyWorkers)
            // Each batch's rows interned as they arrive: their copies are garbage while still young.
            rows = await pool.classify(roles, strings ? (batch) => strings.intern(batch) : undefined)
          } catch (error) {
            // The same classification in this thread: slower, never a different answer.
            logger.warn(`${error instanceof Error ? error.message : String(error)}; classifying in one thread instead`)
          }
          if (rows) {
            // The workers (about 75 MB each) go before the rows are cached and the roles copied: the stage's peak
            // was both at once. A later call in this build starts a new pool if it needs one.
            const done = pool
            pool = null
            await done?.close()
            const coded = rows
            return roles.map((role, i) => ({ ...role, classifications: [...role.classifications, ...coded[i]!] }))
          }
        }
        let index = indexByReference.get(reference)
        if (!index && snapshot && !isReferenceRead(reference)) {
          // The snapshot holds what classifying reads of the reference data (as a classify worker takes it): the
          // rest of it stays unread (seeded above). Any trouble with the snapshot: loaded as before, with the reference data.
          const shared = (() => {
            try {
              return m.readSharedIndexSnapshot(snapshot)
            } catch {
              return null
            }
          })()
          index = (shared && m.indexFromSnapshot(shared, { dir: reference.dir })) ?? undefined
          if (index) indexByReference.set(reference, index)
        }
        if (!index) {
          index = snapshot ? await m.loadOrBuildIndex(reference, snapshot, (message) => logger.warn(message)) : m.buildClassifierIndex(reference)
          indexByReference.set(reference, index)
        }
        return m.classifyRoles(roles, index)
      }
      try {
        if (!cached) return { ok: await classify(profiles), rejected: [], warnings: [] }
        const version = `${classifierCode}:${cached.referenceVersion}`
        // Levels of a role family are coded together: each role's key holds its family's inputs too. The inputs
        // (every role's text as JSON, tens of MB at 10,000 roles) are read for the keys only, before classifying.
        let inputs: Map<RoleProfile, string> | null = m.familyClassifierInputs(profiles)
        const { roles, reused } = await classifyWithCache(profiles, {
          cache: cached.cache,
          version,
          input: (role) => inputs!.get(role)!,
          classify: (roles) => {
            inputs = null
            return classify(roles)
          },
        })
        return { ok: roles, rejected: [], warnings: [], reused }
      } finally {
        await pool?.close()
      }
    },
    scoreAliases(profiles, reference, decisions) {
      let referenceTitles = titlesByReference.get(reference)
      if (!referenceTitles) titlesByReference.set(reference, (referenceTitles = titlesOf(reference)))
      return scoreAliases(profiles, { referenceTitles, decisions })
    },
  }
}

/**
 * Writes the reference and classifier index snapshots for the reference data in `referenceDir` to `dir`, under
 * the names a build with this code looks for (`npm install` does it for the shipped raw/reference, so a first
 * build loads the index instead of building it). Returns the index snapshot's path.
 */
export async function seedSnapshots(referenceDir: string, dir: string = defaultSeedDir()): Promise<string> {
  const m = await loadClassifier()
  const code = await fingerprintCode()
  const referenceVersion = await fingerprintFiles(referenceDir)
  const warn = (message: string) => console.warn(`canon: ${message}`)
  const reference = await m.loadOrReadReference(referenceDir, m.referenceSnapshotFile(dir, `${code.of('reference')}:${referenceVersion}`), warn)
  const file = m.snapshotFile(dir, `${code.of('classify', 'reference', ...sharedFolders)}:${referenceVersion}`)
  await m.loadOrBuildIndex(reference, file, warn)
  return file
}
