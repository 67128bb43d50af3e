// One export file being written (CSV, or an HDL .dat): each row's cells are encoded straight into a buffer as
// UTF-8 (no line or chunk string is built only to be copied into bytes: on 100 MB exports those copies and their
// garbage collection cost more than the encoding), and the buffer goes to the file and the SHA-256 once it holds
// enough, so memory stays bounded; backpressure honoured.

import { createHash, type Hash } from 'node:crypto'
import { once } from 'node:events'
import type { Writable } from 'node:stream'
import type { ManifestFile } from '../model/index.js'
import type { Cell } from './profile.js'

/** Bytes gathered before a write to the file: large enough to amortise the call, small enough to stay streaming. */
const flushBytes = 256 * 1024

/** Text up to this length is tried as ASCII first. */
const shortText = 32

/** UTF-8 takes at most 3 bytes per UTF-16 code unit (a surrogate pair, 2 units, takes 4). */
const maxBytesPerUnit = 3

/** Where an encoder puts a row: text as UTF-8, and single ASCII characters (delimiters, quotes) by code. */
export interface ByteOutput {
  text(text: string): void
  ascii(code: number): void
}

/** How a file's header and rows become text (csv.ts for CSV, hdl.ts for HCM Data Loader). */
export interface RowEncoder {
  /** The line ending every line, the last included, ends with. */
  eol: string
  /** The header lines (none, one, or a template's two), each ending with the line ending. */
  header(rows: readonly (readonly string[])[]): string
  /** Data lines, each ending with the line ending (so chunks concatenate). */
  rows(rows: readonly (readonly Cell[])[]): string
  /** One data line without its line ending, into `out`: the same bytes `rows` gives, with no string built. */
  writeRow(row: readonly Cell[], out: ByteOutput): void
}

export interface CsvSinkOptions {
  encoder: RowEncoder
  bom: boolean
}

export class CsvFileSink implements ByteOutput {
  readonly #name: string
  readonly #stream: Writable
  readonly #encoder: RowEncoder
  readonly #hash: Hash = createHash('sha256')
  #buffer: Buffer = Buffer.allocUnsafe(flushBytes * 2)
  #used = 0
  #rows = 0
  #bytes = 0
  #failure: Error | null = null
  /** The stream asked to wait ('drain') after a hand-over. */
  #pressure = false

  constructor(name: string, stream: Writable, headerRows: readonly (readonly string[])[], options: CsvSinkOptions) {
    this.#name = name
    this.#stream = stream
    this.#encoder = options.encoder
    // Without a listener an 'error' (disk full, permissions) would crash the process; keep it and rethrow.
    stream.on('error', (error) => {
      this.#failure ??= error
    })
    this.text((options.bom ? '\uFEFF' : '') + options.encoder.header(headerRows))
  }

  /** Adds rows; resolves once the stream can take more. */
  async write(rows: readonly (readonly Cell[])[]): Promise<void> {
    this.#throwIfFailed()
    const encoder = this.#encoder
    for (const row of rows) {
      encoder.writeRow(row, this)
      this.text(encoder.eol)
    }
    this.#rows += rows.length
    if (this.#used >= flushBytes) this.#handOver()
    if (this.#pressure) {
      this.#pressure = false
      await once(this.#stream, 'drain')
    }
  }

  /** Writes what is buffered, ends the file and reports it for the manifest. */
  async close(): Promise<ManifestFile> {
    this.#handOver()
    this.#throwIfFailed()
    this.#stream.end()
    await once(this.#stream, 'finish')
    return { name: this.#name, rows: this.#rows, bytes: this.#bytes, sha256: this.#hash.digest('hex') }
  }

  /** Stops writing without finishing the file (the caller discards it). */
  abort(): void {
    this.#used = 0
    this.#stream.destroy()
  }

  /** Appends text's UTF-8 bytes to the buffer, handing the buffer on first when the text might not fit. */
  text(text: string): void {
    const length = text.length
    if (length === 0) return
    // Short ASCII text (codes, numbers, delimiters) is copied byte by byte: cheaper than a call into the encoder.
    if (length <= shortText) {
      if (this.#used + length > this.#buffer.length) this.#handOver()
      const buffer = this.#buffer
      let at = this.#used
      let i = 0
      for (; i < length; i++) {
        const code = text.charCodeAt(i)
        if (code >= 0x80) break
        buffer[at++] = code
      }
      if (i === length) {
        this.#used = at
        return
      }
    }
    const room = length * maxBytesPerUnit
    if (this.#used + room > this.#buffer.length) {
      this.#handOver()
      if (room > this.#buffer.length) this.#buffer = Buffer.allocUnsafe(room)
    }
    this.#used += this.#buffer.write(text, this.#used)
  }

  /** Appends one ASCII character by its code. */
  ascii(code: number): void {
    if (this.#used === this.#buffer.length) this.#handOver()
    this.#buffer[this.#used++] = code
  }

  /** Passes the filled part of the buffer to the hash and the stream (which keeps it), and starts a new one. */
  #handOver(): void {
    if (this.#used === 0) return
    const bytes = this.#buffer.subarray(0, this.#used)
    this.#buffer = Buffer.allocUnsafe(flushBytes * 2)
    this.#used = 0
    this.#hash.update(bytes)
    this.#bytes += bytes.length
    if (!this.#stream.write(bytes)) this.#pressure = true
  }

  #throwIfFailed(): void {
    if (this.#failure) throw new Error(`could not write ${this.#name}: ${this.#failure.message}`, { cause: this.#failure })
  }
}
