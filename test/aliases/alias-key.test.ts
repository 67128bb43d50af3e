import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { aliasKey } from '../../src/aliases/alias-key.js'

describe('aliasKey', () => {
  const keys: [string, string, string][] = [
    ['folds case and collapses whitespace', '  Senior   DevOps\tEngineer ', 'senior devops engineer'],
    ['strips diacritics after NFKD', 'Ingénieur Système', 'ingenieur systeme'],
    ['folds letters NFKD leaves alone', 'Straße Ærø', 'strasse aero'],
    ['folds compatibility forms (full-width, ligatures)', 'Ｓｅｎｉｏｒ ﬁnance', 'senior finance'],
    ['treats every dash as a word break', 'Engineering – DevOps—Engineering-III', 'engineering devops engineering 3'],
    ['treats slashes, brackets and dots as word breaks', 'Engineer (Platform)/SRE.', 'engineer platform sre'],
    ['reads & as and', 'Research & Development Manager', 'research and development manager'],
    ['removes apostrophes inside words', 'Children’s Nurse', 'childrens nurse'],
    ['keeps + and # inside words', 'C++ / C# Developer', 'c++ c# developer'],
    ['joins runs of single letters', 'A/V Technician', 'av technician'],
    ['joins dotted initials', 'I.T. Manager', 'information technology manager'],
    ['joins split spellings of one word', 'Dev-Ops Engineer', 'devops engineer'],
    ['expands Sr and Snr', 'Sr. Snr Analyst', 'senior senior analyst'],
    ['expands Jr', 'Jr Developer', 'junior developer'],
    ['expands Mgr', 'Product Mgr', 'product manager'],
    ['expands Eng as the head word to engineer', 'Software Eng', 'software engineer'],
    ['expands Engr as the head word to engineer', 'Civil Engr', 'civil engineer'],
    ['expands Eng before another word to engineering', 'Eng Manager', 'engineering manager'],
    ['treats the word before level tokens as the head', 'Sr Eng III', 'senior engineer 3'],
    ['expands Dev as the head word to developer', 'Web Dev', 'web developer'],
    ['expands Dev before another word to development', 'Dev Manager', 'development manager'],
    ['expands Ops', 'Ops Analyst', 'operations analyst'],
    ['expands Acct as the head word to accountant', 'Sr Acct', 'senior accountant'],
    ['expands Acct before another word to account', 'Acct Manager', 'account manager'],
    ['expands Oper to operator', 'Machine Oper', 'machine operator'],
    ['expands Sup to supervisor', 'Warehouse Sup', 'warehouse supervisor'],
    ['expands Admin as the head word to administrator', 'Sys Admin', 'sys administrator'],
    ['expands Admin before another word to administrative', 'Admin Assistant', 'administrative assistant'],
    ['expands Assoc and Asst', 'Assoc. Asst Director', 'associate assistant director'],
    ['expands Dir', 'Dir of Sales', 'director of sales'],
    ['expands VP to two words', 'VP Marketing', 'vice president marketing'],
    ['expands SVP', 'SVP Finance', 'senior vice president finance'],
    ['turns a DMTF-style inversion around', 'Accountant, Cost', 'cost accountant'],
    ['keeps the level last when turning an inversion around', 'Engineer, Software III', 'software engineer 3'],
    ['turns an inversion with the level before the comma around', 'Engineer II, Data', 'data engineer 2'],
    ['does not turn a list around', 'Health, Safety, and Environmental Manager', 'health safety and environmental manager'],
    ['does not turn around a comma after two words', 'Data Engineer, Platform', 'data engineer platform'],
    ['does not turn around an "and" list', 'Buyer, Grain and Livestock', 'buyer grain and livestock'],
    ['joins a hyphenated prefix', 'Non-Profit Director', 'nonprofit director'],
    ['joins a compound written apart', 'Sales Person', 'salesperson'],
    ['joins care compounds', 'Health Care Administrator', 'healthcare administrator'],
    ['joins known split spellings', 'Lay Out Artist', 'layout artist'],
    ['joins the parts of X-Ray', 'X-Ray Technician', 'xray technician'],
    ['expands Tech as the head word to technician', 'Pharmacy Tech', 'pharmacy technician'],
    ['expands Tech before another word to technical', 'Tech Writer', 'technical writer'],
    ['expands Vet as the head word to veterinarian', 'Equine Vet', 'equine veterinarian'],
    ['expands Vet before another word to veterinary', 'Vet Tech', 'veterinary technician'],
    [
      'expands initialisms with one meaning in job titles',
      'CEO / RN / HVAC',
      'chief executive officer registered nurse heating ventilation and air conditioning',
    ],
    ['converts II and III to digits', 'Engineer II', 'engineer 2'],
    ['converts III anywhere but the first word', 'Engineer III Backend', 'engineer 3 backend'],
    ['converts a final I', 'Accountant I', 'accountant 1'],
    ['converts a final IV', 'Nurse IV', 'nurse 4'],
    ['converts a final V', 'Analyst V', 'analyst 5'],
    ['converts VI to XX', 'Engineer XII', 'engineer 12'],
    ['keeps I inside a title as a word', 'Title I Director', 'title i director'],
    ['keeps IV at the start as a word', 'IV Nurse', 'iv nurse'],
    ['keeps a lone final X as a letter', 'Group Fitness X', 'group fitness x'],
    ['keeps CIV and MIX as words', 'CIV Mix Engineer', 'civ mix engineer'],
    ['keeps a one-word numeral as a word', 'III', 'iii'],
    ['drops leading zeros of numbers', 'Engineer 03', 'engineer 3'],
    ['keeps level codes like P3 as they are', 'Engineering – DevOps Engineering Professional P3', 'engineering devops engineering professional p3'],
    ['returns an empty key for punctuation only', ' – / ', ''],
  ]
  it.each(keys)('%s: %j → %j', (_rule, text, key) => {
    expect(aliasKey(text)).toBe(key)
  })

  const sameAlias: [string, string][] = [
    ['Engineering – DevOps Engineering III', 'Engineering - DevOps Engineering 3'],
    ['Sr. Software Engineer', 'Senior Software Engineer'],
    ['Snr Software Engr', 'senior software engineer'],
    ['Eng Mgr', 'Engineering Manager'],
    ['VP, Operations', 'Operations Vice President'],
    ['Accountant, Cost', 'Cost Accountant'],
    ['Cyber Security Analyst', 'Cybersecurity Analyst'],
    ['Child Care Worker', 'Childcare Worker'],
    ['Pre-School Teacher', 'Preschool Teacher'],
    ['Sr Ops Mgr', 'Senior Operations Manager'],
    ['Asst. Dir.', 'Assistant Director'],
    ['X Ray Technician', 'X-Ray Technician'],
    ['Jr Dev', 'Junior Developer'],
    ['Systems Admin II', 'Systems Administrator 2'],
  ]
  it.each(sameAlias)('merges %j with %j', (a, b) => {
    expect(aliasKey(a)).toBe(aliasKey(b))
  })

  const different: [string, string][] = [
    ['Manager', 'Management'],
    ['Engineer', 'Engineering Manager'],
    ['Eng', 'Eng Manager'],
    ['Engineer II', 'Engineer III'],
    ['Engineer 2', 'Engineer III'],
    ['Engineer I', 'Engineer'],
    ['Engineer IV', 'Engineer VI'],
    ['Admin', 'Admin Assistant'],
    ['Senior Engineer', 'Junior Engineer'],
    ['Vice President', 'Senior Vice President'],
    ['Engineering – DevOps Engineering III', 'Engineering – DevOps Engineering Professional P3'],
    ['Mid-Level Engineering – DevOps Engineering', 'Mid-Level Engineering – DevOps Engineer'],
  ]
  it.each(different)('keeps %j and %j apart', (a, b) => {
    expect(aliasKey(a)).not.toBe(aliasKey(b))
  })

  it('is idempotent: the key of a key is the key', () => {
    for (const [, text] of keys) expect(aliasKey(aliasKey(text))).toBe(aliasKey(text))
  })
})

describe('aliasKey properties', () => {
  const parts = [
    'Senior',
    'Sr.',
    'Eng',
    'Engineer',
    'Dev',
    'Ops',
    'Admin',
    'Assistant',
    'I',
    'II',
    'IV',
    'V',
    'X',
    '3',
    '007',
    'Non',
    'Profit',
    'Sales',
    'Person',
    'Care',
    'Health',
    'Child',
    'A',
    'B',
    'T',
    'C++',
    'C#',
    'Ingénieur',
    'Straße',
    'VP',
    'IT',
    'Co',
    'Op',
    'Vet',
    'and',
    'or',
    '&',
    ',',
    '(',
    ')',
    '–',
    '-',
    '/',
    "'s",
    '’',
    '.',
    ' ',
    '  ',
    '\t',
    '😀',
    'Ⅻ',
    'ﬁ',
  ]
  const title = fc.tuple(fc.array(fc.constantFrom(...parts), { maxLength: 8 }), fc.constantFrom(' ', '', '-')).map(([list, separator]) => list.join(separator))

  it('is idempotent, lower case and single-spaced on any mix of words, numerals and punctuation', () => {
    fc.assert(
      fc.property(fc.oneof(title, fc.string(), fc.string({ unit: 'binary' })), (text) => {
        const key = aliasKey(text)
        expect(aliasKey(key)).toBe(key)
        expect(key).toBe(key.toLowerCase())
        expect(key).not.toMatch(/^ | $| {2}/)
      }),
      { numRuns: 2000 },
    )
  })
})
