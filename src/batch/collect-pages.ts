// Page collection: discover streams every page under raw/, the page cache holds back the pages it already has
// (same content, same parser), and the rest are parsed. What comes out is everything the build knows of its
// pages: the freshly parsed profiles, what to write to the cache, the pages that are gone, and a key per page.

import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { FileFinding, FileStamp, Logger, PageCacheEntry, PageInput, Quarantined, RoleProfile } from '../model/index.js'
import { readPageKeys, type CachedPageKey } from '../store/page-cache.js'
import type { StringTable } from './intern-strings.js'
import type { BuildStages } from './stages.js'

export interface CollectedPages {
  /** Profiles of the pages parsed this build (the reused pages' are added from the cache later). */
  profiles: RoleProfile[]
  rejected: Quarantined[]
  warnings: FileFinding[]
  cacheEntries: PageCacheEntry[]
  droppedPages: string[]
  reusedPaths: string[]
  /** Reused pages that were read again (their stamp changed, not their content), with their new stamp. */
  restamped: { path: string; stamp: FileStamp }[]
  /** Every page discover saw, with its content hash ("" for a file it could not read), in path order. */
  pageKeys: [string, string][]
  seen: number
  parsed: number
}

export interface CollectOptions {
  rawDir: string
  /** Parse every page again instead of reusing unchanged pages' results. */
  reparseAll: boolean
  /** Called when the pages found so far say how many roles there will be to classify. */
  expect: (expected: 'few' | 'many') => void
  /** Where the parsed pages' strings are interned (they come from the parser's workers, every string a copy). */
  strings?: StringTable
}

/** Pages parsed in one build from which the classifier is warmed up (see `BuildStages.warmClassifier`). */
const WARM_CLASSIFIER_AFTER = 400

/** Discovers the pages under `rawDir` and parses those the page cache does not hold. */
export async function collectPages(db: Kysely<Database>, stages: BuildStages, options: CollectOptions, logger: Logger): Promise<CollectedPages> {
  const keys: Map<string, CachedPageKey> = options.reparseAll ? new Map() : await readPageKeys(db)
  let keysForFolders: Map<string, CachedPageKey> | null = null
  const pageKeys: [string, string][] = []
  const reusedPaths: string[] = []
  const hashes = new Map<string, string>()
  const stamps = new Map<string, FileStamp>()
  const restamped: { path: string; stamp: FileStamp }[] = []
  // A rebuild usually has a page or two to classify: the classifier can load while discovery runs. (A build
  // with nothing changed stops before classifying and the stage stops it unused.)
  if (!options.reparseAll) options.expect('few')
  // A cached page whose file discover need not read again: parsed by this parser, its stamp recorded.
  const known = (path: string) => {
    const key = keys.get(path)
    return key?.stamp && key.parserVersion === stages.parserVersion ? { stamp: key.stamp, contentHash: key.contentHash } : undefined
  }
  // Stream discover's output into the parser, holding back the pages the cache already has.
  const skipped: string[] = []
  const onSkipped = (path: string, kind: string) => void skipped.push(`${path} (${kind})`)
  async function* changedPages(): AsyncIterable<PageInput | Quarantined> {
    for await (const item of stages.readPages(options.rawDir, known, onSkipped)) {
      if ('unread' in item) {
        pageKeys.push([item.path, item.contentHash])
        reusedPaths.push(item.path)
        continue
      }
      if (!('bytes' in item)) {
        if (item.file.endsWith('/')) {
          // A folder discover could not list: the pages the cache holds below it stay as they are (their roles
          // keep their current versions) instead of being taken for removed.
          keysForFolders ??= options.reparseAll ? await readPageKeys(db) : keys
          for (const [path, key] of keysForFolders) {
            if (!path.startsWith(item.file)) continue
            pageKeys.push([path, key.contentHash])
            reusedPaths.push(path)
          }
        }
        pageKeys.push([item.file, ''])
        yield item
        continue
      }
      pageKeys.push([item.path, item.contentHash])
      const key = keys.get(item.path)
      if (key && key.contentHash === item.contentHash && key.parserVersion === stages.parserVersion) {
        reusedPaths.push(item.path)
        // Read again with the same content (touched, checked out again): record its new stamp, so the next
        // build need not read it.
        if (item.stamp) restamped.push({ path: item.path, stamp: item.stamp })
      } else {
        hashes.set(item.path, item.contentHash)
        if (item.stamp) stamps.set(item.path, item.stamp)
        yield item
      }
    }
  }
  const collected: CollectedPages = {
    profiles: [],
    rejected: [],
    warnings: [],
    cacheEntries: [],
    droppedPages: [],
    reusedPaths,
    restamped,
    pageKeys,
    seen: 0,
    parsed: 0,
  }
  for await (const parsed of stages.parsePages(changedPages())) {
    const page = options.strings ? options.strings.intern(parsed) : parsed
    const contentHash = hashes.get(page.path)
    hashes.delete(page.path)
    collected.profiles.push(...page.profiles)
    collected.rejected.push(...page.rejected)
    collected.warnings.push(...page.warnings)
    // Pages discover could not read have no content hash: nothing to cache, they are read again next time.
    if (contentHash === undefined) continue
    collected.parsed += 1
    if (collected.parsed === WARM_CLASSIFIER_AFTER) options.expect('many')
    const stamp = stamps.get(page.path) ?? null
    stamps.delete(page.path)
    collected.cacheEntries.push({
      path: page.path,
      contentHash,
      parserVersion: stages.parserVersion,
      profiles: page.profiles,
      rejected: page.rejected,
      warnings: page.warnings,
      stamp,
    })
    // Discover runs ahead of the parser, so the pages it found and the cache does not hold are the total so far.
    logger.progress?.('parse', collected.parsed, Math.max(collected.parsed, pageKeys.length - reusedPaths.length))
  }
  logger.progress?.('parse', collected.parsed, collected.parsed)
  if (skipped.length > 0) {
    const shown = skipped.slice(0, 5).join(', ') + (skipped.length > 5 ? `, and ${skipped.length - 5} more` : '')
    logger.warn(
      `skipped ${skipped.length} ${skipped.length === 1 ? 'entry' : 'entries'} under pages/ that canon does not read (only folders and regular files are): ${shown}`,
      {
        skipped: skipped.length,
      },
    )
  }
  const present = new Set(pageKeys.map(([path]) => path))
  collected.droppedPages = options.reparseAll ? [] : [...keys.keys()].filter((path) => !present.has(path))
  collected.seen = pageKeys.length
  logger.info(`pages: ${collected.seen} seen, ${collected.parsed} parsed, ${reusedPaths.length} unchanged`, {
    seen: collected.seen,
    parsed: collected.parsed,
    reused: reusedPaths.length,
  })
  return collected
}
