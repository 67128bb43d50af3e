import { describe, expect, it } from 'vitest'
import { scoreAliases } from '../../src/aliases/score-aliases.js'
import { parsePage } from '../../src/parse/parse-page.js'
import { rawPage } from '../helpers/pages.js'

describe('the aliases stage on the seed page as parsed', () => {
  for (const file of ['pages/canon/role-page-devops-engineering-p3.txt', 'pages/canon/role-page-devops-engineering-p3.html']) {
    it(`merges the III/3 spellings and leaves out the title in ${file}`, () => {
      const role = parsePage(rawPage(file)).profiles[0]!
      const { roles, merged, conflicts } = scoreAliases([role], { referenceTitles: () => [] })
      expect(roles[0]!.aliases.map((a) => [a.text, a.variants, a.confidence, a.band])).toEqual([
        ['Engineering – DevOps Engineer III', ['Engineering – DevOps Engineer 3'], 0.7, 'medium'],
        ['Engineering – DevOps Engineering III', ['Engineering – DevOps Engineering 3'], 0.7, 'medium'],
        ['Mid-Level Engineering – DevOps Engineer', [], 0.64, 'medium'],
        ['Mid-Level Engineering – DevOps Engineering', [], 0.64, 'medium'],
      ])
      expect(merged).toBe(2)
      expect(conflicts).toEqual([])
      expect(roles[0]!.findings.filter((f) => f.code === 'alias_is_title')).toHaveLength(1)
    })
  }
})
