// The real stages wired into a build: ingest's discover and parse, the reference loader, the aliases stage.
// Kept apart from run-build so the orchestration is tested with in-test stages.

import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { referenceTitlesFromReference } from '../aliases/reference-titles.js'
import { scoreAliases } from '../aliases/score-aliases.js'
import { readPages } from '../discover/read-pages.js'
import type { ReferenceData } from '../model/index.js'
import { parsePages } from '../parse/parse-pages.js'
import { readReference } from '../reference/read-reference.js'
import type { BuildStages } from './stages.js'

export interface RealStageOptions {
  /** Parser worker threads (default: ingest's choice for this machine). */
  workers?: number
  /** Largest page read, in bytes (default: ingest's 5 MB). */
  maxPageBytes?: number
}

// The parser's own code is part of the page cache key: any change to it re-parses every page once.
const parserFolders = ['discover', 'extract', 'parse', 'normalize']

/** A fingerprint of the code that turns page bytes into profiles (its module files' contents). */
export async function parserFingerprint(): Promise<string> {
  const srcDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
  const hash = createHash('sha256')
  for (const folder of parserFolders) {
    const dir = path.join(srcDir, folder)
    const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => /\.(js|ts)$/.test(name) && !name.endsWith('.d.ts')).sort()
    for (const name of names) hash.update(`${folder}/${name}\0`).update(await readFile(path.join(dir, name)))
  }
  return hash.digest('hex').slice(0, 16)
}

/** The stages as `canon build` runs them. */
export async function realStages(options: RealStageOptions = {}): Promise<BuildStages> {
  const titlesByReference = new WeakMap<ReferenceData, ReturnType<typeof referenceTitlesFromReference>>()
  return {
    parserVersion: await parserFingerprint(),
    readPages: (rawDir) => readPages(rawDir, options.maxPageBytes !== undefined ? { maxBytes: options.maxPageBytes } : {}),
    // Cached pages are not parsed again, so the parser's cross-page duplicate check cannot see every page:
    // planRelease checks duplicate role codes over the whole build instead.
    parsePages: (pages) => parsePages(pages, { checkDuplicates: false, ...(options.workers !== undefined ? { workers: options.workers } : {}) }),
    readReference,
    classifyRoles(profiles, _reference, logger) {
      // Not wired yet: the classifier's batch entry point has not landed. Pages keep the codes they declare.
      logger.warn('classification is not wired into the build yet: roles keep the codes their pages declare')
      return { ok: profiles, rejected: [], warnings: [] }
    },
    scoreAliases(profiles, reference, decisions) {
      let referenceTitles = titlesByReference.get(reference)
      if (!referenceTitles) titlesByReference.set(reference, (referenceTitles = referenceTitlesFromReference(reference)))
      return scoreAliases(profiles, { referenceTitles, decisions })
    },
  }
}
