import { beforeAll, describe, expect, it } from 'vitest'
import type { ClassifierIndex } from '../../src/classify/classifier-index.js'
import { unknownFieldTitles } from '../../src/classify/classify-roles.js'
import type { Classification, RoleProfile } from '../../src/model/index.js'
import { pageRole } from '../helpers/pages.js'
import { referenceIndex, socOf } from '../helpers/role-soc.js'

let index: ClassifierIndex

beforeAll(async () => {
  index = await referenceIndex()
})

const soc = (role: RoleProfile): Classification => socOf(role, index)

// Prose written for these tests (not taken from the reference data nor the development pages).
const TRANSLATION_TEXT = [
  'Translate product text and help articles from English into French and Spanish.',
  'Keep the term base and the translation memory up to date.',
  'Review the translations of other translators for accuracy, terminology and style.',
  'Adapt cultural references, dates and units for each language and market.',
  'Compile glossaries of technical terms with the writers of the source text.',
  'Answer questions from translators about the meaning of the source text.',
]

describe('titles naming a field the reference does not know', () => {
  it('finds the titles whose words besides the head noun are in no reference title', () => {
    expect(unknownFieldTitles(index, ['Localization Specialist', ''])).toBe(true)
    expect(unknownFieldTitles(index, ['Marketing Specialist', ''])).toBe(false)
    expect(unknownFieldTitles(index, ['Localization Specialist', 'Software Engineer'])).toBe(false)
    // A word the title scorer reads as written differently ("backend" as "back end") is known.
    expect(unknownFieldTitles(index, ['Backend Engineer'])).toBe(true)
    expect(unknownFieldTitles(index, ['Backend Engineer'], new Set(['backend']))).toBe(false)
    // A title of its head noun alone names no field.
    expect(unknownFieldTitles(index, ['Specialist'])).toBe(false)
  })

  it('lets the text decide a "Localization Specialist" whose text is about translating: interpreters and translators', () => {
    const row = soc(pageRole('pages/localization.md', 'Localization Specialist', TRANSLATION_TEXT))
    expect(row.code).toBe('27-3091')
    expect(row.reviewStatus).toBe('needs_review')
  })

  it('keeps the reading of a title whose field the reference knows, with the same text', () => {
    const row = soc(pageRole('pages/marketing.md', 'Marketing Specialist', TRANSLATION_TEXT))
    expect(row.code.startsWith('13-')).toBe(true)
    expect(row.evidence[0]).toMatch(/^title read as/)
  })
})
