import { describe, expect, it } from 'vitest'
import { classificationId, competencyName, jobFamilyId, referenceId } from '../../src/export/reference-ids.js'
import { roleProfile } from '../helpers/export-roles.js'

describe('referenceId', () => {
  it('is the prefix and the name in upper case, accents dropped, other runs as one underscore', () => {
    expect(referenceId('JF', ['Ingénierie', 'Data & ML'])).toBe('JF_INGENIERIE_DATA_ML')
    expect(referenceId('ML', ['  Individual   Contributor '])).toBe('ML_INDIVIDUAL_CONTRIBUTOR')
  })

  it('cuts a long name to 30 characters ending in a hash of the name, so long names sharing a start differ', () => {
    const a = referenceId('JF', ['Engineering', 'Machine Learning Platform'])
    const b = referenceId('JF', ['Engineering', 'Machine Learning Products'])
    expect(a).toMatch(/^JF_ENGINEERING_MACHINE_LE_[0-9A-F]{4}$/)
    expect(a.length).toBeLessThanOrEqual(30)
    expect(a).not.toBe(b)
  })

  it('ignores case and spacing, so one family never gets two IDs', () => {
    expect(referenceId('JF', ['Engineering', 'Machine Learning Platform'])).toBe(referenceId('JF', ['engineering', 'machine  learning platform']))
  })

  it('derives a family from the function and discipline, and none without a discipline', () => {
    expect(jobFamilyId(roleProfile('A.1'))).toBe('JF_ENGINEERING_DEVOPS_ENG_772C')
    expect(jobFamilyId(roleProfile('A.1', { function: null }))).toBe('JF_DEVOPS_ENGINEERING')
    expect(jobFamilyId(roleProfile('A.1', { discipline: null }))).toBeNull()
  })

  it('names a classification by its system and code', () => {
    expect(classificationId('SOC2018', '15-1252')).toBe('SOC2018_15-1252')
    expect(classificationId('ONET-SOC', '15-1252.00')).toBe('ONET-SOC_15-1252.00')
  })
})

describe('competencyName', () => {
  it('is the innermost heading tag, never a canon-app badge, else the statement itself', () => {
    expect(competencyName({ text: 'Explains trade-offs', tags: ['Engineering', 'Communication'] })).toBe('Communication')
    expect(competencyName({ text: 'Explains trade-offs', tags: ['Communication', 'level'] })).toBe('Communication')
    expect(competencyName({ text: 'Owns outcomes', tags: ['common'] })).toBe('Owns outcomes')
  })
})
