// The seed role page, edited so its title starts with =HYPERLINK( and an alias with @SUM(, parsed, loaded and
// exported in both safety modes.

import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { exportRelease } from '../../src/export/export-release.js'
import { findExportProfile } from '../../src/export/profiles/index.js'
import type { ExportMode, RoleProfile } from '../../src/model/index.js'
import { parsePage } from '../../src/parse/parse-page.js'
import { scoreAliases } from '../../src/aliases/score-aliases.js'
import { referenceTitlesFromRows } from '../../src/aliases/reference-titles.js'
import { testBackends, useTestDatabase } from '../helpers/databases.js'
import { loadProfiles } from '../helpers/load.js'
import { readExported, readTwoHeaderFile } from '../helpers/export-csv-files.js'

const title = '=HYPERLINK("http://evil.example","DevOps")'
const alias = '@SUM(1+1)*cmd|" /C calc"!A0'

async function hostileSeedPage(): Promise<RoleProfile> {
  const seed = await readFile(new URL('../../raw/pages/canon/role-page-devops-engineering-p3.txt', import.meta.url), 'utf8')
  const text = seed
    .replace('\nEngineering – DevOps Engineering Professional P3\n', `\n${title}\n`)
    .replace('Engineering – DevOps Engineering IIIcommonmedium0.70', `${alias}commonmedium0.70`)
  const parsed = parsePage({ path: 'canon/hostile.txt', bytes: new TextEncoder().encode(text), contentHash: 'f'.repeat(64) })
  // The aliases stage merges the page's aliases into keyed ones, as a build does before loading.
  const [profile] = scoreAliases(parsed.profiles, { referenceTitles: referenceTitlesFromRows([]) }).roles
  if (!profile) throw new Error(`the edited seed page did not parse: ${JSON.stringify(parsed.rejected)}`)
  return profile
}

let out: string
beforeEach(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'canon-export-page-'))
})
afterEach(async () => {
  await rm(out, { recursive: true, force: true })
})

describe.each(testBackends)('a page whose title and alias start with =HYPERLINK( and @SUM(, on %s', (backend) => {
  const t = useTestDatabase(backend)

  async function exported(mode: ExportMode) {
    await exportRelease(t.db, { outDir: out, mode, profiles: ['generic', 'workday', 'successfactors'].map(findExportProfile) })
    const dir = path.join(out, 'releases', '1')
    return {
      title: (await readExported(path.join(dir, 'generic', 'job_profiles.csv'))).records[0]?.title,
      alias: (await readExported(path.join(dir, 'generic', 'job_aliases.csv'))).records.find((r) => r.text?.includes('@SUM('))?.text,
      workday: (await readTwoHeaderFile(path.join(dir, 'workday', '07_put_job_profile.csv'))).records[0]?.Job_Title,
      successfactors: (await readTwoHeaderFile(path.join(dir, 'successfactors', '02_job_classification.csv'))).records[0]?.name,
      confidence: (await readExported(path.join(dir, 'generic', 'job_profiles.csv'))).records[0]?.confidence,
    }
  }

  it('is parsed with that title and alias', async () => {
    const profile = await hostileSeedPage()
    expect(profile.title).toBe(title)
    expect(profile.aliases.map((a) => a.text)).toContain(alias)
  })

  it('exports them verbatim in import mode', async () => {
    await loadProfiles(t.db, [await hostileSeedPage()])
    expect(await exported('import')).toEqual({ title, alias, workday: title, successfactors: title, confidence: '0.7' })
  })

  it("exports them behind a ' in spreadsheet mode, numbers untouched", async () => {
    await loadProfiles(t.db, [await hostileSeedPage()])
    expect(await exported('spreadsheet')).toEqual({
      title: `'${title}`,
      alias: `'${alias}`,
      workday: `'${title}`,
      successfactors: `'${title}`,
      confidence: '0.7',
    })
  })
})
