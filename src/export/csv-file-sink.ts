// One CSV file being written: rows go out in chunks as they come (bounded memory), with the byte count and
// SHA-256 kept on the way, and backpressure honoured.

import { createHash, type Hash } from 'node:crypto'
import { once } from 'node:events'
import type { Writable } from 'node:stream'
import type { ExportMode, LineEnding, ManifestFile } from '../model/index.js'
import { encodeCsvRows } from './csv.js'
import type { Cell } from './profile.js'

/** Rows buffered before one papaparse call: enough to amortise the call, small enough to stay streaming. */
const rowsPerChunk = 512

export interface CsvSinkOptions {
  mode: ExportMode
  eol: LineEnding
  bom: boolean
}

export class CsvFileSink {
  readonly #name: string
  readonly #stream: Writable
  readonly #options: CsvSinkOptions
  readonly #hash: Hash = createHash('sha256')
  #pending: Cell[][] = []
  #rows = 0
  #bytes = 0
  #failure: Error | null = null

  constructor(name: string, stream: Writable, headers: readonly string[], options: CsvSinkOptions) {
    this.#name = name
    this.#stream = stream
    this.#options = options
    // Without a listener an 'error' (disk full, permissions) would crash the process; keep it and rethrow.
    stream.on('error', (error) => {
      this.#failure ??= error
    })
    // The header is canon's own text: encoded in import mode so it is never rewritten.
    const header = encodeCsvRows([headers], 'import', options.eol)
    this.#enqueueText((options.bom ? '\uFEFF' : '') + header)
  }

  /** Adds rows; resolves once the stream can take more. */
  async write(rows: Cell[][]): Promise<void> {
    this.#throwIfFailed()
    for (const row of rows) this.#pending.push(row)
    this.#rows += rows.length
    if (this.#pending.length >= rowsPerChunk) await this.#flush()
  }

  /** Writes what is buffered, ends the file and reports it for the manifest. */
  async close(): Promise<ManifestFile> {
    await this.#flush()
    this.#throwIfFailed()
    this.#stream.end()
    await once(this.#stream, 'finish')
    return { name: this.#name, rows: this.#rows, bytes: this.#bytes, sha256: this.#hash.digest('hex') }
  }

  /** Stops writing without finishing the file (the caller discards it). */
  abort(): void {
    this.#pending = []
    this.#stream.destroy()
  }

  async #flush(): Promise<void> {
    if (this.#pending.length === 0) return
    const text = encodeCsvRows(this.#pending, this.#options.mode, this.#options.eol)
    this.#pending = []
    if (!this.#enqueueText(text)) await once(this.#stream, 'drain')
  }

  #throwIfFailed(): void {
    if (this.#failure) throw new Error(`could not write ${this.#name}: ${this.#failure.message}`, { cause: this.#failure })
  }

  #enqueueText(text: string): boolean {
    const bytes = Buffer.from(text, 'utf8')
    this.#hash.update(bytes)
    this.#bytes += bytes.length
    return this.#stream.write(bytes)
  }
}
