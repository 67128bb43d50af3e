// The page cache: each page's parse result, keyed by path, content hash and parser version, so a rebuild
// parses only the pages that changed and reuses what the database holds for the others.

import { sql, type Kysely, type Selectable } from 'kysely'
import type { Database, PagesTable } from '../db/schema.js'
import type { FileFinding, FileStamp, PageCacheEntry, Quarantined } from '../model/index.js'

const entryColumns = ['path', 'content_hash', 'parser_version', 'profiles', 'rejected', 'warnings'] as const

export interface CachedPageKey {
  contentHash: string
  parserVersion: string
  /** The file's stamp when it was read (null: not recorded). */
  stamp: FileStamp | null
}

/** Path → key of every cached page (no content: cheap to read for 10,000 pages). */
export async function readPageKeys(db: Kysely<Database>): Promise<Map<string, CachedPageKey>> {
  const rows = await db.selectFrom('pages').select(['path', 'content_hash', 'parser_version', 'file_size', 'file_mtime_ms', 'read_at_ms']).execute()
  return new Map(
    rows.map((row) => [
      row.path,
      {
        contentHash: row.content_hash,
        parserVersion: row.parser_version,
        stamp:
          row.file_size === null || row.file_mtime_ms === null || row.read_at_ms === null
            ? null
            : { size: row.file_size, mtimeMs: row.file_mtime_ms, readAtMs: row.read_at_ms },
      },
    ]),
  )
}

/** The cached results of `paths`, read in chunks. */
export async function readCachedPages(db: Kysely<Database>, paths: readonly string[], chunkSize = 1_000): Promise<PageCacheEntry[]> {
  const entries: PageCacheEntry[] = []
  for (let start = 0; start < paths.length; start += chunkSize) {
    const rows = await db
      .selectFrom('pages')
      .select(entryColumns)
      .where('path', 'in', paths.slice(start, start + chunkSize))
      .orderBy('path')
      .execute()
    for (const row of rows) entries.push(toEntry(row))
  }
  return entries
}

/** The cached pages, other than `except`, that define any of the roles `codes`. */
export async function readPagesDefining(db: Kysely<Database>, codes: readonly string[], except: readonly string[]): Promise<PageCacheEntry[]> {
  if (codes.length === 0) return []
  const rows = await db
    .selectFrom('pages')
    .select(entryColumns)
    .where('role_codes', '&&', sql<string[]>`${codes}::text[]`)
    .where(sql<boolean>`not (path = any(${except}::text[]))`)
    .orderBy('path')
    .execute()
  return rows.map(toEntry)
}

function toEntry(row: Pick<Selectable<PagesTable>, (typeof entryColumns)[number]>): PageCacheEntry {
  return {
    path: row.path,
    contentHash: row.content_hash,
    parserVersion: row.parser_version,
    profiles: row.profiles,
    rejected: row.rejected as Quarantined[],
    warnings: row.warnings as FileFinding[],
  }
}

/** Records new stamps for cached pages read again with unchanged content. */
export async function restampPages(db: Kysely<Database>, pages: readonly { path: string; stamp: FileStamp }[]): Promise<void> {
  if (pages.length === 0) return
  await sql`
    update pages set file_size = stamp.size, file_mtime_ms = stamp.mtime, read_at_ms = stamp.read_at
    from unnest(${pages.map((page) => page.path)}::text[], ${pages.map((page) => page.stamp.size)}::float8[],
      ${pages.map((page) => page.stamp.mtimeMs)}::float8[], ${pages.map((page) => page.stamp.readAtMs)}::float8[])
      as stamp(path, size, mtime, read_at)
    where pages.path = stamp.path`.execute(db)
}
