// The page cache: each page's parse result, keyed by path, content hash and parser version, so a rebuild
// parses only the pages that changed and reuses what the database holds for the others.

import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { FileFinding, PageCacheEntry, Quarantined } from '../model/index.js'

export interface CachedPageKey {
  contentHash: string
  parserVersion: string
}

/** Path → key of every cached page (no content: cheap to read for 10,000 pages). */
export async function readPageKeys(db: Kysely<Database>): Promise<Map<string, CachedPageKey>> {
  const rows = await db.selectFrom('pages').select(['path', 'content_hash', 'parser_version']).execute()
  return new Map(rows.map((row) => [row.path, { contentHash: row.content_hash, parserVersion: row.parser_version }]))
}

/** The cached results of `paths`, read in chunks. */
export async function readCachedPages(db: Kysely<Database>, paths: readonly string[], chunkSize = 1_000): Promise<PageCacheEntry[]> {
  const entries: PageCacheEntry[] = []
  for (let start = 0; start < paths.length; start += chunkSize) {
    const rows = await db
      .selectFrom('pages')
      .select(['path', 'content_hash', 'parser_version', 'profiles', 'rejected', 'warnings'])
      .where('path', 'in', paths.slice(start, start + chunkSize))
      .orderBy('path')
      .execute()
    for (const row of rows) {
      entries.push({
        path: row.path,
        contentHash: row.content_hash,
        parserVersion: row.parser_version,
        profiles: row.profiles,
        rejected: row.rejected as Quarantined[],
        warnings: row.warnings as FileFinding[],
      })
    }
  }
  return entries
}
