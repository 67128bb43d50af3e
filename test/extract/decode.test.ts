import { describe, expect, it } from 'vitest'
import { decodeBytes } from '../../src/extract/decode.js'

const bytes = (...values: number[]) => new Uint8Array(values)
const utf8 = (text: string) => new TextEncoder().encode(text)

describe('decodeBytes', () => {
  it('refuses an empty file, saying it is empty', () => {
    expect(decodeBytes(bytes())).toEqual({ ok: false, reason: expect.stringContaining('empty') })
  })

  it('refuses a binary file (NUL bytes), saying it is binary', () => {
    expect(decodeBytes(bytes(0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02))).toEqual({ ok: false, reason: expect.stringContaining('binary') })
  })

  it('removes a UTF-8 byte order mark and reports it', () => {
    const result = decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Title')]))
    expect(result).toMatchObject({ ok: true, text: 'Title', encoding: 'utf-8' })
    expect(result.ok && result.findings.map((f) => f.code)).toEqual(['encoding-bom'])
  })

  it('decodes bytes that are not valid UTF-8 as Windows-1252 (smart quotes, euro) with a warning', () => {
    const result = decodeBytes(bytes(0x93, 0x48, 0x69, 0x94, 0x20, 0x80))
    expect(result).toMatchObject({ ok: true, text: '“Hi” €', encoding: 'windows-1252' })
    expect(result.ok && result.findings[0]).toMatchObject({ severity: 'warning', code: 'encoding-windows-1252' })
  })

  it('turns CRLF and lone CR line ends into LF and reports it', () => {
    const result = decodeBytes(utf8('a\r\nb\rc\n'))
    expect(result).toMatchObject({ ok: true, text: 'a\nb\nc\n' })
    expect(result.ok && result.findings.map((f) => f.code)).toEqual(['line-endings-crlf'])
  })

  it('reads plain UTF-8 without findings', () => {
    expect(decodeBytes(utf8('Bachelor’s – 3–5 yrs'))).toEqual({ ok: true, text: 'Bachelor’s – 3–5 yrs', encoding: 'utf-8', findings: [] })
  })
})
