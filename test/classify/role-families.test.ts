import { describe, expect, it } from 'vitest'
import {
  familyDisagreements,
  familyGroupKey,
  familyInputs,
  familyKey,
  groupFamilies,
  managesPeople,
  namesManagement,
  occupationalTitle,
} from '../../src/classify/role-families.js'
import type { RoleProfile } from '../../src/model/index.js'
import { component, makeProfile, soc } from '../helpers/profiles.js'

const onPage = (code: string, title: string, overrides: Partial<RoleProfile> = {}) =>
  makeProfile(code, {
    title,
    function: null,
    discipline: null,
    track: null,
    level: null,
    summary: null,
    components: [],
    ...overrides,
    source: { path: 'pages/ladder.md', format: 'md', contentHash: '' },
  })

describe('occupationalTitle', () => {
  it('drops seniority words before the noun and level codes anywhere', () => {
    expect(occupationalTitle('Staff Security Engineer IC5')).toBe('Security Engineer')
    expect(occupationalTitle('Principal Security Engineer')).toBe('Security Engineer')
    expect(occupationalTitle('TPM4 - Technical Program Manager 4')).toBe('Technical Program Manager')
    expect(occupationalTitle('Mid-Level Front End Engineer')).toBe('Front End Engineer')
    expect(occupationalTitle('Engineer III')).toBe('Engineer')
    expect(occupationalTitle('Product Manager Levels Level 3')).toBe('Product Manager')
  })

  it('keeps a seniority word that is the title’s own noun', () => {
    expect(occupationalTitle('Tech Lead')).toBe('Tech Lead')
    expect(occupationalTitle('Group Lead')).toBe('Group Lead')
    expect(occupationalTitle('Principal')).toBe('Principal')
  })
})

describe('seniority invariance', () => {
  it('gives every seniority word, level code, grade and roman numeral of one role the same family key', () => {
    const titles = [
      'Data Engineer',
      'Junior Data Engineer',
      'Senior Data Engineer',
      'Sr. Data Engineer',
      'Staff Data Engineer',
      'Principal Data Engineer',
      'Distinguished Data Engineer',
      'Lead Data Engineer',
      'Apprentice Data Engineer',
      'Data Engineer II',
      'Data Engineer IV',
      'Data Engineer L5',
      'IC3 Data Engineer',
      'P4 Data Engineer',
      'Data Engineer Grade 7',
      'Data Engineer Level 3',
      'Data Engineering Manager',
    ]
    const keys = titles.map((title, i) => familyKey(onPage(`D.${i}`, title)))
    expect(new Set(keys.slice(0, -1)).size).toBe(1)
    expect(keys.at(-1)).not.toBe(keys[0])
  })

  it('reads field nouns as the agent nouns of the people in them ("Engineering Manager" is an "Engineer Manager")', () => {
    expect(familyKey(onPage('E.1', 'Engineering Manager 1'))).toBe(familyKey(onPage('E.2', 'Engineer Manager 2')))
    expect(familyKey(onPage('D.1', 'Design Lead'))).toBe(familyKey(onPage('D.2', 'Designer Lead')))
  })
})

describe('namesManagement', () => {
  it('reads management jobs from the occupational title, so a seniority word never makes one', () => {
    for (const title of ['Engineering Manager', 'Director of Engineering', 'Head of Product', 'VP Engineering', 'Chief Technology Officer', 'Tech Lead']) {
      expect(namesManagement(title)).toBe(true)
    }
    for (const title of ['Lead Engineer', 'Principal Engineer', 'Staff Product Designer', 'Senior Data Scientist', 'Security Engineer IC6']) {
      expect(namesManagement(title)).toBe(false)
    }
  })
})

describe('managesPeople', () => {
  it('reads people management from the level’s text, not work management', () => {
    expect(managesPeople(onPage('A.1', 'TPM 6', { components: [component("Manages the team members' career, expectations and performance")] }))).toBe(true)
    expect(managesPeople(onPage('A.2', 'Lead', { components: [component('Has three to eight direct reports')] }))).toBe(true)
    expect(managesPeople(onPage('A.3', 'PM', { components: [component("Manages the team's roadmap and risks")] }))).toBe(false)
    expect(managesPeople(onPage('A.4', 'PM', { components: [component('Manages stakeholders and delivery risks')] }))).toBe(false)
    expect(managesPeople(onPage('A.5', 'M2', { track: 'Management' }))).toBe(true)
  })
})

describe('groupFamilies', () => {
  it('puts the levels of one role on one page in one family, apart from other roles and other organisations’ pages', () => {
    const roles = [
      onPage('S.2', 'Security Engineer IC2'),
      onPage('S.5', 'Staff Security Engineer IC5'),
      onPage('S.6', 'Principal Security Engineer IC6'),
      onPage('T.1', 'Technical Lead'),
      { ...onPage('S.9', 'Senior Security Engineer'), source: { path: 'other-org/ladder.md', format: 'md', contentHash: '' } },
    ]
    const families = groupFamilies(roles)
    expect(families.map((family) => family.members)).toEqual([[0, 1, 2], [3], [4]])
  })

  it('puts levels published one page per level in one family (same folder, function and occupation)', () => {
    const page = (code: string, title: string, file: string, function_: string | null = 'Engineering') =>
      makeProfile(code, { title, function: function_, level: null, source: { path: `acme/${file}`, format: 'html', contentHash: '' } })
    const roles = [
      page('D.1', 'IC1 Data Engineer', 'ic1_data_engineer.html'),
      page('D.3', 'IC3 Data Engineer', 'ic3_data_engineer.html'),
      page('D.5', 'IC5 Staff Data Engineer', 'ic5_staff_data_engineer.html'),
      page('D.7', 'IC7 Sr. Principal Data Engineer', 'ic7_senior_principal_data_engineer.html'),
      page('W.2', 'Engineering – DevOps Engineering Professional P2', 'devops-p2.html'),
      page('W.4', 'Engineering – Senior DevOps Engineer P4', 'devops-p4.html'),
      page('M.3', 'M3 Engineering Manager', 'm3_engineering_manager.html'),
      page('M.4', 'M4 Engineer Manager', 'm4_engineering_manager.html'),
      page('Q.2', 'IC2 Quality Engineer', 'ic2_quality_engineer.html'),
      page('X.3', 'IC3 Data Engineer', 'ic3_data_engineer.html', 'Data'),
    ]
    expect(groupFamilies(roles).map((family) => family.members)).toEqual([[0, 1, 2, 3], [4, 5], [6, 7], [8], [9]])
  })

  it('every family lies within one family group (folder and occupation), the scope a rebuild reclassifies whole', () => {
    const page = (code: string, title: string, file: string) =>
      makeProfile(code, { title, function: 'Engineering', level: null, source: { path: file, format: 'html', contentHash: '' } })
    const roles = [
      page('D.1', 'IC1 Data Engineer', 'acme/ic1.html'),
      page('D.5', 'IC5 Staff Data Engineer', 'acme/ic5.html'),
      page('A.1', 'Data Engineer', 'acme/posting.html'),
      page('D.9', 'IC3 Data Engineer', 'other/ic3.html'),
      page('Q.2', 'IC2 Quality Engineer', 'acme/ic2_qa.html'),
    ]
    const groups = roles.map(familyGroupKey)
    expect(groups[0]).toBe(groups[1])
    expect(groups[2]).toBe(groups[0])
    expect(new Set(groups).size).toBe(3)
    for (const family of groupFamilies(roles)) expect(new Set(family.members.map((i) => groups[i])).size).toBe(1)
  })

  it('marks the top levels that move into managing people, not levels here and there that mention it', () => {
    const manages = { components: [component('Manages a team of program managers')] }
    const ladder = [
      onPage('P.4', 'Program Manager 4'),
      onPage('P.5', 'Program Manager 5'),
      onPage('P.6', 'Program Manager 6', manages),
      onPage('P.7', 'Program Manager 7', manages),
    ]
    expect(groupFamilies(ladder)[0]).toMatchObject({ members: [0, 1, 2, 3], managers: [2, 3] })
    const scattered = [onPage('M.1', 'People Manager I'), onPage('M.2', 'People Manager II', manages), onPage('M.3', 'People Manager III')]
    expect(groupFamilies(scattered)[0]).toMatchObject({ members: [0, 1, 2], managers: [] })
    const all = [onPage('E.5', 'Engineering Manager 5', manages), onPage('E.6', 'Engineering Manager 6', manages)]
    expect(groupFamilies(all)[0]).toMatchObject({ managers: [] })
  })
})

describe('groupFamilies across pages', () => {
  it('counts every level that manages people as a manager when the levels are on several pages (path order is no ladder order)', () => {
    const page = (code: string, level: string, track: string) =>
      makeProfile(code, {
        title: `Computer – Software Developers ${track} ${level}`,
        function: 'Computer',
        track,
        source: { path: `canon-app/S151252.${level}.html`, format: 'html', contentHash: '' },
      })
    const roles = [page('M.1', 'M1', 'Management'), page('M.2', 'M2', 'Management'), page('P.1', 'P1', 'Professional'), page('P.2', 'P2', 'Professional')]
    expect(groupFamilies(roles)).toMatchObject([{ title: 'Software Developers', members: [0, 1, 2, 3], managers: [0, 1] }])
  })
})

describe('familyInputs', () => {
  it('changes every level’s input when one level of the family changes, and no other family’s', () => {
    const roles = [onPage('S.2', 'Security Engineer IC2'), onPage('S.5', 'Staff Security Engineer IC5'), onPage('T.1', 'Technical Lead')]
    const input = (role: RoleProfile) => [role.title, role.summary]
    const before = familyInputs(roles, input)
    const edited = [roles[0]!, { ...roles[1]!, summary: 'New text' }, roles[2]!]
    const after = familyInputs(edited, input)
    expect(JSON.stringify(after.get(edited[0]!))).not.toBe(JSON.stringify(before.get(roles[0]!)))
    expect(JSON.stringify(after.get(edited[2]!))).toBe(JSON.stringify(before.get(roles[2]!)))
  })

  it('gives each role the same text whatever order its family’s levels come in, and levels of one family different texts', () => {
    const roles = [onPage('S.2', 'Security Engineer IC2'), onPage('S.5', 'Staff Security Engineer IC5'), onPage('S.6', 'Principal Security Engineer IC6')]
    const input = (role: RoleProfile) => [role.title, role.summary]
    const inOrder = familyInputs(roles, input)
    const reversed = familyInputs([...roles].reverse(), input)
    for (const role of roles) expect(reversed.get(role)).toBe(inOrder.get(role))
    expect(new Set(roles.map((role) => inOrder.get(role))).size).toBe(3)
  })
})

describe('familyDisagreements', () => {
  it('reports families whose levels got different primary codes, marking decided codes', () => {
    const roles = [
      onPage('S.2', 'Security Engineer IC2', { classifications: [soc('15-1299', 'Computer Occupations, All Other')] }),
      onPage('S.5', 'Staff Security Engineer IC5', { classifications: [soc('15-1200', 'Computer Occupations')] }),
      onPage('S.6', 'Principal Security Engineer IC6', { classifications: [soc('15-1299', 'Computer Occupations, All Other')] }),
      onPage('T.1', 'Technical Lead', { classifications: [soc('15-1252', 'Software Developers')] }),
    ]
    const [found, ...rest] = familyDisagreements(roles)
    expect(rest).toEqual([])
    expect(found).toMatchObject({ file: 'pages/ladder.md', title: 'Security Engineer' })
    expect(found!.codes.map((c) => [c.code, c.levels.length, c.decided])).toEqual([
      ['15-1299', 2, false],
      ['15-1200', 1, false],
    ])
    const agreeing = roles.map((role) => ({ ...role, classifications: [soc('15-1299', 'Computer Occupations, All Other')] }))
    expect(familyDisagreements(agreeing)).toEqual([])
  })

  it('reports a family whose levels are on several pages of a folder, with the number of pages', () => {
    const page = (code: string, title: string, file: string, socCode: string) =>
      makeProfile(code, { title, source: { path: `acme/${file}`, format: 'html', contentHash: '' }, classifications: [soc(socCode, socCode)] })
    const roles = [
      page('D.1', 'IC1 Data Engineer', 'ic1.html', '15-1243'),
      page('D.3', 'IC3 Data Engineer', 'ic3.html', '15-1243'),
      page('D.5', 'IC5 Staff Data Engineer', 'ic5.html', '15-1252'),
    ]
    expect(familyDisagreements(roles)).toMatchObject([{ file: 'acme/ic1.html', pages: 3, title: 'Data Engineer' }])
  })
})
