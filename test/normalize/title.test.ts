import { describe, expect, it } from 'vitest'
import { parseTitle } from '../../src/normalize/title.js'

describe('parseTitle', () => {
  it('a canon-app title: the track is the word that names the level code ladder, even when the level name uses another', () => {
    expect(parseTitle('Engineering – Platform Engineering Manager M2', 'M2', 'Senior Lead')).toMatchObject({
      function: 'Engineering',
      discipline: 'Platform Engineering',
      track: 'Manager',
    })
    expect(parseTitle('Engineering – DevOps Engineering Professional P3', 'P3', 'Mid-Level Professional')).toMatchObject({
      discipline: 'DevOps Engineering',
      track: 'Professional',
    })
  })

  it('a number or roman numeral after the role is its level, never part of the discipline', () => {
    expect(parseTitle('Engineering Manager 5', 'EM5', null).discipline).toBe('Engineering Manager')
    expect(parseTitle('Product Designer II', 'II', 'II').discipline).toBe('Product Designer')
    expect(parseTitle('Sales 1', null, null).discipline).toBe('Sales')
  })
})
