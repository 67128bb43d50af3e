import { describe, expect, it } from 'vitest'
import { textTokens } from '../../src/classify/classifier-index.js'
import { buildWorkIndex, workCosine, workQuery, workWords } from '../../src/classify/work-evidence.js'
import type { ReferenceData, SocGroup } from '../../src/model/index.js'

const group = (code: string, title: string, definition: string): SocGroup => ({
  code,
  title,
  level: 'detailed',
  parent: `${code.slice(0, 6)}0`,
  major: `${code.slice(0, 2)}-0000`,
  minor: `${code.slice(0, 4)}00`,
  broad: `${code.slice(0, 6)}0`,
  definition,
})
const codes = [
  group('15-1252', 'Software Developers', 'Research, design, and develop computer and network software or specialized utility programs.'),
  group(
    '17-2141',
    'Mechanical Engineers',
    'Perform engineering duties in planning and designing tools, engines, machines, and other mechanically functioning equipment.',
  ),
  group(
    '13-1082',
    'Project Management Specialists',
    'Analyze and coordinate the schedule, timeline, procurement, staffing, and budget of a product or service on a per project basis.',
  ),
]
const onet = (soc: string) => `${soc}.00`
const reference = {
  onetOccupations: new Map(codes.map((c) => [onet(c.code), { onetCode: onet(c.code), socCode: c.code, title: c.title, description: c.definition! }])),
  tasks: [
    { onetCode: onet('15-1252'), socCode: '15-1252', task: 'Modify existing software to correct errors and improve performance.', type: 'Core' },
    { onetCode: onet('15-1252'), socCode: '15-1252', task: 'Design, develop and test software systems and applications.', type: 'Core' },
    { onetCode: onet('17-2141'), socCode: '17-2141', task: 'Design and test engines, turbines and mechanical equipment prototypes.', type: 'Core' },
    { onetCode: onet('13-1082'), socCode: '13-1082', task: 'Monitor project schedules, budgets and risks and report status to stakeholders.', type: 'Core' },
  ],
  technologySkills: [
    { onetCode: onet('15-1252'), socCode: '15-1252', example: 'Git', commodity: 'File versioning software' },
    { onetCode: onet('15-1252'), socCode: '15-1252', example: 'Python', commodity: 'Object or component oriented development software' },
    { onetCode: onet('17-2141'), socCode: '17-2141', example: 'Autodesk AutoCAD', commodity: 'Computer aided design CAD software' },
    { onetCode: onet('13-1082'), socCode: '13-1082', example: 'Atlassian JIRA', commodity: 'Project management software' },
  ],
} as unknown as ReferenceData
const codeIndex = new Map(codes.map((c, i) => [c.code, i]))
const index = buildWorkIndex(reference, codes, codeIndex, textTokens)

describe('work evidence', () => {
  it('weights words by how few codes use them: technology names decide between the candidates of an ambiguous title', () => {
    const query = workQuery(
      index,
      'Ships features in Python, reviews pull requests in Git and corrects errors in production software.',
      ['Engineer'],
      textTokens,
    )
    const cosines = codes.map((_, c) => workCosine(index, query, c))
    expect(cosines[0]!).toBeGreaterThan(cosines[1]!)
    expect(cosines[0]!).toBeGreaterThan(cosines[2]!)
    expect(workWords(index, query, 0)).toEqual(expect.arrayContaining(['python', 'git']))
    const programmes = workQuery(index, 'Tracks schedules, budgets and risks in JIRA and reports status to stakeholders.', ['Program Manager'], textTokens)
    expect(workCosine(index, programmes, 2)).toBeGreaterThan(workCosine(index, programmes, 0))
  })

  it("leaves the title's words (and their field or agent forms) out of the text", () => {
    const withTitle = workQuery(index, 'Design engines and engineering prototypes.', [], textTokens)
    const without = workQuery(index, 'Design engines and engineering prototypes.', ['Design Engineer'], textTokens)
    expect(without.size).toBeLessThan(withTitle.size)
    expect(workWords(index, without, 1)).not.toContain('design')
  })

  it('gives every code an L2-normalised document, so a code with more tasks does not match more for that alone', () => {
    for (let c = 0; c < codes.length; c++) {
      let norm = 0
      for (let k = index.start[c]!; k < index.start[c + 1]!; k++) norm += index.weights[k]! ** 2
      expect(norm).toBeCloseTo(1, 9)
    }
  })
})
