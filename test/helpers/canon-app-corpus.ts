// A corpus of canon-app role pages for the scale bench, rendered as HTML from the reference occupations
// (O*NET 29.3 occupation data, tasks, technology skills and alternate titles), several levels per
// occupation, then (past the ten levels of every occupation, about 10,000 pages) the same roles again in other
// business units, so the scale bench can go to 40,000 pages and more. Same layout as the canon app's page for the seed role (DESIGN.md): site navigation, header and
// footer around the content, headings with counts, badges in their own elements. Deterministic: the same
// reference data gives byte-identical pages.

import { mkdir, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { readTable } from '../../src/reference/read-table.js'

interface Occupation {
  onetCode: string
  title: string
  description: string
  tasks: string[]
  technologies: string[]
  alternateTitles: string[]
}

interface LevelSpec {
  code: string
  name: string
  track: string
  descriptor: string
  experience: string
  prefix: string
  band: 'low' | 'medium' | 'high'
}

const levels: LevelSpec[] = [
  {
    code: 'P1',
    name: 'Entry Professional',
    track: 'Professional',
    descriptor: 'Learns the work under close guidance',
    experience: '0–1 yrs',
    prefix: 'Junior',
    band: 'medium',
  },
  {
    code: 'P2',
    name: 'Developing Professional',
    track: 'Professional',
    descriptor: 'Handles routine work with some guidance',
    experience: '1–3 yrs',
    prefix: 'Associate',
    band: 'medium',
  },
  {
    code: 'P3',
    name: 'Mid-Level Professional',
    track: 'Professional',
    descriptor: 'Fully competent professional; works independently on standard projects',
    experience: '3–5 yrs',
    prefix: 'Mid-Level',
    band: 'medium',
  },
  {
    code: 'P4',
    name: 'Senior Professional',
    track: 'Professional',
    descriptor: 'Leads complex projects; recognised expert in the team',
    experience: '5–8 yrs',
    prefix: 'Senior',
    band: 'high',
  },
  {
    code: 'P5',
    name: 'Lead Professional',
    track: 'Professional',
    descriptor: 'Sets technical direction across teams',
    experience: '8–12 yrs',
    prefix: 'Lead',
    band: 'high',
  },
  {
    code: 'P6',
    name: 'Principal Professional',
    track: 'Professional',
    descriptor: 'Shapes the discipline across the organisation',
    experience: '12+ yrs',
    prefix: 'Principal',
    band: 'high',
  },
  {
    code: 'M1',
    name: 'Team Manager',
    track: 'Management',
    descriptor: 'Manages a team delivering a defined scope',
    experience: '5–8 yrs',
    prefix: 'Supervisor',
    band: 'medium',
  },
  {
    code: 'M2',
    name: 'Senior Manager',
    track: 'Management',
    descriptor: 'Manages managers or a multi-team area',
    experience: '8–12 yrs',
    prefix: 'Manager',
    band: 'medium',
  },
  {
    code: 'M3',
    name: 'Director',
    track: 'Management',
    descriptor: 'Runs a function area; owns budget and strategy',
    experience: '12+ yrs',
    prefix: 'Director',
    band: 'low',
  },
  {
    code: 'M4',
    name: 'Senior Director',
    track: 'Management',
    descriptor: 'Runs several areas; part of the leadership team',
    experience: '15+ yrs',
    prefix: 'Head of',
    band: 'low',
  },
]

const roman = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X']

const majorGroupNames: Record<string, string> = {
  '11': 'Management',
  '13': 'Business and Financial Operations',
  '15': 'Computer and Mathematical',
  '17': 'Architecture and Engineering',
  '19': 'Life, Physical, and Social Science',
  '21': 'Community and Social Service',
  '23': 'Legal',
  '25': 'Educational Instruction and Library',
  '27': 'Arts, Design, Entertainment, Sports, and Media',
  '29': 'Healthcare Practitioners and Technical',
  '31': 'Healthcare Support',
  '33': 'Protective Service',
  '35': 'Food Preparation and Serving Related',
  '37': 'Building and Grounds Cleaning and Maintenance',
  '39': 'Personal Care and Service',
  '41': 'Sales and Related',
  '43': 'Office and Administrative Support',
  '45': 'Farming, Fishing, and Forestry',
  '47': 'Construction and Extraction',
  '49': 'Installation, Maintenance, and Repair',
  '51': 'Production',
  '53': 'Transportation and Material Moving',
  '55': 'Military Specific',
}

/** Reads the occupations the corpus is rendered from, with their tasks, technologies and alternate titles. */
export async function readOccupations(referenceDir: string): Promise<Occupation[]> {
  const [occupations, tasks, technologies, alternates] = await Promise.all([
    readTable(referenceDir, { file: 'onet_29_3/occupation_data.tsv', format: 'tsv', columns: ['O*NET-SOC Code', 'Title', 'Description'] }),
    readTable(referenceDir, { file: 'onet_29_3/task_statements.tsv', format: 'tsv', columns: ['O*NET-SOC Code', 'Task'] }),
    readTable(referenceDir, { file: 'onet_29_3/technology_skills.tsv', format: 'tsv', columns: ['O*NET-SOC Code', 'Example'] }),
    readTable(referenceDir, { file: 'onet_29_3/alternate_titles.tsv', format: 'tsv', columns: ['O*NET-SOC Code', 'Alternate Title'] }),
  ])
  const group = <R extends Record<'O*NET-SOC Code', string>>(rows: R[], value: (row: R) => string) => {
    const byCode = new Map<string, string[]>()
    for (const row of rows) {
      const list = byCode.get(row['O*NET-SOC Code']) ?? []
      list.push(value(row))
      byCode.set(row['O*NET-SOC Code'], list)
    }
    return byCode
  }
  const tasksBy = group(tasks, (r) => r.Task)
  const techBy = group(technologies, (r) => r.Example)
  const altBy = group(alternates, (r) => r['Alternate Title'])
  return occupations.map((row) => {
    const code = row['O*NET-SOC Code']
    return {
      onetCode: code,
      title: row.Title,
      description: row.Description,
      tasks: tasksBy.get(code) ?? [],
      technologies: [...new Set(techBy.get(code) ?? [])],
      alternateTitles: altBy.get(code) ?? [],
    }
  })
}

export interface CorpusPage {
  /** File name relative to the pages folder. */
  file: string
  code: string
  html: string
}

/**
 * Business units a role is repeated in once every occupation has a page at every level: a unit's page has its
 * own code and title, its own picks of tasks and skills, and the unit in its summary. The first corpus (no
 * unit) is what the bench rendered before units existed, page for page.
 */
const units = ['Retail Division', 'Public Sector', 'Manufacturing Group', 'Logistics Network', 'Healthcare Services', 'Financial Services', 'Energy Unit']

/**
 * Renders `count` pages: occupations in reference order, each at every level, then again in each business unit,
 * until the count is reached.
 */
export function renderCorpus(occupations: Occupation[], count: number): CorpusPage[] {
  const pages: CorpusPage[] = []
  for (let unit = 0; unit <= units.length; unit++) {
    for (const level of levels.keys()) {
      for (const occupation of occupations) {
        if (pages.length >= count) return pages
        pages.push(renderPage(occupation, levels[level]!, level, '', unit))
      }
    }
  }
  return pages
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

const pick = <T>(items: T[], start: number, n: number): T[] =>
  items.length === 0 ? [] : Array.from({ length: Math.min(n, items.length) }, (_, i) => items[(start + i) % items.length]!)

/**
 * One canon-app page for an occupation at a level; `unit` > 0 is the role in business unit `unit` (see `units`),
 * 0 the role with no unit.
 */
export function renderPage(occupation: Occupation, level: LevelSpec, levelIndex: number, edit = '', unit = 0): CorpusPage {
  const major = occupation.onetCode.slice(0, 2)
  const unitName = unit > 0 ? units[(unit - 1) % units.length]! : null
  const unitSuffix = unitName ? ` (${unitName.split(' ')[0]})` : ''
  // The function is the major group's first words, and long occupation titles lose words from the end, so a
  // title fits SuccessFactors' 90-character job classification name (the export refuses to cut it).
  const superfunction = (majorGroupNames[major] ?? 'General').split(/,| and /)[0]!.trim()
  const discipline = shorten(occupation.title, 90 - superfunction.length - ` –  ${level.track} ${level.code}${unitSuffix}`.length)
  const code = `S${occupation.onetCode.replace(/[-.]/g, '').slice(0, 6)}.O${occupation.onetCode.slice(-2)}.${level.code}${unit > 0 ? `.U${unit}` : ''}`
  const title = `${superfunction} – ${discipline} ${level.track} ${level.code}${unitSuffix}`
  const confidence = (0.55 + ((levelIndex * 7 + occupation.title.length) % 40) / 100).toFixed(2)
  const summary = `${level.prefix} ${discipline.replace(/s$/, '')}${unitName ? ` in the ${unitName}` : ''}: ${occupation.description}${edit}`
  // Each unit picks other tasks and skills of the occupation (where it has more than a level's worth).
  const offset = levelIndex + unit * 5
  const responsibilities = pick(occupation.tasks, offset, 7)
  const tasks = pick(occupation.tasks, offset + 7, 3)
  const skills = pick(occupation.technologies, offset, 6).map((t) => `${t} proficiency`)
  const knowledge = pick(occupation.technologies, offset + 6, 6).map((t) => `Working knowledge of ${t}`)
  const competencies = [
    'Problem solving',
    'Collaboration and communication',
    'Continuous improvement',
    'Attention to detail',
    'Planning and organising',
    'Customer focus',
  ]
  const qualifications = [
    `Relevant qualification for ${discipline.toLowerCase()}`,
    `${level.experience} of experience in a similar role`,
    'Certifications relevant to the discipline',
    'Evidence of continuous professional development',
  ]
  const base = discipline.replace(/s$/, '')
  const aliases: [string, string, string][] = [
    [`${superfunction} – ${base} ${roman[levelIndex % 6]}${unitSuffix}`, level.band, (Number(confidence) - 0.02).toFixed(2)],
    [`${superfunction} – ${base} ${(levelIndex % 6) + 1}${unitSuffix}`, level.band, (Number(confidence) - 0.04).toFixed(2)],
    [`${level.prefix} ${base}${unitSuffix}`, level.band, (Number(confidence) - 0.06).toFixed(2)],
    ...pick(occupation.alternateTitles, levelIndex, 4).map((t): [string, string, string] => [`${level.prefix} ${t}`, 'low', '0.45']),
  ]
  const list = (items: string[]) => `<ul>${items.map((t) => `<li>${escapeHtml(t)}<span>common</span><span>level</span></li>`).join('')}</ul>`
  const section = (heading: string, items: string[]) => (items.length === 0 ? '' : `<h3>${heading}<span>${items.length}</span></h3>${list(items)}`)
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · Canon</title></head>
<body>
<header><a href="/">Canon</a><nav><a href="/roles">Roles</a> <a href="/levels">Levels</a> <a href="/about">About</a></nav></header>
<main>
<article>
<p><a href="/">← Canon taxonomy</a></p>
<h1>${escapeHtml(title)}</h1>
<p>${code}</p>
<p><span>${level.code}</span><span>${level.code} — ${escapeHtml(level.name)}</span><span>${level.band}</span><span>${confidence}</span><span>draft</span><span>global</span><span>v1</span></p>
<p>${escapeHtml(summary)}</p>
<h2>The story of this role</h2>
<h3>Who does this work</h3>
<p>A ${escapeHtml(level.prefix.toLowerCase())} ${escapeHtml(base.toLowerCase())} who wants the work to be done well and predictably.</p>
<h3>The problem this role solves</h3>
<ul><li>The external problem: ${escapeHtml(occupation.description.split('. ')[0] ?? '')} is hard to do consistently.</li>
<li>The internal problem: the work is spread across people and tools.</li>
<li>Why it matters: every team deserves dependable ${escapeHtml(base.toLowerCase())} work.</li></ul>
<h3>The plan</h3>
<ol>${pick(occupation.tasks, offset + 10, 3)
    .map((t) => `<li>${escapeHtml(t)}</li>`)
    .join('')}</ol>
<h3>What's at stake</h3>
<p>Missed outcomes and rework when the work is not done well.</p>
<h3>Success looks like</h3>
<p>Reliable outcomes delivered on time.</p>
<h2>Summary</h2>
<p>${escapeHtml(summary)}</p>
<h2>Level — ${level.code} — ${escapeHtml(level.name)}</h2>
<p>${escapeHtml(level.descriptor)}</p>
<dl><dt>Scope</dt><dd>${levelIndex < 3 ? 'Features or tasks within a team' : 'Several teams or an area'}</dd>
<dt>Autonomy</dt><dd>${levelIndex < 2 ? 'Works with guidance' : 'Works independently'}</dd>
<dt>Complexity</dt><dd>Diverse problems; adapts existing approaches</dd>
<dt>Impact</dt><dd>Project / team outcomes</dd>
<dt>Decision rights</dt><dd>Owns decisions for own scope</dd>
<dt>Leadership</dt><dd>${level.track === 'Management' ? 'Manages people' : 'Mentors others informally'}</dd>
<dt>Typical experience</dt><dd>${level.experience}</dd></dl>
<h2>Core outputs</h2>
<p>No core outputs recorded yet.</p>
<h2>Adjacent roles</h2>
<p>Nearest roles by structural coordinates (level + taxonomy).</p>
<h2>Components</h2>
${section('Responsibilities', responsibilities)}
${section('Tasks', tasks)}
${section('Skills', skills)}
${section('Knowledge', knowledge)}
${section('competency', competencies)}
${section('qualification', qualifications)}
<h2>Title aliases</h2>
<table><thead><tr><th>Alias</th><th>Type</th><th>Confidence</th><th>Approved</th></tr></thead><tbody>
${aliases.map(([text, band, conf]) => `<tr><td>${escapeHtml(text)}</td><td>common</td><td><span>${band}</span><span>${conf}</span></td><td></td></tr>`).join('\n')}
</tbody></table>
<h2>Classification mappings</h2>
<h3>O*NET / SOC</h3>
<ul><li><span>code=${major}-0000</span><span>title=${escapeHtml(superfunction)} Occupations</span><span>source=inferred_from_superfunction</span><span>reviewStatus=needs_review</span></li></ul>
</article>
</main>
<footer><p>© Canon · <a href="/privacy">Privacy</a> · <a href="/terms">Terms</a></p></footer>
</body></html>
`
  return { file: `canon-app/${unit > 0 ? `unit-${unit}/` : ''}${code}.html`, code, html }
}

function shorten(title: string, max: number): string {
  const words = title.split(' ')
  while (words.length > 1 && words.join(' ').length > max) words.pop()
  return words.join(' ').replace(/[,;:]$/, '')
}

/** Writes the pages under `dir`, creating folders as needed. */
export async function writeCorpus(dir: string, pages: CorpusPage[]): Promise<void> {
  const folders = new Set(pages.map((p) => path.dirname(path.join(dir, p.file))))
  for (const folder of folders) await mkdir(folder, { recursive: true })
  for (const page of pages) await writeFile(path.join(dir, page.file), page.html)
}

/**
 * `count` pages rendered from the reference occupations that `keep` accepts (all by default); throws when the
 * reference data cannot render that many.
 */
export async function renderCorpusFrom(referenceDir: string, count: number, keep: (occupation: Occupation) => boolean = () => true): Promise<CorpusPage[]> {
  const pages = renderCorpus((await readOccupations(referenceDir)).filter(keep), count)
  if (pages.length < count) throw new Error(`the reference data renders only ${pages.length} pages; asked for ${count}`)
  return pages
}

/**
 * The raw folder of a bench corpus under `corpusRoot` (pages in `raw/pages`), rendered and written by `render`
 * unless an earlier bench left it complete (a marker file records that).
 */
export async function ensureCorpus(corpusRoot: string, render: () => Promise<CorpusPage[]>): Promise<string> {
  const marker = path.join(corpusRoot, 'complete')
  if (!(await stat(marker).catch(() => null))) {
    const pages = await render()
    await rm(corpusRoot, { recursive: true, force: true })
    await writeCorpus(path.join(corpusRoot, 'raw', 'pages'), pages)
    await writeFile(marker, `${pages.length}\n`)
  }
  return path.join(corpusRoot, 'raw')
}

export { levels as corpusLevels }
