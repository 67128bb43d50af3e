// An exclusive lock file for the embedded database: PGlite's data directory must never be opened by two
// processes at once. The file names its holder (pid, and the build's run once known) so a waiting process
// can say who holds it. A lock left by a process that no longer exists is taken over. A pid alone does not say
// that: a container restarted after a kill runs canon as pid 1 again, so the file also records the machine's
// boot id and the holder's start time (from /proc), and a live pid with another start time is another process.

import { readFileSync } from 'node:fs'
import { link, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { CanonError, LockHeldError } from '../errors.js'

export interface LockHolder {
  pid: number
  command: string
  runId: number | null
  since: string
  /** The kernel's boot id and the process's start time (clock ticks since boot), where /proc has them. */
  bootId?: string
  startTicks?: number
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
  const identity = processIdentity(process.pid)
  const holder: LockHolder = { pid: process.pid, command: options.command, runId: null, since: new Date().toISOString(), ...identity }
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
    if (!isAlive(current.pid) || !sameProcess(current)) {
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
  const moved = await readHolder(aside).catch(() => null)
  if (moved !== null && isAlive(moved.pid) && sameProcess(moved)) await link(aside, path).catch(() => undefined)
  await rm(aside, { force: true })
}

async function readHolder(path: string): Promise<LockHolder | null> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw new CanonError(`cannot read the embedded database's lock file ${path}: ${(error as Error).message}`, { cause: error })
  }
  try {
    const holder = JSON.parse(text) as LockHolder
    if (typeof holder?.pid !== 'number') throw new Error('it names no process')
    return holder
  } catch (error) {
    // canon writes the file whole (link of a finished file), so this is damage or a hand edit: say what to do.
    throw new CanonError(
      `the embedded database's lock file ${path} is unreadable (${text.length === 0 ? 'empty' : (error as Error).message}); ` +
        'if no canon process is using this data directory, delete the file and run again',
      { cause: error },
    )
  }
}

/** The boot id and start time of process `pid`, where /proc has them (Linux); empty elsewhere. */
export function processIdentity(pid: number): { bootId?: string; startTicks?: number } {
  try {
    const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Field 22 (starttime); the command name (field 2) may hold spaces and parentheses, so count after its ')'.
    const startTicks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19])
    return Number.isFinite(startTicks) ? { bootId, startTicks } : { bootId }
  } catch {
    return {}
  }
}

/**
 * Whether the live process with the holder's pid is the holder: same boot and same start time when both are
 * known (after a reboot or a container restart the pid is someone else's).
 */
function sameProcess(holder: LockHolder): boolean {
  if (holder.bootId === undefined || holder.startTicks === undefined) return true
  const now = processIdentity(holder.pid)
  if (now.bootId === undefined) return true
  if (now.bootId !== holder.bootId) return false
  return now.startTicks === undefined || now.startTicks === holder.startTicks
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
