// `out/latest`: where the current release's exports are, for people and scripts.
// A relative symlink `latest -> releases/<N>` (swapped atomically), plus `latest.json` naming the release,
// because a symlink does not survive every zip, file share or Windows checkout an HRIS admin may copy out/ to.

import { readFile, rename, rm, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'

/** Folder of one release's exports under `outDir`. */
export const releaseDir = (outDir: string, release: number): string => path.join(outDir, 'releases', String(release))

/** The release `outDir/latest.json` names, or null when there is none (or it cannot be read). */
export async function latestRelease(outDir: string): Promise<number | null> {
  try {
    const info = JSON.parse(await readFile(path.join(outDir, 'latest.json'), 'utf8')) as { release?: unknown }
    return typeof info.release === 'number' ? info.release : null
  } catch {
    return null
  }
}

/**
 * Points `outDir/latest` at release `release`, unless it already names a later one (`latest` only moves
 * forward: an export of an older release that finishes late leaves it alone). Returns whether it moved and
 * whether the symlink could be made (latest.json always is).
 */
export async function pointLatest(outDir: string, release: number): Promise<{ symlink: boolean; moved: boolean }> {
  const named = await latestRelease(outDir)
  if (named !== null && named > release) return { symlink: true, moved: false }
  const target = path.join('releases', String(release))
  const info = { release, path: target.split(path.sep).join('/') }
  const jsonTemp = path.join(outDir, `.latest.json.${process.pid}`)
  await writeFile(jsonTemp, `${JSON.stringify(info, null, 2)}\n`)
  await rename(jsonTemp, path.join(outDir, 'latest.json'))

  const linkTemp = path.join(outDir, `.latest.${process.pid}`)
  try {
    await rm(linkTemp, { force: true })
    await symlink(target, linkTemp, 'dir')
    await rename(linkTemp, path.join(outDir, 'latest'))
    return { symlink: true, moved: true }
  } catch (error) {
    await rm(linkTemp, { force: true })
    // Windows without the symlink privilege, or a file system without links: latest.json still says it.
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP') return { symlink: false, moved: true }
    throw error
  }
}
