import { describe, expect, it } from 'vitest'
import { readSourceProfile } from '../../src/extract/source-profile.js'

const file = 'pages/acme/canon-source.yaml'

describe('reading a source profile (canon-source.yaml)', () => {
  it('reads every declaration into the options object the readers use', () => {
    const text = [
      'role:',
      '  column: Job title',
      'level:',
      '  heading: 2',
      '  column: 3',
      '  order: [IC1, IC2, IC3]',
      'sections:',
      '  "What you will do": responsibility',
      '  Nice to have: qualification',
      '  Benefits: ignore',
      'ignore:',
      '  - Download Word document',
      '  - /^salary:/',
    ].join('\n')
    expect(readSourceProfile(file, text)).toEqual({
      ok: true,
      profile: {
        path: file,
        role: { heading: null, column: 'Job title', title: null },
        level: { heading: 2, column: 3, order: ['IC1', 'IC2', 'IC3'] },
        sections: [
          { heading: 'What you will do', kind: 'responsibility' },
          { heading: 'Nice to have', kind: 'qualification' },
          { heading: 'Benefits', kind: 'ignore' },
        ],
        ignore: [
          { text: 'Download Word document', regex: false },
          { text: '^salary:', regex: true },
        ],
      },
    })
  })

  it('an empty profile declares nothing and is valid', () => {
    const reading = readSourceProfile(file, '# nothing yet\n')
    expect(reading.ok && reading.profile.sections).toEqual([])
  })

  it('every problem is reported with the file and its line', () => {
    const text = [
      'role:',
      '  heading: 9',
      '  titel: Engineer',
      'level:',
      '  order: []',
      'sections:',
      '  Perks: benefit',
      'ignore:',
      '  - /([a-z/',
      'extra: 1',
    ].join('\n')
    const reading = readSourceProfile(file, text)
    expect(reading.ok).toBe(false)
    const message = reading.ok ? '' : reading.message
    // In line order, each naming its line.
    expect(
      message.startsWith(
        [
          'pages/acme/canon-source.yaml: line 2: heading: expected a heading depth from 1 to 6 (2 for ## headings)',
          'line 3: unknown key "titel" (expected heading, column, title)',
          'line 5: order: expected a list of level codes or names, lowest first ([IC1, IC2, IC3])',
          'line 7: sections: "Perks" maps to "benefit"; expected one of responsibility, task, skill, knowledge, competency, qualification, ignore',
          'line 9: ignore: /([a-z/ is not a valid regular expression (',
        ].join('; '),
      ),
    ).toBe(true)
    expect(message.endsWith('; line 10: unknown key "extra" (expected role, level, sections, ignore)')).toBe(true)
  })

  it('invalid YAML and duplicate keys are reported with their line', () => {
    const bad = readSourceProfile(file, 'role:\n  title: A\nrole:\n  title: B\n')
    expect(!bad.ok && bad.message).toMatch(/^pages\/acme\/canon-source\.yaml: line 3: .*[Uu]nique/)
    const broken = readSourceProfile(file, 'sections:\n  a: [skill\n')
    expect(!broken.ok && broken.message).toMatch(/^pages\/acme\/canon-source\.yaml: line \d+: /)
    expect(readSourceProfile(file, '- a list\n')).toEqual({ ok: false, message: `${file}: line 1: expected a mapping of role, level, sections, ignore` })
  })
})
