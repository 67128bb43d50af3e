import { createHash } from 'node:crypto'
import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { CsvFileSink } from '../../src/export/csv-file-sink.js'
import { csvEncoder, encodeCsvRows } from '../../src/export/csv.js'
import type { Cell } from '../../src/export/profile.js'

/** A stream that keeps what it was given, slowly enough (small buffer) to push back. */
function collectingStream(): { stream: PassThrough; bytes: () => Buffer } {
  const stream = new PassThrough({ highWaterMark: 1024 })
  const chunks: Buffer[] = []
  stream.on('data', (chunk: Buffer) => chunks.push(chunk))
  return { stream, bytes: () => Buffer.concat(chunks) }
}

describe('CsvFileSink', () => {
  it('writes the header and rows byte for byte as one encoding of the whole file, with its size and SHA-256', async () => {
    // Long values (over the sink's buffer), characters of 1 to 4 UTF-8 bytes, many small rows: every path of the buffer.
    const rows: Cell[][] = [
      ['a'.repeat(700_000), 'Zürich – 😀'],
      ['€'.repeat(300_000), null],
      ...Array.from({ length: 20_000 }, (_, i): Cell[] => [`row ${i}, "quoted"`, i % 2 === 0 ? 'ß😀' : i]),
    ]
    const { stream, bytes } = collectingStream()
    const sink = new CsvFileSink('x.csv', stream, [['text', 'other']], { encoder: csvEncoder('import', 'crlf'), bom: true })
    for (let i = 0; i < rows.length; i += 7) await sink.write(rows.slice(i, i + 7))
    const file = await sink.close()
    const expected = Buffer.from(`\uFEFF${encodeCsvRows([['text', 'other']], 'import', 'crlf')}${encodeCsvRows(rows, 'import', 'crlf')}`, 'utf8')
    expect(bytes().equals(expected)).toBe(true)
    expect(file).toEqual({ name: 'x.csv', rows: rows.length, bytes: expected.length, sha256: createHash('sha256').update(expected).digest('hex') })
  })

  it('reports a stream failure as the file that could not be written', async () => {
    const { stream } = collectingStream()
    const sink = new CsvFileSink('broken.csv', stream, [['a']], { encoder: csvEncoder('import', 'lf'), bom: false })
    stream.destroy(new Error('disk full'))
    await new Promise((resolve) => setImmediate(resolve))
    await expect(sink.write([['x']])).rejects.toThrow('could not write broken.csv: disk full')
  })
})
