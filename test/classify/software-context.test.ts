import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildClassifierIndex, type ClassifierIndex } from '../../src/classify/classifier-index.js'
import {
  classifyRoles,
  designerTitles,
  managerTitles,
  managesEngineeringTitles,
  peopleManagerTitles,
  softwareContext,
  softwareManagementVariants,
  softwareVariants,
  supportTierTitle,
  supportTierVariants,
} from '../../src/classify/classify-roles.js'
import { scoreDescription } from '../../src/classify/score-candidates.js'
import type { Classification, RoleProfile } from '../../src/model/index.js'
import { readReference } from '../../src/reference/read-reference.js'
import { pageRole, repoRoot } from '../helpers/pages.js'
import { SOFTWARE_TEXT as SOFTWARE } from '../helpers/role-soc.js'

const referenceDir = path.join(repoRoot, 'raw/reference')
let index: ClassifierIndex

beforeAll(async () => {
  index = buildClassifierIndex(await readReference(referenceDir))
})

// Job-advert prose written for these tests (not taken from the reference data nor the development pages).
const MECHANICAL = [
  'Design mechanical components and assemblies for our pumps and compressors.',
  'Run finite element analysis on load-bearing parts.',
  'Work with the machine shop on prototypes and test rigs.',
  'Specify materials, tolerances and manufacturing processes.',
  'Support production with root-cause analysis of field failures.',
]
const CIVIL = [
  'Design roads, drainage and bridge structures for public infrastructure projects.',
  'Prepare drawings and specifications and calculate loads.',
  'Review contractor submittals and inspect construction sites.',
  'Ensure compliance with building codes and environmental regulations.',
]
const HARDWARE = [
  'Verify ASIC and FPGA designs at block and chip level.',
  'Write testbenches in SystemVerilog and UVM and build coverage models.',
  'Debug RTL simulation failures with the designers and sign off silicon tape-out.',
]

const described = (passages: string[]) => scoreDescription(index, passages.join('. ')).tokens

const role = (title: string, responsibilities: string[]): RoleProfile => pageRole('pages/ladder.md', title, responsibilities)

const inferredSoc = (rows: Classification[]) => rows.find((c) => c.system === 'SOC2018')!

describe('softwareContext', () => {
  it('reads a text about code, services and deployments as software', () => {
    expect(softwareContext(index, described(SOFTWARE), ['Engineer'])).toBe(true)
  })

  it('does not read mechanical, civil or hardware engineering text as software', () => {
    expect(softwareContext(index, described(MECHANICAL), ['Engineer'])).toBe(false)
    expect(softwareContext(index, described(CIVIL), ['Engineer'])).toBe(false)
    expect(softwareContext(index, described(HARDWARE), ['Verification Engineer'])).toBe(false)
  })

  it('is false without text', () => {
    expect(softwareContext(index, [], ['Engineer'])).toBe(false)
  })
})

describe('softwareVariants', () => {
  it('adds the software form of engineering titles, keeping the text-only variant last', () => {
    expect(softwareVariants(['Engineer', 'Test Engineer', 'Principal Architect', ''])).toEqual([
      'Engineer',
      'Test Engineer',
      'Principal Architect',
      'Software Engineer',
      'Software Test Engineer',
      'Software Principal Architect',
      '',
    ])
  })

  it('reads a technical lead as a lead software engineer, not other leads', () => {
    expect(softwareVariants(['Tech Lead', ''])).toEqual(['Tech Lead', 'Lead Software Engineer', ''])
    expect(softwareVariants(['Technical Lead', 'Design Lead', 'Team Lead', ''])).toEqual([
      'Technical Lead',
      'Design Lead',
      'Team Lead',
      'Lead Software Engineer',
      '',
    ])
  })

  it('reads a bare "Developer" as a software developer, not a web or property developer', () => {
    expect(softwareVariants(['Developer', ''])).toEqual(['Developer', 'Software Developer', ''])
    expect(softwareVariants(['Web Developer', 'Property Developer', ''])).toEqual(['Web Developer', 'Property Developer', ''])
  })

  it('leaves titles already in software or computing, and titles of other jobs, as they are', () => {
    const variants = ['Software Engineer', 'Data Engineer', 'Web Developer', 'Product Manager', '']
    expect(softwareVariants(variants)).toEqual(variants)
  })
})

describe('classifyRoles in a software context', () => {
  it('codes an "Engineer" ladder whose text is about software to a computer occupation, every level alike', () => {
    const coded = classifyRoles(
      ['Engineer I', 'Engineer II', 'Senior Engineer'].map((title) => role(title, SOFTWARE)),
      index,
    ).map((r) => inferredSoc(r.classifications))
    expect(new Set(coded.map((row) => row.code)).size).toBe(1)
    expect(coded[0]!.code).toMatch(/^15-12/)
    expect(coded[0]!.evidence.join(' ')).toMatch(/the role's text is about software/)
  })

  it('codes a "Tech Lead" whose text is about software to a computer occupation (the occupation it leads)', () => {
    const row = inferredSoc(classifyRoles([role('Tech Lead', SOFTWARE)], index)[0]!.classifications)
    expect(row.code).toMatch(/^15-12/)
    expect(row.evidence.join(' ')).toMatch(/title read as "Lead Software Engineer"/)
  })

  it('codes a bare "Developer" whose text is about software to 15-1252, not the broad group', () => {
    const row = inferredSoc(classifyRoles([role('Developer', SOFTWARE)], index)[0]!.classifications)
    expect(row.code).toBe('15-1252')
  })

  it('keeps an "Engineer" ladder whose text is about mechanical engineering in architecture and engineering', () => {
    const coded = classifyRoles(
      ['Engineer I', 'Engineer II', 'Senior Engineer'].map((title) => role(title, MECHANICAL)),
      index,
    ).map((r) => inferredSoc(r.classifications))
    expect(new Set(coded.map((row) => row.code)).size).toBe(1)
    expect(coded[0]!.code).toMatch(/^17-/)
    expect(coded[0]!.evidence.join(' ')).not.toMatch(/about software/)
  })
})

// Written for these tests: a manager of software engineers, and a manager of a warehouse's deliveries.
const SOFTWARE_MANAGER = [
  'Manage a team of software engineers: hire, coach and run one-to-ones with your direct reports.',
  'Plan the roadmap of our web services and APIs with product managers.',
  'Make sure the team ships code to production reliably, with code review, automated tests and continuous deployment.',
  'Own the team’s on-call rota, incident reviews and the health of its cloud infrastructure.',
  'Help engineers grow their careers and give feedback on their pull requests and system designs.',
]
const WAREHOUSE_MANAGER = [
  'Manage the warehouse team: hire, schedule and supervise forklift drivers and pickers.',
  'Plan inbound and outbound deliveries of goods with the transport carriers.',
  'Keep stock levels, inventory counts and loading docks in order.',
  'Enforce health and safety rules for lifting, racking and vehicles in the yard.',
]

describe('managesEngineeringTitles and softwareManagementVariants', () => {
  it('reads management titles over engineering, not engineers nor managers of other fields', () => {
    expect(managesEngineeringTitles(['Engineering Manager', ''])).toBe(true)
    expect(managesEngineeringTitles(['Director of Engineering'])).toBe(true)
    expect(managesEngineeringTitles(['Engineer', 'Lead Engineer', 'Delivery Manager', 'Software Engineering Manager'])).toBe(false)
  })

  it('adds the software form of each such title, keeping the text-only variant last', () => {
    expect(softwareManagementVariants(['Director of Engineering', 'Engineering Manager', 'Engineer', ''])).toEqual([
      'Director of Engineering',
      'Engineering Manager',
      'Engineer',
      'Director of Software Engineering',
      'Software Engineering Manager',
      '',
    ])
  })
})

describe('managers of software engineering (11-3021)', () => {
  it('codes an "Engineering Manager" whose text is about software teams to 11-3021, not 11-9041 or a broad group', () => {
    const row = inferredSoc(classifyRoles([role('Engineering Manager', SOFTWARE_MANAGER)], index)[0]!.classifications)
    expect(row.code).toBe('11-3021')
    expect(row.evidence.join(' ')).toMatch(/the title manages engineering and the role's text is about software/)
  })

  it('codes a "Director of Engineering" of software teams to 11-3021, not to directors of other fields', () => {
    const row = inferredSoc(classifyRoles([role('Director of Engineering', SOFTWARE_MANAGER)], index)[0]!.classifications)
    expect(row.code).toBe('11-3021')
  })

  it('codes an "Engineering Manager" whose text is about mechanical engineering to a non-IT management occupation or engineering', () => {
    const row = inferredSoc(classifyRoles([role('Engineering Manager', MECHANICAL)], index)[0]!.classifications)
    expect(row.code).not.toBe('11-3021')
    expect(row.evidence.join(' ')).not.toMatch(/manages engineering/)
  })

  it('leaves a manager of another field (goods and warehouses) to the title', () => {
    const row = inferredSoc(classifyRoles([role('Delivery Manager', WAREHOUSE_MANAGER)], index)[0]!.classifications)
    expect(row.code).not.toBe('11-3021')
    expect(row.evidence.join(' ')).not.toMatch(/Computer and Information Systems Managers/)
  })

  it('leaves engineers of a software ladder (no management title, nobody managed) out of it', () => {
    const row = inferredSoc(classifyRoles([role('Engineer II', SOFTWARE)], index)[0]!.classifications)
    expect(row.code).toMatch(/^15-12/)
  })
})

// Written for these tests: a designer of apps and websites, and designers of physical products and clothes.
const DIGITAL_DESIGN = [
  'Design user flows, wireframes and prototypes for our mobile app and website.',
  'Run usability tests with users and iterate on the interface.',
  'Work with developers to ship accessible, responsive web pages and maintain the design system.',
  'Use Figma to document components and interaction patterns.',
]
const INDUSTRIAL_DESIGN = [
  'Design household appliances and furniture for manufacture: sketches, foam models and CAD surfaces.',
  'Choose materials, finishes and colours with the factory and suppliers.',
  'Study the ergonomics, safety and cost of manufacturing each product.',
  'Prepare presentation drawings and physical prototypes for clients.',
]
const FASHION_DESIGN = [
  'Design womenswear collections each season: sketches, fabrics, patterns and fittings.',
  'Select textiles and trims with mills and follow garment samples through production.',
  'Research fashion trends, colours and silhouettes for the runway.',
]

describe('managers of quality engineering ("QE") in a software context (11-3021)', () => {
  it('reads "QE" in a management title as quality engineering, not in a practitioner\'s title', () => {
    expect(managesEngineeringTitles(['QA/QE Manager', ''])).toBe(true)
    expect(managesEngineeringTitles(['QE Engineer', ''])).toBe(false)
    expect(softwareManagementVariants(['QE Manager', ''])).toEqual(['QE Manager', 'Software Quality Engineering Manager', ''])
  })

  it('codes a "QA/QE Manager" whose text is about software teams to 11-3021, not 13-1082', () => {
    const row = inferredSoc(classifyRoles([role('QA/QE Manager', SOFTWARE_MANAGER)], index)[0]!.classifications)
    expect(row.code).toBe('11-3021')
    expect(row.evidence.join(' ')).toMatch(/the title manages engineering and the role's text is about software/)
  })

  it('leaves a "QE Manager" whose text is about mechanical engineering out of computer management', () => {
    const row = inferredSoc(classifyRoles([role('QE Manager', MECHANICAL)], index)[0]!.classifications)
    expect(row.code).not.toBe('11-3021')
  })
})

describe('designers of digital products (15-1255)', () => {
  it('reads designer titles, not others', () => {
    expect(designerTitles(['Product Designer', ''])).toBe(true)
    expect(designerTitles(['Service Design'])).toBe(true)
    expect(designerTitles(['Design Engineer', 'Product Manager'])).toBe(false)
  })

  it('codes "Product Designer" and "Interaction Designer" whose text is about apps and websites to 15-1255', () => {
    for (const title of ['Product Designer', 'Interaction Designer']) {
      const row = inferredSoc(classifyRoles([role(title, DIGITAL_DESIGN)], index)[0]!.classifications)
      expect(row.code).toBe('15-1255')
      expect(row.evidence.join(' ')).toMatch(/the role's text is about digital products/)
    }
  })

  it('keeps designers of manufactured products and clothes in art and design (27-10xx)', () => {
    const product = inferredSoc(classifyRoles([role('Product Designer', INDUSTRIAL_DESIGN)], index)[0]!.classifications)
    expect(product.code).toMatch(/^27-10/)
    const fashion = inferredSoc(classifyRoles([role('Designer', FASHION_DESIGN)], index)[0]!.classifications)
    expect(fashion.code).toMatch(/^27-10/)
    expect(fashion.evidence.join(' ')).not.toMatch(/digital products/)
  })
})

// Written for these tests: a delivery manager of software teams who manages the work, not the people.
const SOFTWARE_DELIVERY = [
  'Run agile delivery for two software teams: sprint planning, stand-ups and retrospectives.',
  'Track the backlog, dependencies and risks of each release and report progress to stakeholders.',
  'Remove blockers for developers and help the teams ship code to production continuously.',
  'Plan releases of our web services with product managers and keep the roadmap realistic.',
]

describe('managers of work, not people, in a software context (13-1082)', () => {
  it('reads titles whose management word is "manager", not director, head or chief titles', () => {
    expect(managerTitles(['Delivery Manager', ''])).toBe(true)
    expect(managerTitles(['Head of Product', 'Director of Product'])).toBe(false)
    expect(managerTitles(['Software Engineer'])).toBe(false)
  })

  it('codes a "Delivery Manager" of software teams to 13-1082, not 11-3071 (transportation, storage and distribution)', () => {
    const row = inferredSoc(classifyRoles([role('Delivery Manager', SOFTWARE_DELIVERY)], index)[0]!.classifications)
    expect(row.code).toBe('13-1082')
    expect(row.evidence.join(' ')).toMatch(/do(es)? not say these levels manage people/)
  })

  it('leaves a warehouse "Delivery Manager" to the title (11-3071)', () => {
    const row = inferredSoc(classifyRoles([role('Delivery Manager', WAREHOUSE_MANAGER)], index)[0]!.classifications)
    expect(row.code).toBe('11-3071')
  })

  it('does not apply when the page says the levels manage people', () => {
    const people = [...SOFTWARE_DELIVERY, 'Line manage the delivery team: one-to-ones, performance reviews and hiring for your direct reports.']
    const row = inferredSoc(classifyRoles([role('Delivery Manager', people)], index)[0]!.classifications)
    expect(row.evidence.join(' ')).not.toMatch(/read as 13-1082/)
  })
})

// Written for these tests: a manager of a team of marketers (people managed, a field named in the title).
const MARKETING_MANAGER = [
  'Manage a team of marketers: hire, coach and run one-to-ones with your direct reports.',
  'Plan advertising campaigns, pricing promotions and brand positioning for our products.',
  'Analyse market research, customer segments and campaign results with the sales team.',
  'Own the marketing budget and report on leads, conversion and revenue.',
]

describe('managers of people in a software context (11-3021)', () => {
  it('reads titles naming people, a line or a team as what is managed, not managers of a field or of people operations', () => {
    expect(peopleManagerTitles(['People Manager', ''])).toBe(true)
    expect(peopleManagerTitles(['Senior Team Manager'])).toBe(true)
    expect(peopleManagerTitles(['People Operations Manager', 'Product Manager', 'Head of People'])).toBe(false)
  })

  it('codes a "People Manager" whose text is about software teams to 11-3021, not a broad group', () => {
    const row = inferredSoc(classifyRoles([role('People Manager', SOFTWARE_MANAGER)], index)[0]!.classifications)
    expect(row.code).toBe('11-3021')
    expect(row.evidence.join(' ')).toMatch(/manage people and the role's text is about software work/)
  })

  it('leaves a "People Manager" of a warehouse team out of computer management', () => {
    const row = inferredSoc(classifyRoles([role('People Manager', WAREHOUSE_MANAGER)], index)[0]!.classifications)
    expect(row.code).not.toBe('11-3021')
    expect(row.evidence.join(' ')).not.toMatch(/Computer and Information Systems Managers/)
  })

  it('keeps a "Marketing Manager" who manages people in marketing (11-2021)', () => {
    const row = inferredSoc(classifyRoles([role('Marketing Manager', MARKETING_MANAGER)], index)[0]!.classifications)
    expect(row.code).toBe('11-2021')
  })
})

// Written for these tests: a service desk analyst's work, and a finance analyst's.
const SERVICE_DESK = [
  'Answer tickets from staff about laptops, accounts, passwords and software installs on the service desk.',
  'Diagnose and fix problems with email, VPN, Wi-Fi and printers, or escalate them to the next line.',
  'Set up new starters with laptops, user accounts and access to our cloud applications.',
  'Document fixes in the knowledge base and keep the ticket queue within its service levels.',
  'Patch and update devices and help users with our web and mobile apps.',
]
const FINANCE = [
  'Prepare monthly budgets, forecasts and variance reports for the finance director.',
  'Analyse revenue, costs and margins by product line and region.',
  'Build financial models for investment decisions and pricing.',
  'Reconcile ledgers and support the annual audit.',
]

describe('tiers of IT support in a software context', () => {
  it('reads support tiers in titles, not SOC first-line supervisors nor line managers', () => {
    expect(supportTierTitle('1st Line Analyst')).toBe(true)
    expect(supportTierTitle('Second-line Support Engineer')).toBe(true)
    expect(supportTierTitle('Tier 2 Technician')).toBe(true)
    expect(supportTierTitle('First-Line Supervisor of Retail Sales Workers')).toBe(false)
    expect(supportTierTitle('Line Manager')).toBe(false)
    expect(supportTierTitle('Product Line Analyst')).toBe(false)
  })

  it('adds the IT support form of the titles, keeping the text-only variant last', () => {
    expect(supportTierVariants(['Line Analyst', ''])).toEqual(['Line Analyst', 'IT Support Analyst', ''])
    expect(supportTierVariants(['Support Engineer', ''])).toEqual(['Support Engineer', ''])
  })

  it('codes a "1st Line Analyst" whose text is about a service desk to a computer support occupation, not finance', () => {
    const row = inferredSoc(classifyRoles([role('1st Line Analyst', SERVICE_DESK)], index)[0]!.classifications)
    expect(row.code).toMatch(/^15-123/)
    expect(row.evidence.join(' ')).toMatch(/title read as "IT Support Analyst"/)
  })

  it('leaves a "1st Line Analyst" whose text is about finance out of computer support', () => {
    const row = inferredSoc(classifyRoles([role('1st Line Analyst', FINANCE)], index)[0]!.classifications)
    expect(row.code).not.toMatch(/^15-123/)
    expect(row.evidence.join(' ')).not.toMatch(/IT Support Analyst/)
  })
})

describe('the text decides between the codes a title leaves open, not against a clear title', () => {
  const NURSING = [
    'Assess patients, administer medications and monitor vital signs on the ward.',
    'Record patients’ symptoms and care plans and consult with physicians.',
    'Teach patients and families how to manage illnesses and injuries.',
    'Supervise nursing assistants and coordinate patient care with the care team.',
    'Prepare patients for examinations and treatments and dress wounds.',
  ]

  it('keeps the titles\' reading of "Infrastructure Engineer" at a software organisation (15-1252) against a code they make unlikely', () => {
    const row = inferredSoc(classifyRoles([role('Infrastructure Engineer', SOFTWARE)], index)[0]!.classifications)
    expect(row.code).toBe('15-1252')
    expect(row.evidence.join(' ')).toMatch(
      /the role's text matches 15-\d{4}'s tasks better, but the titles make it less than a quarter as likely as 15-1252: the titles' order kept/,
    )
  })

  it('keeps a clear title ("Payroll Clerk") whatever its text', () => {
    const row = inferredSoc(classifyRoles([role('Payroll Clerk', NURSING)], index)[0]!.classifications)
    expect(row.code).toBe('43-3051')
  })
})
