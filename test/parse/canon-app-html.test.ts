import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { RoleProfile } from '../../src/model/index.js'
import { parsePage } from '../../src/parse/parse-page.js'
import { pageOf, rawPage } from '../helpers/pages.js'

const withoutSource = ({ source: _source, ...rest }: RoleProfile) => rest

function parseOne(path: string, html: string): RoleProfile {
  const result = parsePage(pageOf(path, html))
  expect(result.rejected).toEqual([])
  expect(result.profiles).toHaveLength(1)
  return result.profiles[0]!
}

const textForm = parsePage(rawPage('pages/canon/role-page-devops-engineering-p3.txt')).profiles[0]!
const baseHtml = readFileSync(new URL('../../raw/pages/canon/role-page-devops-engineering-p3.html', import.meta.url), 'utf8')
const fixture = (name: string) => readFileSync(new URL(`../fixtures/canon-app/${name}`, import.meta.url), 'utf8')

describe('canon-app pages as HTML', () => {
  it('the HTML rendition of the seed (site navigation, header, sidebar, footer) parses field for field like its text copy', () => {
    const html = parseOne('pages/canon/role-page-devops-engineering-p3.html', baseHtml)
    expect(html.source.format).toBe('canon-app-html')
    expect(withoutSource(html)).toEqual(withoutSource(textForm))
  })

  it.each([
    ['tables for components, level facts, story problems, aliases and codes', 'variant-tables.html'],
    ['definition lists for components, story problems, aliases and codes', 'variant-definition-lists.html'],
    ['nothing but <div>s and <span>s, chrome marked only by ARIA landmarks', 'variant-div-soup.html'],
    ['white space and line breaks around badges, counts in brackets, entities', 'variant-spaced-badges.html'],
  ])('markup with %s parses like the text copy', (_label, file) => {
    expect(withoutSource(parseOne(file, fixture(file)))).toEqual(withoutSource(textForm))
  })

  it('list items drawn as <div>• text</div> or <div>1. text</div> and key=value pairs separated by spaces parse like the text copy', () => {
    const soup = fixture('variant-div-soup.html')
    let step = 0
    const bulleted = soup
      // The plan's steps as numbered <div> lines, each component as a bulleted <div> line.
      .replace(/<div>The plan<\/div>.*/, (line) => line.replace(/(?<=<div>)(?=[A-Z](?!he plan))/g, () => `${++step}. `))
      .replace(/<div>(?=[A-Z][^<]{20,}<span>common<\/span>)/g, '<div>• ')
      .replace(/<\/span><span>(?=(?:title|source|reviewStatus)=)/g, ' ')
    expect(step).toBeGreaterThan(3)
    expect(bulleted).toContain('<div>• Design, implement')
    expect(bulleted).toContain('code=15-0000 title=')
    expect(withoutSource(parseOne('variant-bullets.html', bulleted))).toEqual(withoutSource(textForm))
  })

  it('does not depend on class names or ids: the page without them, or with them shuffled, parses the same', () => {
    const stripped = baseHtml.replace(/\s(?:class|id)="[^"]*"/g, '')
    const classes = [...baseHtml.matchAll(/\sclass="([^"]*)"/g)].map((m) => m[1]!)
    let i = 0
    const shuffled = baseHtml.replace(/\sclass="[^"]*"/g, () => ` class="${classes[(i++ * 7 + 3) % classes.length]}"`)
    expect(withoutSource(parseOne('a.html', stripped))).toEqual(withoutSource(textForm))
    expect(withoutSource(parseOne('b.html', shuffled))).toEqual(withoutSource(textForm))
  })

  it('keeps site navigation, sidebar, footer and cookie banner text out of the profile', () => {
    const json = JSON.stringify(parseOne('pages/canon/role-page-devops-engineering-p3.html', baseHtml))
    for (const chrome of ['Review queue', 'Search roles', 'DevOps Engineering P4', 'Privacy', 'Build 4f2a9c1', 'cookies']) {
      expect(json).not.toContain(chrome)
    }
  })

  it('reads adjacent roles and core outputs when the page lists them', () => {
    const html = baseHtml
      .replace('<p class="empty">No core outputs recorded yet.</p>', '<ul><li>Deployment pipelines</li><li>Runbooks</li></ul>')
      .replace(
        /(<p class="hint">.*?<\/p>)/s,
        '$1<ul><li><a href="/roles/EDE.GEN.P4">Engineering – DevOps Engineering Professional P4</a><span>EDE.GEN.P4</span><span>0.25</span><span>near</span></li></ul>',
      )
    const profile = parseOne('d.html', html)
    expect(profile.coreOutputs).toEqual(['Deployment pipelines', 'Runbooks'])
    expect(profile.adjacentRoles).toEqual([{ code: 'EDE.GEN.P4', title: 'Engineering – DevOps Engineering Professional P4', distance: 0.25, band: 'near' }])
  })

  it('learns a badge the known list lacks when HTML shows it as its own element on several rows', () => {
    const html = baseHtml.replace(/<span class="tag">level<\/span><\/li>/g, '<span class="tag">level</span><span class="tag">pinned</span></li>')
    const profile = parseOne('c.html', html)
    expect(profile.components.every((c) => c.tags.join() === 'common,level,pinned')).toBe(true)
    expect(profile.components[0]!.text).toBe('Design, implement, and maintain automated build, test, and deployment pipelines')
  })
})
