// The pg client behind a kysely transaction on the server. Kysely sends only queries with parameters; COPY … FROM
// STDIN needs the client itself, on the transaction's own connection so the rows commit or roll back with it.

import { sql, type Transaction } from 'kysely'
import type pg from 'pg'
import type { CanonDb } from './open.js'
import type { Database } from './schema.js'

/** Server only: the pool client serving `trx` (found by its backend pid); null on PGlite or when not found. */
export async function sessionClientOf(db: CanonDb, trx: Transaction<Database>): Promise<pg.PoolClient | null> {
  const clients = db.handles.poolClients
  if (!clients) return null
  const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)
  const pid = rows[0]?.pid
  // pg sets processID from the server's BackendKeyData message; its type declarations leave it out.
  for (const client of clients) if ((client as pg.PoolClient & { processID?: number }).processID === pid) return client
  return null
}
