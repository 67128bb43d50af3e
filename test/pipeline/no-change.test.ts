// A build with nothing changed on the embedded database, proven from the receipt without starting the database
// (src/pipeline/no-change.ts): same summary and run record as the database path, its run journaled and written
// into `runs` by the next open, and the database path whenever anything (pages, edits, the database) changed.
import { existsSync } from 'node:fs'
import { appendFile, mkdir, readFile, rm, utimes, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { journalFile, readJournal, receiptFile } from '../../src/db/run-journal.js'
import { createWorkspace, type Workspace } from '../helpers/cli-workspace.js'

describe('canon build with nothing changed, without the embedded database', () => {
  let ws: Workspace
  let dataDir: string
  beforeEach(async () => {
    ws = await createWorkspace('pglite')
    dataDir = path.join(ws.dir, 'db')
  })
  afterEach(async () => {
    await ws.cleanup()
  })

  const runs = async () => {
    const db = await ws.open()
    try {
      return await db.selectFrom('runs').selectAll().orderBy('id').execute()
    } finally {
      await db.destroy()
    }
  }

  it('reports as the database path does, journals its run, and the next open writes it into runs', async () => {
    expect((await ws.canon(['build', ...ws.buildArgs])).exitCode).toBe(0)
    expect(existsSync(receiptFile(dataDir))).toBe(true)

    // The database path (the receipt removed), then the receipt's path, with nothing changed in between.
    await rm(receiptFile(dataDir))
    const slow = await ws.canon(['build', ...ws.buildArgs])
    expect(existsSync(journalFile(dataDir))).toBe(false)
    const fast = await ws.canon(['build', ...ws.buildArgs])
    expect(fast.exitCode).toBe(0)
    expect(fast.stdout).toBe(slow.stdout)
    expect(fast.stdout).toMatch(/^canon build: nothing changed; release 1 is current\n/)
    // Not opened: opening removes the receipt and writes the journal into runs.
    expect(existsSync(receiptFile(dataDir))).toBe(true)
    expect((await readJournal(dataDir)).map((run) => run.id)).toEqual([3])
    const messages = (text: string) =>
      text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => (JSON.parse(line) as { msg: string }).msg)
    expect(messages(fast.stderr)).toEqual(
      messages(slow.stderr).map((message) => message.replace('build run 2 started', 'build run 3 started').replace("run 1's", "run 2's")),
    )

    const again = await ws.canon(['build', ...ws.buildArgs])
    expect(again.stdout).toBe(slow.stdout)
    expect(again.stderr).toContain("inputs are the same as run 3's")

    const rows = await runs()
    expect(existsSync(journalFile(dataDir))).toBe(false)
    expect(existsSync(receiptFile(dataDir))).toBe(false)
    expect(rows.map((row) => [row.id, row.status, row.base_release, row.release_number])).toEqual([
      [1, 'published', null, 1],
      [2, 'unchanged', 1, null],
      [3, 'unchanged', 1, null],
      [4, 'unchanged', 1, null],
    ])
    const [, viaDatabase, viaReceipt] = rows
    expect(viaReceipt!.options).toEqual(viaDatabase!.options)
    const timing = /(_ms|^sameInputsAsRun)$/
    const steady = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([key]) => !timing.test(key)))
    expect(steady(viaReceipt!.counts)).toEqual(steady(viaDatabase!.counts))
    expect(viaReceipt!.counts['sameInputsAsRun']).toBe(2)
    expect(viaReceipt!.finished_at).not.toBeNull()

    // The sequence moved past the journaled runs: the next run record is 5.
    await ws.writePage('canon/second.txt', (await readFile(path.join(ws.dir, 'raw', 'pages', 'canon', 'seed.txt'), 'utf8')).replace(/DevOps/g, 'Platform'))
    const changed = await ws.canon(['build', ...ws.buildArgs])
    expect(changed.stderr).toContain('"msg":"build run 5 started"')
  })

  it('takes the database path when a page, an edits file or the database changed', async () => {
    // The workspace wrote its page just now: a stamp read within TRUSTED_AGE_MS of the page's mtime is not
    // trusted, and the next build would read the page again (the database path) however fast it runs.
    const seed = path.join(ws.dir, 'raw', 'pages', 'canon', 'seed.txt')
    const minuteAgo = new Date(Date.now() - 60_000)
    await utimes(seed, minuteAgo, minuteAgo)
    expect((await ws.canon(['build', ...ws.buildArgs])).exitCode).toBe(0)
    const viaReceipt = async () => {
      const before = (await readJournal(dataDir)).length
      const result = await ws.canon(['build', ...ws.buildArgs])
      expect(result.exitCode).toBe(0)
      return (await readJournal(dataDir)).length > before
    }
    expect(await viaReceipt()).toBe(true)

    // A page touched (same content): read again, its new stamp recorded by the database path.
    const twoMinutesAgo = new Date(Date.now() - 120_000)
    await utimes(seed, twoMinutesAgo, twoMinutesAgo)
    expect(await viaReceipt()).toBe(false)
    expect(await viaReceipt()).toBe(true)

    // A decision in an edits file.
    await mkdir(path.join(ws.dir, 'edits'), { recursive: true })
    await writeFile(path.join(ws.dir, 'edits', 'decisions.csv'), 'role_code,kind,status,author,reason\nEDE.GEN.P3,set_status,Approved,ana,reviewed\n')
    const decided = await ws.canon(['build', ...ws.buildArgs])
    expect(decided.exitCode).toBe(0)
    expect(existsSync(journalFile(dataDir))).toBe(false)
    expect(await viaReceipt()).toBe(true)

    // The data directory written by something else (a file's time changed): not proven, the database path.
    await utimes(path.join(dataDir, 'PG_VERSION'), minuteAgo, minuteAgo)
    expect(await viaReceipt()).toBe(false)

    // A journal line cut short by a kill is skipped, the others are written into runs.
    expect(await viaReceipt()).toBe(true)
    await appendFile(journalFile(dataDir), '{"id":99,"sta')
    const rows = await runs()
    expect(rows.at(-1)!.status).toBe('unchanged')
    expect(rows.some((row) => row.id === 99)).toBe(false)
    expect(rows.map((row) => row.id)).toEqual(rows.map((_, i) => i + 1))
  })
})
