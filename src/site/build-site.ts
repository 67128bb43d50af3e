// `canon site`: reads one release (its roles with neighbours and history, the diff since the release before,
// what needs review, its possible duplicates), renders the static site and writes it to
// <out>/releases/<N>/site/, replacing an earlier one only once every file is written.

import { mkdirSync, writeFileSync } from 'node:fs'
import { readFile, rename, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { Kysely } from 'kysely'
import { unresolvedDuplicates } from '../adjacency/duplicate-decisions.js'
import type { Database } from '../db/schema.js'
import { readReleaseDuplicates } from '../store/adjacency.js'
import { listDecisions } from '../store/decisions.js'
import { diffReleases } from '../store/diff.js'
import { readReleaseCodes, readReleaseProfiles } from '../store/profiles.js'
import { getCurrentRelease, getRelease, listReleases } from '../store/releases.js'
import { readReviewItems } from '../store/review-items.js'
import { readRoleHistory } from '../store/role-history.js'
import { rolePageFile, siteFiles, siteRoleEntry, type SiteFile, type SiteRole, type SiteRoleEntry } from './render-site.js'

export interface SiteOptions {
  /** The release (default: the current one). */
  release?: number
  /** The out folder: the site goes to <outDir>/releases/<N>/site/. */
  outDir: string
}

export interface SiteSummary {
  release: number
  dir: string
  files: number
  roles: number
}

/** The MiniSearch build the pages load (its UMD bundle, from the package). */
async function minisearchBundle(): Promise<string> {
  const entry = createRequire(import.meta.url).resolve('minisearch')
  return readFile(path.join(path.dirname(entry), '..', 'umd', 'index.js'), 'utf8')
}

/** Renders and writes the site of one release; throws when the database holds no such release. */
export async function buildSite(db: Kysely<Database>, options: SiteOptions): Promise<SiteSummary> {
  const info = options.release === undefined ? await getCurrentRelease(db) : await getRelease(db, options.release)
  if (!info)
    throw new Error(
      options.release === undefined
        ? 'the database holds no release yet; run canon build first'
        : `release ${options.release} does not exist; canon releases lists them`,
    )
  const release = info.number
  const dir = path.join(options.outDir, 'releases', String(release), 'site')
  const staging = `${dir}.partial-${process.pid}`
  await rm(staging, { recursive: true, force: true })
  const write = fileWriter(staging)

  // Each role's page is written as its profile is read, and only its entry (the few fields the grid, the search
  // index and links read) is kept: the site of 10,000 roles does not hold every profile and page at once.
  const history = await readRoleHistory(db, release)
  const codes = new Set(await readReleaseCodes(db, release))
  const roles: SiteRoleEntry[] = []
  for await (const row of readReleaseProfiles(db, release)) {
    const role: SiteRole = {
      profile: row.profile,
      state: row.state,
      version: row.version,
      neighbours: row.neighbours ?? [],
      history: history.get(row.profile.code) ?? [],
    }
    await write(rolePageFile(role, info, codes))
    roles.push(siteRoleEntry(role))
  }
  const previous =
    (await listReleases(db))
      .map((r) => r.number)
      .filter((n) => n < release)
      .sort((a, b) => b - a)[0] ?? null
  const diff = previous === null ? null : await diffReleases(db, previous, release)
  const decisions = (await listDecisions(db, 100_000)).filter((d) => d.kind === 'mark_distinct' || d.kind === 'merge_into')
  const duplicates = unresolvedDuplicates(await readReleaseDuplicates(db, release), decisions)
  const review = info.isCurrent ? await readReviewItems(db) : null
  const files = siteFiles({ release: info, roles, diff, review, duplicates }, await minisearchBundle())
  for (const file of files) await write(file)

  await rm(dir, { recursive: true, force: true })
  await rename(staging, dir)
  return { release, dir, files: files.length + roles.length, roles: roles.length }
}

/** Files written between two turns of the event loop (see fileWriter). */
const FILES_PER_TURN = 256

/**
 * Writes files under `dir`, each folder made once. Synchronous writes, yielding to the event loop every few
 * hundred files: a site is thousands of small files, and each asynchronous write is three trips to libuv's
 * thread pool (open, write, close) plus a folder check, which cost more than writing (10,000 role pages: about
 * 10 s awaited one by one, under 1 s written so).
 */
function fileWriter(dir: string): (file: SiteFile) => Promise<void> {
  const made = new Set<string>()
  let written = 0
  return async (file) => {
    const target = path.join(dir, ...file.path.split('/'))
    const folder = path.dirname(target)
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true })
      made.add(folder)
    }
    writeFileSync(target, file.content)
    written += 1
    if (written % FILES_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve))
  }
}
