// discover: list the role pages under <raw>/pages and read them one at a time, with a content hash. A stream,
// so a build over 10,000 pages never holds more than the page in hand.

import { createHash } from 'node:crypto'
import * as nodeFs from 'node:fs/promises'
import path from 'node:path'
import type { PageInput, Quarantined } from '../model/index.js'

/** Pages larger than this are quarantined unread (5 MB); override with `maxBytes`. */
export const DEFAULT_MAX_PAGE_BYTES = 5 * 1024 * 1024

/** File name endings that mark a role page; anything else under raw/pages (LICENSE, images) is not a page. */
export const PAGE_EXTENSIONS: readonly string[] = ['.html', '.htm', '.txt', '.md', '.markdown']

/** The file-system calls discover needs; node:fs/promises by default, a fake in tests. */
export interface DiscoverFs {
  readdir(dir: string, options: { withFileTypes: true }): Promise<{ name: string; isDirectory(): boolean; isFile(): boolean }[]>
  stat(file: string): Promise<{ size: number }>
  readFile(file: string): Promise<Uint8Array>
}

export interface ReadPagesOptions {
  /** Largest page read, in bytes; larger files are quarantined with their size. Default 5 MB. */
  maxBytes?: number
  fs?: DiscoverFs
}

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
 * read one at a time; files over the size limit or unreadable come out as Quarantined entries instead.
 */
export async function* readPages(rawDir: string, options: ReadPagesOptions = {}): AsyncGenerator<DiscoveredPage> {
  const fs = options.fs ?? (nodeFs as unknown as DiscoverFs)
  const pagesDir = path.join(rawDir, 'pages')
  for await (const file of walkSorted(fs, pagesDir)) {
    const relative = path.relative(rawDir, file).split(path.sep).join('/')
    yield await readPageFile(file, { ...options, fs, displayPath: relative })
  }
}

/** Reads one page file (e.g. a `canon parse` argument) with the same size limit and hash as readPages. */
export async function readPageFile(
  file: string,
  options: ReadPagesOptions & { displayPath?: string } = {},
): Promise<DiscoveredPage> {
  const fs = options.fs ?? (nodeFs as unknown as DiscoverFs)
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_PAGE_BYTES
  const shown = options.displayPath ?? file.split(path.sep).join('/')
  try {
    const { size } = await fs.stat(file)
    if (size > maxBytes) {
      return {
        file: shown,
        stage: 'discover',
        message: `${shown}: file is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} page size limit; split the page or raise the limit (--max-page-bytes)`,
      }
    }
    const bytes = await fs.readFile(file)
    return { path: shown, bytes, contentHash: hashContent(bytes) }
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
