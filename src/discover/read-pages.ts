// discover: list the role pages under <raw>/pages and read them, with a content hash. A stream that keeps a
// small window of reads in flight (the disk and the hashing overlap) and yields pages in path order, so a build
// over 10,000 pages never holds more than that window.

import { createHash } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { SOURCE_PROFILE_FILE } from '../extract/source-profile-file.js'
import type { FileStamp, PageInput, Quarantined, SourceProfile, UnreadPage } from '../model/index.js'

/** Pages larger than this are quarantined unread (5 MB); override with `maxBytes`. */
export const DEFAULT_MAX_PAGE_BYTES = 5 * 1024 * 1024

/**
 * File name endings that mark a role page or a structured ladder file; anything else under raw/pages (LICENSE,
 * images) is not a page, nor is a source profile (`canon-source.yaml`).
 */
export const PAGE_EXTENSIONS: readonly string[] = ['.html', '.htm', '.txt', '.md', '.markdown', '.yaml', '.yml', '.json', '.csv', '.tsv']

/** The file-system calls discover needs; `nodeDiscoverFs` by default, a fake in tests. */
export interface DiscoverFs {
  /** Entries may also say whether they are a symbolic link, FIFO, socket or device (node:fs's Dirent does). */
  readdir(dir: string, options: { withFileTypes: true }): Promise<DiscoverEntry[]>
  /** `mtimeMs` may be absent (a fake without times): such a page is always read. */
  stat(file: string): Promise<{ size: number; mtimeMs?: number }>
  readFile(file: string): Promise<Uint8Array>
}

/** A folder entry as discover needs it. */
export interface DiscoverEntry {
  name: string
  isDirectory(): boolean
  isFile(): boolean
  isSymbolicLink?(): boolean
  isFIFO?(): boolean
  isSocket?(): boolean
  isBlockDevice?(): boolean
  isCharacterDevice?(): boolean
}

/** Pages read at once by default: enough to keep the disk and libuv's thread pool busy, few enough to hold. */
export const DEFAULT_READ_CONCURRENCY = 16

/**
 * The default DiscoverFs: node:fs's statSync and readFileSync. A page is a few KB: reading it synchronously is
 * tens of microseconds, and the callback readFile is four trips through libuv's thread pool (open, fstat, read,
 * close), each a callback on this thread: reading and hashing 10,000 canon-app pages took about 0.25-0.3 s of CPU
 * this way against 0.55-0.7 s through the callbacks (2026-12-08), on the thread that feeds the parser's workers.
 */
export const nodeDiscoverFs: DiscoverFs = {
  readdir: (dir, options) => readdir(dir, options),
  // Synchronous: a stat is a few microseconds, and a rebuild that skips unchanged files does little else per file
  // (10,000 stats: 55 ms this way, about 350 ms through libuv's thread pool).
  stat: async (file) => statSync(file),
  readFile: async (file) => readFileSync(file),
}

export interface ReadPagesOptions {
  /** Largest page read, in bytes; larger files are quarantined with their size. Default 5 MB. */
  maxBytes?: number
  /** Pages read at once (default 16); they still come out in path order, and no more than this are held. */
  concurrency?: number
  fs?: DiscoverFs
  /**
   * What an earlier read recorded of a page (the page cache): a file whose size and modification time are as
   * recorded, and was last written at least `TRUSTED_AGE_MS` before that read, is not read again.
   */
  known?: (path: string) => { stamp: FileStamp; contentHash: string } | undefined
  /**
   * Told of each entry under raw/pages that is neither a folder nor a regular file (a symbolic link, FIFO,
   * socket or device): discover does not follow or read them. The build says so once, listing them.
   */
  onSkipped?: (path: string, kind: string) => void
}

/**
 * How long before the recorded read a file must have last been written for its stamp to be trusted: a write
 * in the same tick as a read (or on a file system with coarse times) could leave the time unchanged.
 */
export const TRUSTED_AGE_MS = 2_000

/** What discover yields: a page to parse, or a file it could not read (too large, unreadable). */
export type DiscoveredPage = PageInput | Quarantined

/** True when discover read the page (as opposed to setting it aside). */
export function isPageInput(item: DiscoveredPage): item is PageInput {
  return 'bytes' in item
}

/** SHA-256 of the bytes, lowercase hex. */
export function hashContent(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** Whether a file name looks like a role page (by its ending); a source profile is not a page. */
export function isPageFile(name: string): boolean {
  const lower = name.toLowerCase()
  return !name.startsWith('.') && lower !== SOURCE_PROFILE_FILE && PAGE_EXTENSIONS.some((ext) => lower.endsWith(ext))
}

/** A source profile as discover read it: validated (with its bytes, for the hash), or why it is not valid. */
export type LoadedSourceProfile = { ok: true; profile: SourceProfile; bytes: Uint8Array } | { ok: false; path: string; message: string }

/** SHA-256 of a page read with a source profile: the page's bytes, then the profile's. */
export function hashPageWithProfile(bytes: Uint8Array, profileBytes: Uint8Array): string {
  return createHash('sha256').update(bytes).update('\0canon-source\0').update(profileBytes).digest('hex')
}

/**
 * Yields every page under `<rawDir>/pages` in sorted path order (paths relative to `rawDir`, `/`-separated),
 * reading up to `concurrency` ahead; files over the size limit or unreadable come out as Quarantined entries.
 */
export function readPages(rawDir: string, options?: Omit<ReadPagesOptions, 'known'>): AsyncGenerator<DiscoveredPage>
export function readPages(rawDir: string, options: ReadPagesOptions): AsyncGenerator<DiscoveredPage | UnreadPage>
export async function* readPages(rawDir: string, options: ReadPagesOptions = {}): AsyncGenerator<DiscoveredPage | UnreadPage> {
  const fs = options.fs ?? nodeDiscoverFs
  const pagesDir = path.join(rawDir, 'pages')
  const window = Math.max(1, options.concurrency ?? DEFAULT_READ_CONCURRENCY)
  // Reads in path order; the oldest is yielded once the window is full. readPageFile never rejects (a failed
  // read is a Quarantined entry), so reads left behind when the consumer stops early settle harmlessly.
  const reading: Promise<DiscoveredPage | UnreadPage>[] = []
  const display = (file: string) => path.relative(rawDir, file).split(path.sep).join('/')
  for await (const found of walkSorted(fs, pagesDir, null, display, true)) {
    if ('skipped' in found) {
      options.onSkipped?.(display(found.skipped), found.kind)
      continue
    }
    if ('unreadableDir' in found) {
      const shown = `${display(found.unreadableDir)}/`
      reading.push(
        Promise.resolve({
          file: shown,
          stage: 'discover',
          message: `${shown}: cannot read the folder (${found.reason}); the pages below it keep their current roles until it can be read`,
        }),
      )
    } else {
      reading.push(readOrSkip(found.file, { ...options, fs, displayPath: display(found.file) }, found.source))
    }
    if (reading.length >= window) yield await reading.shift()!
  }
  while (reading.length > 0) yield await reading.shift()!
}

/**
 * Reads one page file (e.g. a `canon parse` argument) with the same size limit and hash as readPages, and the
 * nearest canon-source.yaml in its folder or above (up to a folder named `pages`, or the file system's root).
 */
export async function readPageFile(file: string, options: Omit<ReadPagesOptions, 'known'> & { displayPath?: string } = {}): Promise<DiscoveredPage> {
  const fs = options.fs ?? nodeDiscoverFs
  const shown = options.displayPath ?? file.split(path.sep).join('/')
  const source = await findSourceProfile(fs, file, shown)
  if (source && !source.ok) return sourceRejected(shown, source)
  return (await readOrSkip(file, options, source)) as DiscoveredPage
}

async function findSourceProfile(fs: DiscoverFs, file: string, shown: string): Promise<LoadedSourceProfile | null> {
  let dir = path.dirname(path.resolve(file))
  let shownDir = path.posix.dirname(shown)
  for (;;) {
    const candidate = path.join(dir, SOURCE_PROFILE_FILE)
    const found = await loadSourceProfile(fs, candidate, path.posix.normalize(path.posix.join(shownDir, SOURCE_PROFILE_FILE)))
    if (found) return found
    const parent = path.dirname(dir)
    if (path.basename(dir) === 'pages' || parent === dir) return null
    dir = parent
    shownDir = path.posix.join(shownDir, '..')
  }
}

/** Reads and validates a canon-source.yaml; null when there is none. */
async function loadSourceProfile(fs: DiscoverFs, file: string, shown: string): Promise<LoadedSourceProfile | null> {
  try {
    await fs.stat(file)
  } catch {
    return null
  }
  // The reader (and the YAML parser) is loaded only for a folder that has a profile.
  const { readSourceProfile } = await import('../extract/source-profile.js')
  try {
    const bytes = await fs.readFile(file)
    const reading = readSourceProfile(shown, new TextDecoder().decode(bytes))
    return reading.ok ? { ok: true, profile: reading.profile, bytes } : { ok: false, path: shown, message: reading.message }
  } catch (error) {
    return { ok: false, path: shown, message: `${shown}: cannot read the file (${error instanceof Error ? error.message : String(error)})` }
  }
}

/** A page below an invalid source profile is not parsed: read without it, it would be read wrongly. */
function sourceRejected(shown: string, source: { message: string }): Quarantined {
  return { file: shown, stage: 'discover', message: `${shown}: not parsed, as its source profile is not valid: ${source.message}` }
}

async function readOrSkip(
  file: string,
  options: ReadPagesOptions & { displayPath?: string },
  source: LoadedSourceProfile | null = null,
): Promise<DiscoveredPage | UnreadPage> {
  const fs = options.fs ?? nodeDiscoverFs
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_PAGE_BYTES
  const shown = options.displayPath ?? file.split(path.sep).join('/')
  if (source && !source.ok) return sourceRejected(shown, source)
  try {
    const readAtMs = Date.now()
    const { size, mtimeMs } = await fs.stat(file)
    const known = options.known?.(shown)
    // A page under a source profile is always read (its stamp is not recorded, and a recorded one from before
    // the profile is not trusted): its hash covers the profile, so adding, editing or removing the profile
    // re-parses it, and a page that was read with a profile has no stamp to skip it by once the profile is gone.
    if (
      known &&
      !source &&
      mtimeMs !== undefined &&
      known.stamp.size === size &&
      known.stamp.mtimeMs === mtimeMs &&
      mtimeMs <= known.stamp.readAtMs - TRUSTED_AGE_MS
    ) {
      return { path: shown, contentHash: known.contentHash, unread: true }
    }
    if (size > maxBytes) {
      return {
        file: shown,
        stage: 'discover',
        message: `${shown}: file is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} page size limit; split the page or raise the limit (--max-page-bytes)`,
      }
    }
    const bytes = await fs.readFile(file)
    const page: PageInput = { path: shown, bytes, contentHash: source ? hashPageWithProfile(bytes, source.bytes) : hashContent(bytes) }
    if (source) page.sourceProfile = source.profile
    else if (mtimeMs !== undefined) page.stamp = { size, mtimeMs, readAtMs }
    return page
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return { file: shown, stage: 'discover', message: `${shown}: cannot read the file (${reason})` }
  }
}

type Found = { file: string; source: LoadedSourceProfile | null } | { unreadableDir: string; reason: string } | { skipped: string; kind: string }

/** Folder entries discover does not follow or read, by what they are. */
function specialKind(entry: DiscoverEntry): string | null {
  if (entry.isSymbolicLink?.()) return 'symbolic link'
  if (entry.isFIFO?.()) return 'FIFO'
  if (entry.isSocket?.()) return 'socket'
  if (entry.isBlockDevice?.() || entry.isCharacterDevice?.()) return 'device'
  return null
}

/**
 * Page files under `dir` in byte order, each with the nearest source profile above it (`inherited` at the top).
 * A subfolder that cannot be listed comes out as `unreadableDir` (the pages folder itself failing throws);
 * symbolic links, FIFOs, sockets and devices as `skipped`.
 */
async function* walkSorted(
  fs: DiscoverFs,
  dir: string,
  inherited: LoadedSourceProfile | null,
  display: (file: string) => string,
  top = false,
): AsyncGenerator<Found> {
  let entries: DiscoverEntry[]
  try {
    entries = await fs.readdir(dir, { withFileTypes: true })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return
    if (top) throw error
    yield { unreadableDir: dir, reason: code ?? (error instanceof Error ? error.message : String(error)) }
    return
  }
  let source = inherited
  const profileEntry = entries.find((e) => e.isFile() && e.name === SOURCE_PROFILE_FILE)
  if (profileEntry) {
    const file = path.join(dir, SOURCE_PROFILE_FILE)
    // An invalid profile is reported with each page below it, which is set aside (sourceRejected): the profile
    // itself is not a page, so it is not counted as one.
    source = await loadSourceProfile(fs, file, display(file))
  }
  // Byte order, not locale order: the same tree gives the same sequence on every machine.
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const entry of sorted) {
    const full = path.join(dir, entry.name)
    if (entry.name.startsWith('.')) continue
    if (entry.isDirectory()) {
      yield* walkSorted(fs, full, source, display)
    } else if (entry.isFile()) {
      if (isPageFile(entry.name)) yield { file: full, source }
    } else {
      const kind = specialKind(entry)
      if (kind) yield { skipped: full, kind }
    }
  }
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${bytes} bytes`
}
