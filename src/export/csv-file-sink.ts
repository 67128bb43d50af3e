// One export file being written (CSV, or an HDL .dat): rows go out in chunks as they come (bounded memory),
// with the byte count and SHA-256 kept on the way, and backpressure honoured.

import { createHash, type Hash } from 'node:crypto'
import { once } from 'node:events'
import type { Writable } from 'node:stream'
import type { ManifestFile } from '../model/index.js'
import type { Cell } from './profile.js'

/** Rows buffered before one papaparse call: enough to amortise the call, small enough to stay streaming. */
const rowsPerChunk = 512

/** How a file's header and rows become text (csv.ts for CSV, hdl.ts for HCM Data Loader). */
export interface RowEncoder {
  /** The header lines (none, one, or a template's two), each ending with the line ending. */
  header(rows: readonly (readonly string[])[]): string
  /** Data lines, each ending with the line ending (so chunks concatenate). */
  rows(rows: readonly (readonly Cell[])[]): string
}

export interface CsvSinkOptions {
  encoder: RowEncoder
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

  constructor(name: string, stream: Writable, headerRows: readonly (readonly string[])[], options: CsvSinkOptions) {
    this.#name = name
    this.#stream = stream
    this.#options = options
    // Without a listener an 'error' (disk full, permissions) would crash the process; keep it and rethrow.
    stream.on('error', (error) => {
      this.#failure ??= error
    })
    this.#enqueueText((options.bom ? '\uFEFF' : '') + options.encoder.header(headerRows))
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
    const text = this.#options.encoder.rows(this.#pending)
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
