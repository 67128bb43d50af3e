import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ClassifyPool } from '../../src/classify/classify-pool.js'
import { makeProfile } from '../helpers/profiles.js'

const echoWorker = new URL('../fixtures/workers/echo-classify-worker.mjs', import.meta.url)

/** A distinct word per number (0 → "aaa", 1 → "baa"): titles of different families, none read as a level code. */
const letters = (n: number) => [0, 1, 2].map((d) => String.fromCharCode(97 + (Math.floor(n / 26 ** d) % 26))).join('')

describe('ClassifyPool', () => {
  it('returns each role its rows in input order across batches and workers that answer out of order', async () => {
    const pool = new ClassifyPool(2, 'ref-dir', null, null, echoWorker)
    try {
      const roles = Array.from({ length: 450 }, (_, i) => makeProfile(`R${i}`))
      const rows = await pool.classify(roles)
      expect(rows).toHaveLength(450)
      expect(rows.map((row) => row[0]!.code)).toEqual(roles.map((role) => role.code))
      expect(rows[0]![0]!.evidence).toEqual(['ref-dir', 'built'])
      // The pool takes another call after the first.
      expect((await pool.classify([makeProfile('again')]))[0]![0]!.code).toBe('again')
    } finally {
      await pool.close()
    }
  })

  it('sends the levels of a role family together and still returns rows in input order when families interleave', async () => {
    const pool = new ClassifyPool(2, 'ref-dir', null, null, echoWorker)
    try {
      // Three 70-level families on three pages, interleaved: each family fits a batch only as a whole.
      const roles = Array.from({ length: 210 }, (_, i) =>
        makeProfile(`F${i % 3}.L${i}`, { title: `Engineer ${Math.floor(i / 3) + 1}`, source: { path: `pages/f${i % 3}.md`, format: 'md', contentHash: '' } }),
      )
      const rows = await pool.classify(roles)
      expect(rows.map((row) => row[0]!.code)).toEqual(roles.map((role) => role.code))
    } finally {
      await pool.close()
    }
  })

  it('has its first worker build the index and write the snapshot, then starts the others, which load it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'canon-pool-'))
    try {
      const snapshot = path.join(dir, 'index.v8')
      const pool = new ClassifyPool(2, 'ref-dir', snapshot, null, echoWorker)
      // 600 roles of distinct families (a family is sent whole to one worker), so both workers get work.
      const rows = await pool.classify(Array.from({ length: 600 }, (_, i) => makeProfile(`R${i}`, { title: `Specialist in ${letters(i)}` })))
      await pool.close()
      expect(await readFile(snapshot, 'utf8')).toBe('snapshot')
      expect(new Set(rows.map((row) => row[0]!.evidence[1]))).toEqual(new Set(['built', 'loaded']))
      // With the snapshot there, every worker loads it.
      const again = new ClassifyPool(2, 'ref-dir', snapshot, null, echoWorker)
      expect(new Set((await again.classify(Array.from({ length: 300 }, (_, i) => makeProfile(`S${i}`)))).map((row) => row[0]!.evidence[1]))).toEqual(
        new Set(['loaded']),
      )
      await again.close()
      // A pool started small (one page changed) grows when many roles turn up.
      const small = new ClassifyPool(1, 'ref-dir', snapshot, null, echoWorker)
      small.grow(2)
      expect(small.size).toBe(2)
      expect(await small.classify([makeProfile('T1'), makeProfile('T2')])).toHaveLength(2)
      await small.close()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('fails the call, naming the cause, when a worker dies', async () => {
    const pool = new ClassifyPool(1, 'ref-dir', null, null, echoWorker)
    try {
      await expect(pool.classify([makeProfile('ok'), makeProfile('crash')])).rejects.toThrow(/a classify worker failed: worker crashed on purpose/)
    } finally {
      await pool.close()
    }
  })
})
