// discover: list the role pages under <raw>/pages and read them, with a content hash. A stream that keeps a
// small window of reads in flight (the disk and the hashing overlap) and yields pages in path order, so a build
// over 10,000 pages never holds more than that window.

import { createHash } from 'node:crypto'
import { readFile, statSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import type { FileStamp, PageInput, Quarantined, UnreadPage } from '../model/index.js'

/** Pages larger than this are quarantined unread (5 MB); override with `maxBytes`. */
export const DEFAULT_MAX_PAGE_BYTES = 5 * 1024 * 1024

/** File name endings that mark a role page; anything else under raw/pages (LICENSE, images) is not a page. */
export const PAGE_EXTENSIONS: readonly string[] = ['.html', '.htm', '.txt', '.md', '.markdown']

/** The file-system calls discover needs; `nodeDiscoverFs` by default, a fake in tests. */
export interface DiscoverFs {
  readdir(dir: string, options: { withFileTypes: true }): Promise<{ name: string; isDirectory(): boolean; isFile(): boolean }[]>
  /** `mtimeMs` may be absent (a fake without times): such a page is always read. */
  stat(file: string): Promise<{ size: number; mtimeMs?: number }>
  readFile(file: string): Promise<Uint8Array>
}

/** Pages read at once by default: enough to keep the disk and libuv's thread pool busy, few enough to hold. */
export const DEFAULT_READ_CONCURRENCY = 16

/**
 * The default DiscoverFs: node:fs's statSync, and its callback readFile wrapped in a promise. For pages of a few
 * KB the callback readFile takes about half the time of node:fs/promises' (a FileHandle and more hops).
 */
export const nodeDiscoverFs: DiscoverFs = {
  readdir: (dir, options) => readdir(dir, options),
  // Synchronous: a stat is a few microseconds, and a rebuild that skips unchanged files does little else per file
  // (10,000 stats: 55 ms this way, about 350 ms through libuv's thread pool).
  stat: async (file) => statSync(file),
  readFile: (file) => new Promise((resolve, reject) => readFile(file, (error, bytes) => (error ? reject(error) : resolve(bytes)))),
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

/** Whether a file name looks like a role page (by its ending). */
export function isPageFile(name: string): boolean {
  const lower = name.toLowerCase()
  return !name.startsWith('.') && PAGE_EXTENSIONS.some((ext) => lower.endsWith(ext))
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
  for await (const file of walkSorted(fs, pagesDir)) {
    const relative = path.relative(rawDir, file).split(path.sep).join('/')
    reading.push(readOrSkip(file, { ...options, fs, displayPath: relative }))
    if (reading.length >= window) yield await reading.shift()!
  }
  while (reading.length > 0) yield await reading.shift()!
}

/** Reads one page file (e.g. a `canon parse` argument) with the same size limit and hash as readPages. */
export async function readPageFile(file: string, options: Omit<ReadPagesOptions, 'known'> & { displayPath?: string } = {}): Promise<DiscoveredPage> {
  return (await readOrSkip(file, options)) as DiscoveredPage
}

async function readOrSkip(file: string, options: ReadPagesOptions & { displayPath?: string }): Promise<DiscoveredPage | UnreadPage> {
  const fs = options.fs ?? nodeDiscoverFs
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_PAGE_BYTES
  const shown = options.displayPath ?? file.split(path.sep).join('/')
  try {
    const readAtMs = Date.now()
    const { size, mtimeMs } = await fs.stat(file)
    const known = options.known?.(shown)
    if (known && mtimeMs !== undefined && known.stamp.size === size && known.stamp.mtimeMs === mtimeMs && mtimeMs <= known.stamp.readAtMs - TRUSTED_AGE_MS) {
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
    const page: PageInput = { path: shown, bytes, contentHash: hashContent(bytes) }
    if (mtimeMs !== undefined) page.stamp = { size, mtimeMs, readAtMs }
    return page
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return { file: shown, stage: 'discover', message: `${shown}: cannot read the file (${reason})` }
  }
}

async function* walkSorted(fs: DiscoverFs, dir: string): AsyncGenerator<string> {
  let entries: Awaited<ReturnType<DiscoverFs['readdir']>>
  try {
    entries = await fs.readdir(dir, { withFileTypes: true })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
    throw error
  }
  // Byte order, not locale order: the same tree gives the same sequence on every machine.
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const entry of sorted) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.')) yield* walkSorted(fs, full)
    } else if (entry.isFile() && isPageFile(entry.name)) {
      yield full
    }
  }
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${bytes} bytes`
}
