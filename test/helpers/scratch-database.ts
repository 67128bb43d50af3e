// A database of its own on a Postgres server, for a bench run or a test of the command line, and a function
// that drops it again (forcing out any connection left open).

import pg from 'pg'

/** Creates `<prefix>_<pid>_<random>` on the server of `serverUrl`; returns its URL and how to drop it. */
export async function createScratchDatabase(serverUrl: string, prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
  const query = async (text: string) => {
    const client = new pg.Client({ connectionString: serverUrl })
    await client.connect()
    try {
      await client.query(text)
    } finally {
      await client.end()
    }
  }
  await query(`create database ${name}`)
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return { url: url.toString(), drop: () => query(`drop database if exists ${name} with (force)`) }
}
