import { describe, expect, it } from 'vitest'
import { createLogger, redactSecrets } from '../../src/log/logger.js'

describe('redactSecrets', () => {
  it('hides the password of a connection URL and keeps the rest readable', () => {
    expect(redactSecrets('connecting to postgres://canon:s3cret@db.example:5432/canon')).toBe('connecting to postgres://canon:***@db.example:5432/canon')
  })

  it('hides password=… pairs', () => {
    expect(redactSecrets('host=db password=s3cret user=canon')).toBe('host=db password=*** user=canon')
  })
})

describe('createLogger', () => {
  it('writes one JSON object per line in json format, with secrets redacted', () => {
    const lines: string[] = []
    const log = createLogger({ format: 'json', write: (line) => lines.push(line), now: () => new Date(0) })
    log.info('stage done', { stage: 'parse', pages: 3, db: 'postgres://u:pw@h/db' })
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0]!)).toEqual({
      time: '1970-01-01T00:00:00.000Z',
      level: 'info',
      msg: 'stage done',
      stage: 'parse',
      pages: 3,
      db: 'postgres://u:***@h/db',
    })
  })

  it('drops debug lines unless asked for', () => {
    const lines: string[] = []
    const log = createLogger({ format: 'human', write: (line) => lines.push(line) })
    log.debug('noise')
    log.warn('careful', { file: 'a.html' })
    expect(lines).toEqual(['warn: careful (file=a.html)\n'])
  })
})

describe('progress bars', () => {
  it('draw on a terminal in human format, with log lines printed above the bar and nothing left open', () => {
    const screen: string[] = []
    const log = createLogger({ format: 'human', write: () => {}, terminal: { write: (t) => screen.push(t), columns: 100 } })
    log.progress?.('parse', 0, 4)
    log.progress?.('parse', 2, 4)
    log.info('half way', { stage: 'parse' })
    log.progress?.('parse', 4, 4)
    log.close()
    const text = screen.join('')
    expect(text).toContain('parse [')
    expect(text).toContain('2/4')
    expect(text).toContain('half way (stage=parse)\n')
  })

  it('are not drawn in JSON format, where progress calls do nothing', () => {
    const lines: string[] = []
    const log = createLogger({ format: 'json', write: (l) => lines.push(l), terminal: { write: (t) => lines.push(t) } })
    expect(log.progress).toBeUndefined()
    log.info('stage parse done', { stage: 'parse', durationMs: 5 })
    log.close()
    expect(lines).toHaveLength(1)
  })
})
