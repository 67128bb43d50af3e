// One build at a time per database. On a server: a session-level Postgres advisory lock on a connection held
// for the whole build (it goes away with the process). Embedded: the data directory's lock file already keeps
// other processes out, and a flag keeps a second build in this process out. Either way a waiting build gives up
// after a timeout with LockHeldError (exit 75) naming the run that holds the lock.

import type { PoolClient } from 'pg'
import { LockHeldError, LockLostError } from '../errors.js'
import type { CanonDb } from './open.js'

export interface BuildLock {
  /** Records the holder's run, so a build that waits for the lock can name it. */
  setRunId(runId: number): Promise<void>
  /**
   * Throws LockLostError when the lock is no longer held: on a server, when the session that took it has ended
   * (terminated, connection lost), so another build may be running. A build calls it just before it commits.
   */
  verify(): Promise<void>
  release(): Promise<void>
}

export interface BuildLockOptions {
  /** How long to wait for the holder to finish (ms). */
  timeoutMs: number
  pollMs?: number
}

// Advisory lock keys: a constant for "canon build", and the schema's hash so two canons in two schemas of one
// database do not block each other.
const lockClass = 0x63616e6f

const applicationName = (runId: number | null) => (runId === null ? 'canon build (starting)' : `canon build run ${runId}`)

/** Waits up to `timeoutMs` for the build lock; throws LockHeldError naming the holder's run. */
export async function acquireBuildLock(db: CanonDb, options: BuildLockOptions): Promise<BuildLock> {
  return db.handles.pool ? acquireServerLock(db, options) : acquireEmbeddedLock(db, options)
}

async function acquireServerLock(db: CanonDb, options: BuildLockOptions): Promise<BuildLock> {
  const client = await db.handles.pool!.connect()
  try {
    const keyResult = await client.query<{ key: number }>(`select hashtext(current_schema()) & 2147483647 as key`)
    const key = keyResult.rows[0]!.key
    const deadline = Date.now() + options.timeoutMs
    for (;;) {
      const attempt = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1, $2) as ok', [lockClass, key])
      if (attempt.rows[0]?.ok) break
      if (Date.now() >= deadline) {
        throw new LockHeldError(await describeServerHolder(client, key, db.location))
      }
      await sleep(options.pollMs ?? 250)
    }
    await client.query(`select set_config('application_name', $1, false)`, [applicationName(null)])
    const backend = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid
    let released = false
    return {
      async verify() {
        // The same session (the pg client never reconnects on its own), still holding the advisory lock.
        const held = await client
          .query<{ ok: boolean }>(
            `select pg_backend_pid() = $3 and exists (select 1 from pg_locks where locktype = 'advisory' and granted and pid = pg_backend_pid()
               and classid = $1::int::oid and objid = $2::int::oid and objsubid = 2) as ok`,
            [lockClass, key, backend],
          )
          .then(
            (result) => Boolean(result.rows[0]?.ok),
            () => false,
          )
        if (!held) {
          throw new LockLostError(
            `the build lost its lock on ${db.location}: its database session (server pid ${backend}) ended, so another build may be running; nothing published, run the build again`,
          )
        }
      },
      async setRunId(runId) {
        await client.query(`select set_config('application_name', $1, false)`, [applicationName(runId)])
      },
      async release() {
        if (released) return
        released = true
        try {
          await client.query('select pg_advisory_unlock($1, $2)', [lockClass, key])
          client.release()
        } catch (error) {
          // The session is gone (and its lock with it): drop the connection rather than pool it.
          client.release(error as Error)
        }
      },
    }
  } catch (error) {
    client.release()
    throw error
  }
}

async function describeServerHolder(client: PoolClient, key: number, location: string): Promise<string> {
  const holder = await client.query<{ application_name: string; pid: number; backend_start: Date }>(
    `select a.application_name, a.pid, a.backend_start from pg_locks l join pg_stat_activity a on a.pid = l.pid
     where l.locktype = 'advisory' and l.granted and l.classid = $1::int::oid and l.objid = $2::int::oid and l.objsubid = 2`,
    [lockClass, key],
  )
  const row = holder.rows[0]
  const who = row ? `${row.application_name || 'another canon process'} (server pid ${row.pid}, connected ${row.backend_start.toISOString()})` : 'another build'
  return `${who} holds the build lock on ${location}; wait for it to finish and try again`
}

async function acquireEmbeddedLock(db: CanonDb, options: BuildLockOptions): Promise<BuildLock> {
  const handles = db.handles
  const deadline = Date.now() + options.timeoutMs
  while (handles.buildHolder) {
    if (Date.now() >= deadline) {
      throw new LockHeldError(`${applicationName(handles.buildHolder.runId)} holds the build lock on ${db.location}; wait for it to finish and try again`)
    }
    await sleep(options.pollMs ?? 100)
  }
  const holder = { runId: null as number | null }
  handles.buildHolder = holder
  return {
    async setRunId(runId) {
      holder.runId = runId
      await handles.fileLock?.setRunId(runId)
    },
    async verify() {
      // The data directory's lock file keeps other processes out for as long as this one runs.
    },
    async release() {
      if (handles.buildHolder === holder) handles.buildHolder = null
    },
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
