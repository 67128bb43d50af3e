import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { acquireBuildLock } from '../../src/db/build-lock.js'
import { acquireFileLock, processIdentity } from '../../src/db/file-lock.js'
import { CanonError, LockHeldError, LockLostError } from '../../src/errors.js'
import { ExitCode, exitCodeOfError } from '../../src/exit-codes.js'
import { testBackends, useTestDatabase } from '../helpers/databases.js'

describe.each(testBackends)('the build lock on %s', (backend) => {
  const t = useTestDatabase(backend)

  it('makes a second build wait, then fail with exit 75 naming the run that holds it', async () => {
    const first = await acquireBuildLock(t.db, { timeoutMs: 1_000 })
    await first.setRunId(7)
    const other = backend === 'postgres' ? await t.current.reopen() : t.db
    try {
      const started = Date.now()
      const second = acquireBuildLock(other, { timeoutMs: 400, pollMs: 50 })
      await expect(second).rejects.toThrow(LockHeldError)
      await expect(second).rejects.toThrow(/canon build run 7/)
      expect(Date.now() - started).toBeGreaterThanOrEqual(400)
      await second.catch((error: LockHeldError) => expect(exitCodeOfError(error)).toBe(ExitCode.locked))
    } finally {
      if (other !== t.db) await other.destroy()
    }
    await first.release()
  })

  it('lets the waiting build in as soon as the holder releases the lock', async () => {
    const first = await acquireBuildLock(t.db, { timeoutMs: 1_000 })
    const second = acquireBuildLock(t.db, { timeoutMs: 5_000, pollMs: 20 })
    setTimeout(() => void first.release(), 100)
    const lock = await second
    await lock.release()
  })
})

describe.each(testBackends.filter((backend) => backend === 'postgres'))('the build lock on %s, when its session ends', (backend) => {
  const t = useTestDatabase(backend)

  it('notices when its session (and so its advisory lock) ended, so the build stops before it commits', async () => {
    const lock = await acquireBuildLock(t.db, { timeoutMs: 1_000 })
    await lock.verify()
    await t.current.admin(
      `select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'canon build (starting)' and datname = current_database()`,
    )
    await expect(lock.verify()).rejects.toThrow(LockLostError)
    await expect(lock.verify()).rejects.toThrow(/the build lost its lock on .*: its database session \(server pid \d+\) ended/)
    await lock.release()
    // Another build can take the lock now.
    const next = await acquireBuildLock(t.db, { timeoutMs: 1_000 })
    await next.release()
  })
})

describe('the embedded database lock file', () => {
  let dir = ''
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'canon-lock-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('refuses a second holder after the timeout, naming the first holder’s run and pid', async () => {
    const file = path.join(dir, 'db.lock')
    const first = await acquireFileLock(file, { command: 'canon build', timeoutMs: 0 })
    await first.setRunId(12)
    await expect(acquireFileLock(file, { command: 'canon releases', timeoutMs: 150, pollMs: 20 })).rejects.toThrow(
      new RegExp(`canon build, run 12, pid ${process.pid}`),
    )
    await first.release()
    const again = await acquireFileLock(file, { command: 'canon releases', timeoutMs: 0 })
    await again.release()
  })

  it('takes over a lock left by a process that no longer exists', async () => {
    const file = path.join(dir, 'db.lock')
    await writeFile(file, JSON.stringify({ pid: 999_999_999, command: 'canon build', runId: 3, since: '2026-01-01T00:00:00.000Z' }))
    const lock = await acquireFileLock(file, { command: 'canon build', timeoutMs: 0, isAlive: () => false })
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ pid: process.pid })
    await lock.release()
  })
})

describe('the embedded database lock file, after a restart or damage', () => {
  let dir = ''
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'canon-lock-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('takes over a lock whose pid is alive but is another process (a container restarted as the same pid)', async () => {
    const file = path.join(dir, 'db.lock')
    const me = processIdentity(process.pid)
    expect(me.bootId).toBeTruthy()
    // The lock names this very pid, from a process that started earlier: what pid 1 finds after a restart.
    await writeFile(
      file,
      JSON.stringify({ pid: process.pid, command: 'canon build', runId: 3, since: '2026-01-01T00:00:00.000Z', ...me, startTicks: me.startTicks! - 1 }),
    )
    const started = Date.now()
    const lock = await acquireFileLock(file, { command: 'canon build', timeoutMs: 5_000 })
    expect(Date.now() - started).toBeLessThan(1_000)
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ pid: process.pid, startTicks: me.startTicks })
    await lock.release()
  })

  it('still waits for a live holder that is the process it names', async () => {
    const file = path.join(dir, 'db.lock')
    await writeFile(
      file,
      JSON.stringify({ pid: process.pid, command: 'canon build', runId: 3, since: '2026-01-01T00:00:00.000Z', ...processIdentity(process.pid) }),
    )
    await expect(acquireFileLock(file, { command: 'canon build', timeoutMs: 100, pollMs: 20 })).rejects.toThrow(LockHeldError)
  })

  it('an empty or truncated lock file gets a clear message naming the file and what to do, not a stack trace', async () => {
    const file = path.join(dir, 'db.lock')
    for (const text of ['', '{"pid": 12']) {
      await writeFile(file, text)
      const error = await acquireFileLock(file, { command: 'canon build', timeoutMs: 0 }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(CanonError)
      expect((error as Error).message).toMatch(
        new RegExp(
          `^the embedded database's lock file ${file} is unreadable \\(.+\\); if no canon process is using this data directory, delete the file and run again$`,
        ),
      )
    }
  })
})

describe('the embedded database on disk', () => {
  const t = useTestDatabase('pglite', { onDisk: true })

  it('cannot be opened by a second process while the first has it open', async () => {
    await expect(t.current.reopen({ lockTimeoutMs: 100 })).rejects.toThrow(LockHeldError)
  })
})
