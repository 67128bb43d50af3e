// An exclusive lock file for the embedded database: PGlite's data directory must never be opened by two
// processes at once. The file names its holder (pid, and the build's run once known) so a waiting process
// can say who holds it. A lock left by a process that no longer exists is taken over.

import { link, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { LockHeldError } from '../errors.js'

export interface LockHolder {
  pid: number
  command: string
  runId: number | null
  since: string
}

export interface FileLock {
  readonly path: string
  /** Records the holder's run so waiting processes can name it. */
  setRunId(runId: number): Promise<void>
  release(): Promise<void>
}

export interface FileLockOptions {
  command: string
  timeoutMs: number
  pollMs?: number
  /** Whether a process is alive; injectable for tests. */
  isAlive?: (pid: number) => boolean
}

/** Takes `path` exclusively, waiting up to `timeoutMs` for a live holder; throws LockHeldError naming it. */
export async function acquireFileLock(path: string, options: FileLockOptions): Promise<FileLock> {
  const isAlive = options.isAlive ?? processIsAlive
  const deadline = Date.now() + options.timeoutMs
  const holder: LockHolder = { pid: process.pid, command: options.command, runId: null, since: new Date().toISOString() }
  for (;;) {
    // Write the holder to a private file, then link it into place: the lock file never exists half-written.
    const draft = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`
    await writeFile(draft, JSON.stringify(holder))
    try {
      await link(draft, path)
      return lockHandle(path, holder)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    } finally {
      await rm(draft, { force: true })
    }
    const current = await readHolder(path)
    if (current === null) continue
    if (!isAlive(current.pid)) {
      await clearStaleLock(path, isAlive)
      continue
    }
    if (Date.now() >= deadline) throw new LockHeldError(describeHolder(path, current))
    await sleep(options.pollMs ?? 200)
  }
}

function lockHandle(path: string, holder: LockHolder): FileLock {
  let released = false
  return {
    path,
    async setRunId(runId) {
      holder.runId = runId
      const draft = `${path}.${process.pid}.run`
      await writeFile(draft, JSON.stringify(holder))
      await rename(draft, path)
    },
    async release() {
      if (released) return
      released = true
      await rm(path, { force: true })
    },
  }
}

// The holder died without unlocking (a killed build): its lock is void. Move it aside first, so that when two
// waiters race, the one that moved a live lock by mistake can put it back.
async function clearStaleLock(path: string, isAlive: (pid: number) => boolean): Promise<void> {
  const aside = `${path}.stale.${process.pid}.${Math.random().toString(36).slice(2)}`
  try {
    await rename(path, aside)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
    throw error
  }
  const moved = await readHolder(aside)
  if (moved !== null && isAlive(moved.pid)) await link(aside, path).catch(() => undefined)
  await rm(aside, { force: true })
}

async function readHolder(path: string): Promise<LockHolder | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as LockHolder
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

function describeHolder(path: string, holder: LockHolder): string {
  const run = holder.runId === null ? 'a run not yet recorded' : `run ${holder.runId}`
  return (
    `another canon process holds the embedded database (${holder.command}, ${run}, pid ${holder.pid}, since ${holder.since}); ` +
    `wait for it to finish and try again (lock file ${path})`
  )
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
