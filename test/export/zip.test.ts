import { execFileSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { zipStored } from '../../src/export/zip.js'

describe('zipStored', () => {
  it('writes a zip other tools read back, entry for entry, the same bytes every time', async () => {
    const entries = [
      { name: 'JobFamily.dat', data: Buffer.from('METADATA|JobFamily|A\nMERGE|JobFamily|ü\n') },
      { name: 'Job.dat', data: Buffer.from('') },
    ]
    const zip = zipStored(entries)
    expect(zipStored(entries).equals(zip)).toBe(true)
    const dir = await mkdtemp(path.join(tmpdir(), 'canon-zip-'))
    try {
      const file = path.join(dir, 'x.zip')
      await writeFile(file, zip)
      const listing = execFileSync(
        'python3',
        [
          '-c',
          'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print("\\n".join(i.filename + "=" + z.read(i).decode() for i in z.infolist()))',
          file,
        ],
        { encoding: 'utf8' },
      )
      expect(listing).toBe('JobFamily.dat=METADATA|JobFamily|A\nMERGE|JobFamily|ü\n\nJob.dat=\n')
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
