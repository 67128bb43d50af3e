// Bytes → text. Pages arrive as UTF-8 (with or without a byte order mark), sometimes as Windows-1252 (copied
// from older tools), with Windows or Unix line ends. Every repair is reported as a finding; bytes that are not
// text at all are refused with a reason a user can act on.

import iconv from 'iconv-lite'
import type { Finding } from '../model/index.js'

export type DecodeResult =
  | { ok: true; text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252'; findings: Finding[] }
  | { ok: false; reason: string }

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/** Decodes page bytes to text with `\n` line ends; refuses empty and binary files. */
export function decodeBytes(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { ok: false, reason: 'the file is empty (0 bytes); nothing to parse' }
  const findings: Finding[] = []
  let text: string
  let encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252'

  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = new TextDecoder('utf-16le').decode(bytes.subarray(2))
    encoding = 'utf-16le'
    findings.push(info('encoding-utf16', 'page is UTF-16 (little-endian, with byte order mark); decoded'))
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = new TextDecoder('utf-16be').decode(bytes.subarray(2))
    encoding = 'utf-16be'
    findings.push(info('encoding-utf16', 'page is UTF-16 (big-endian, with byte order mark); decoded'))
  } else {
    const binary = binaryReason(bytes)
    if (binary) return { ok: false, reason: binary }
    let body = bytes
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      body = bytes.subarray(3)
      findings.push(info('encoding-bom', 'page starts with a UTF-8 byte order mark; removed'))
    }
    try {
      text = strictUtf8.decode(body)
      encoding = 'utf-8'
    } catch {
      // Not valid UTF-8: the usual culprit is Windows-1252 ("smart quotes" as single bytes 0x91–0x94).
      text = iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), 'windows-1252')
      encoding = 'windows-1252'
      findings.push({
        severity: 'warning',
        code: 'encoding-windows-1252',
        message: 'page is not valid UTF-8; decoded as Windows-1252. Save it as UTF-8 to silence this warning',
      })
    }
  }

  if (text.includes('\r')) {
    text = text.replace(/\r\n?/g, '\n')
    findings.push(info('line-endings-crlf', 'page has Windows (CRLF) or old Mac (CR) line ends; normalised to LF'))
  }
  if (text.trim() === '') return { ok: false, reason: 'the file holds only white space; nothing to parse' }
  return { ok: true, text, encoding, findings }
}

/** Why bytes look binary (NUL bytes or many control characters in the first 8 KB), or null if they look like text. */
function binaryReason(bytes: Uint8Array): string | null {
  const sample = bytes.subarray(0, 8192)
  if (sample.indexOf(0) >= 0) return 'the file is binary (it contains NUL bytes), not a text or HTML page'
  let controls = 0
  for (let i = 0; i < sample.length; i++) {
    const byte = sample[i]!
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) controls++
  }
  if (controls > sample.length * 0.05) {
    return `the file looks binary (${controls} control bytes in its first ${sample.length}), not a text or HTML page`
  }
  return null
}

function info(code: string, message: string): Finding {
  return { severity: 'info', code, message }
}
