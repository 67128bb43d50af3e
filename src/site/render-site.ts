// The static site of one release, rendered as files (pure: the same release gives byte-identical files). Plain
// HTML and CSS that read without script; a little script filters the grid and searches a prebuilt MiniSearch
// index. Links are relative, so the site works from file:// and from any static host.

import MiniSearch from 'minisearch'
import { levelPosition } from '../adjacency/distance.js'
import { compareCodes } from '../common/code-order.js'
import type { Neighbour, PossibleDuplicate, ReleaseDiff, ReleaseInfo, ReviewItem, RoleProfile } from '../model/index.js'
import { Html, html, rolePageName } from './html.js'
import { siteCss, siteScript } from './assets.js'

export interface SiteRole {
  profile: RoleProfile
  state: 'active' | 'removed'
  version: number
  neighbours: Neighbour[]
  /** The role's versions, oldest first, with the release that made each. */
  history: { version: number; createdRelease: number }[]
}

/**
 * What the pages other than the role's own read of a role (the grid, the search index, links): a few fields of
 * its profile, so a site of 10,000 roles need not hold every profile while its role pages are written.
 */
export interface SiteRoleEntry {
  profile: Pick<RoleProfile, 'code' | 'title' | 'function' | 'discipline' | 'track' | 'status' | 'level'> & {
    classifications: readonly Pick<RoleProfile['classifications'][number], 'reviewStatus'>[]
  }
  state: 'active' | 'removed'
  /** The role's aliases and their variants as the search index takes them. */
  searchAliases: string
}

/** A role's entry: the fields of its profile the grid, the search index and links read (copied, not shared). */
export function siteRoleEntry(role: Pick<SiteRole, 'profile' | 'state'>): SiteRoleEntry {
  const p = role.profile
  return {
    profile: {
      code: p.code,
      title: p.title,
      function: p.function,
      discipline: p.discipline,
      track: p.track,
      status: p.status,
      level: p.level,
      classifications: p.classifications.map((c) => ({ reviewStatus: c.reviewStatus })),
    },
    state: role.state,
    searchAliases: p.aliases.flatMap((alias) => [alias.text, ...alias.variants]).join(' · '),
  }
}

export interface SiteInput {
  release: ReleaseInfo
  roles: SiteRole[]
  /** Changes since the previous release (null for the first release). */
  diff: ReleaseDiff | null
  /** What needs a person (null when the release is not the current one: review items describe the current one). */
  review: ReviewItem[] | null
  duplicates: PossibleDuplicate[]
}

export interface SiteFile {
  path: string
  content: string
}

/** The files of the site, in path order. */
export function renderSite(input: SiteInput, minisearchScript: string): SiteFile[] {
  const codes = new Set(input.roles.map((role) => role.profile.code))
  const files = [
    ...siteFiles({ ...input, roles: input.roles.map(siteRoleEntry) }, minisearchScript),
    ...input.roles.map((role) => rolePageFile(role, input.release, codes)),
  ]
  return files.sort((a, b) => compareCodes(a.path, b.path))
}

/**
 * Every file of the site but the role pages (grid, release, review, search, assets), from every role's entry;
 * with `rolePageFile` for each role, the files `renderSite` makes, byte for byte, without holding every profile.
 */
export function siteFiles(input: Omit<SiteInput, 'roles'> & { roles: readonly SiteRoleEntry[] }, minisearchScript: string): SiteFile[] {
  const roles = [...input.roles].sort((a, b) => compareCodes(a.profile.code, b.profile.code))
  const active = roles.filter((role) => role.state === 'active')
  const reviewByCode = new Map<string, ReviewItem[]>()
  for (const item of input.review ?? []) if (item.roleCode) reviewByCode.set(item.roleCode, [...(reviewByCode.get(item.roleCode) ?? []), item])
  const context: Context = { input, reviewByCode, codes: new Set(roles.map((role) => role.profile.code)) }
  return [
    { path: 'index.html', content: gridPage(active, context) },
    { path: 'release.html', content: releasePage(context) },
    { path: 'review.html', content: reviewPage(context) },
    { path: 'search.html', content: searchPage(context) },
    { path: 'assets/site.css', content: siteCss },
    { path: 'assets/site.js', content: siteScript },
    { path: 'assets/minisearch.js', content: minisearchScript },
    { path: 'assets/search-index.js', content: searchIndex(active) },
  ]
}

/** The page of one role of `release`, whose roles' codes are `codes` (a neighbour in it is a link). */
export function rolePageFile(role: SiteRole, release: ReleaseInfo, codes: ReadonlySet<string>): SiteFile {
  const context: Context = { input: { release, diff: null, review: null, duplicates: [] }, reviewByCode: new Map(), codes }
  return { path: `roles/${rolePageName(role.profile.code)}`, content: rolePage(role, context) }
}

interface Context {
  input: Omit<SiteInput, 'roles'>
  reviewByCode: Map<string, ReviewItem[]>
  /** The codes of the release's roles (active and removed): a reference to one of them is a link. */
  codes: ReadonlySet<string>
}

/** A role's review state: what a person still has to look at about it. */
function reviewState(role: SiteRoleEntry, context: Context): 'needs review' | 'reviewed' {
  const open = context.reviewByCode.get(role.profile.code)?.length ?? 0
  const codes = role.profile.classifications.some((item) => item.reviewStatus === 'needs_review')
  return open > 0 || codes ? 'needs review' : 'reviewed'
}

function page(title: string, depth: 0 | 1, body: Html, context: Context, scripts: string[] = []): string {
  const up = depth === 0 ? '' : '../'
  const release = context.input.release.number
  return `<!doctype html>\n${
    html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — canon release ${release}</title>
<link rel="stylesheet" href="${up}assets/site.css">
</head>
<body>
<header><p class="brand"><a href="${up}index.html">canon</a> · release ${release}</p>
<nav aria-label="Site"><ul>
<li><a href="${up}index.html">Architecture grid</a></li>
<li><a href="${up}release.html">Release ${release}</a></li>
<li><a href="${up}review.html">Review</a></li>
<li><a href="${up}search.html">Search</a></li>
</ul></nav></header>
<main>
${body}
</main>
${scripts.map((src) => new Html(`<script src="${up}assets/${src}"></script>\n`))}</body>
</html>
`.text
  }`
}

function levelOrder(roles: readonly SiteRoleEntry[]): string[] {
  const levels = [...new Set(roles.map((role) => role.profile.level?.code ?? ''))]
  return levels.sort((a, b) => {
    const x = levelPosition(a || null)
    const y = levelPosition(b || null)
    if (a === '' || b === '') return a === '' ? (b === '' ? 0 : 1) : -1
    if (x && y) return compareCodes(x.ladder, y.ladder) || x.rank - y.rank
    if (x || y) return x ? -1 : 1
    return compareCodes(a, b)
  })
}

/** The ladder of a role's level ("P", "IC", "L"), or "" when its level has no rank. */
const ladderOf = (role: SiteRoleEntry) => levelPosition(role.profile.level?.code ?? null)?.ladder ?? ''

function gridPage(roles: readonly SiteRoleEntry[], context: Context): string {
  const options = (values: (string | null)[]) => [...new Set(values.map((value) => value ?? ''))].sort(compareCodes)
  const select = (name: string, label: string, values: string[]) => html`<label>${label}
<select name="${name}" data-filter="${name}"><option value="">all</option>${values.map((value) => html`<option value="${value}">${value || '(none)'}</option>`)}</select></label>
`
  const card = (role: SiteRoleEntry) => {
    const p = role.profile
    const state = reviewState(role, context)
    return html`<li class="card" data-function="${p.function ?? ''}" data-track="${p.track ?? ''}" data-status="${p.status}" data-review="${state}">
<a href="roles/${rolePageName(p.code)}">${p.title}</a>
<span class="code">${p.code}</span>
<span class="badge status-${p.status}">${p.status}</span> <span class="badge">${state}</span>
</li>`
  }
  // One table per ladder, so each has only its own levels as columns; levels without a rank come last.
  const ladders = [...new Set(roles.map(ladderOf))].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : compareCodes(a, b)))
  const table = (ladder: string) => {
    const members = roles.filter((role) => ladderOf(role) === ladder)
    const levels = levelOrder(members)
    const families = new Map<string, SiteRoleEntry[]>()
    for (const role of members) {
      const key = `${role.profile.function ?? ''}\u0000${role.profile.discipline ?? role.profile.title}`
      families.set(key, [...(families.get(key) ?? []), role])
    }
    const rows = [...families.entries()].sort(([a], [b]) => compareCodes(a, b))
    const caption = ladder === '' ? 'Levels without a ladder rank' : `Ladder ${ladder}`
    return html`<section class="ladder" aria-label="${caption}">
<h2>${caption} (${members.length} roles)</h2>
<div class="grid-wrap">
<table class="grid">
<thead><tr><th scope="col">Function · discipline</th>${levels.map((level) => html`<th scope="col">${level || 'no level'}</th>`)}</tr></thead>
<tbody>
${rows.map(([, family]) => {
  const first = family[0]!.profile
  return html`<tr><th scope="row">${first.function ? html`<span class="function">${first.function}</span> · ` : ''}${first.discipline ?? first.title}</th>${levels.map(
    (level) => {
      const here = family.filter((role) => (role.profile.level?.code ?? '') === level).sort((a, b) => compareCodes(a.profile.code, b.profile.code))
      return html`<td>${here.length > 0 ? html`<ul class="cards">${here.map(card)}</ul>` : ''}</td>`
    },
  )}</tr>
`
})}</tbody>
</table>
</div>
</section>
`
  }
  const body = html`<h1>Architecture grid</h1>
<p>${roles.length} active roles in release ${context.input.release.number}: functions and disciplines as rows, levels in ladder order as columns, one table per ladder.</p>
<form class="filters" aria-label="Filter roles">
${select('function', 'Function', options(roles.map((role) => role.profile.function)))}
${select('track', 'Track', options(roles.map((role) => role.profile.track)))}
${select('status', 'Status', options(roles.map((role) => role.profile.status)))}
${select('review', 'Review state', ['needs review', 'reviewed'])}
<p class="count" aria-live="polite"></p>
</form>
${ladders.map(table)}`
  return page('Architecture grid', 0, body, context, ['site.js'])
}

const componentKinds = ['responsibility', 'task', 'skill', 'knowledge', 'competency', 'qualification']

function rolePage(role: SiteRole, context: Context): string {
  const p = role.profile
  const level = p.level
  const kinds = [...new Set([...componentKinds.filter((kind) => p.components.some((c) => c.kind === kind)), ...p.components.map((c) => c.kind)])]
  const link = (code: string, title: string) =>
    context.codes.has(code)
      ? html`<a href="${rolePageName(code)}">${title}</a> <span class="code">${code}</span>`
      : html`${title} <span class="code">${code}</span>`
  const story = p.story
  const body = html`<h1>${p.title}</h1>
<p class="badges"><span class="code">${p.code}</span>
${level ? html`<span class="badge">${level.code}${level.name ? html` — ${level.name}` : ''}</span>` : ''}
${p.confidenceBand ? html`<span class="badge">${p.confidenceBand}</span>` : ''}
${p.confidence !== null ? html`<span class="badge">confidence ${p.confidence.toFixed(2)}</span>` : ''}
<span class="badge status-${p.status}">${p.status}</span>
${p.scope ? html`<span class="badge">${p.scope}</span>` : ''}
<span class="badge">version ${role.version}</span>
${role.state === 'removed' ? html`<span class="badge status-deprecated">removed in this release</span>` : ''}</p>
<dl class="facts">
<dt>Function</dt><dd>${p.function ?? '—'}</dd>
<dt>Discipline</dt><dd>${p.discipline ?? '—'}</dd>
<dt>Track</dt><dd>${p.track ?? '—'}</dd>
</dl>
${p.summary ? html`<p class="summary">${p.summary}</p>` : ''}
${
  story
    ? html`<section aria-labelledby="story"><h2 id="story">Story</h2><dl>
${story.who ? html`<dt>Who</dt><dd>${story.who}</dd>` : ''}
${story.externalProblem ? html`<dt>External problem</dt><dd>${story.externalProblem}</dd>` : ''}
${story.internalProblem ? html`<dt>Internal problem</dt><dd>${story.internalProblem}</dd>` : ''}
${story.whyItMatters ? html`<dt>Why it matters</dt><dd>${story.whyItMatters}</dd>` : ''}
${story.plan.length > 0 ? html`<dt>Plan</dt><dd><ol>${story.plan.map((step) => html`<li>${step}</li>`)}</ol></dd>` : ''}
${story.stakes ? html`<dt>Stakes</dt><dd>${story.stakes}</dd>` : ''}
${story.success ? html`<dt>Success</dt><dd>${story.success}</dd>` : ''}
</dl></section>`
    : ''
}
${
  level
    ? html`<section aria-labelledby="level"><h2 id="level">Level ${level.code}</h2>
${level.descriptor ? html`<p>${level.descriptor}</p>` : ''}
<dl>${(
        [
          ['Scope', level.scope],
          ['Autonomy', level.autonomy],
          ['Complexity', level.complexity],
          ['Impact', level.impact],
          ['Decision rights', level.decisionRights],
          ['Leadership', level.leadership],
          ['Typical experience', level.typicalExperience],
          ['Grade', level.grade ?? null],
          ['Pay range', level.payRange?.text ?? null],
        ] as const
      )
        .filter(([, value]) => value)
        .map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}</dl></section>`
    : ''
}
<section aria-labelledby="components"><h2 id="components">Components</h2>
${kinds.length === 0 ? html`<p>None.</p>` : ''}
${kinds.map((kind) => {
  const items = p.components.filter((c) => c.kind === kind)
  return html`<h3>${kind} (${items.length})</h3><ul>${items.map((c) => html`<li>${c.text}${c.tags.map((tag) => html` <span class="tag">${tag}</span>`)}</li>`)}</ul>`
})}
</section>
<section aria-labelledby="aliases"><h2 id="aliases">Aliases (${p.aliases.length})</h2>
${
  p.aliases.length === 0
    ? html`<p>None.</p>`
    : html`<table><thead><tr><th scope="col">Alias</th><th scope="col">Type</th><th scope="col">Band</th><th scope="col">Confidence</th><th scope="col">Approved</th><th scope="col">Variants</th></tr></thead><tbody>
${p.aliases.map((a) => html`<tr><td>${a.text}</td><td>${a.type}</td><td>${a.band}</td><td>${a.confidence.toFixed(2)}</td><td>${a.approved ? 'yes' : 'no'}</td><td>${a.variants.join('; ')}</td></tr>`)}
</tbody></table>`
}</section>
<section aria-labelledby="codes"><h2 id="codes">Occupation codes (${p.classifications.length})</h2>
${
  p.classifications.length === 0
    ? html`<p>None.</p>`
    : html`<table><thead><tr><th scope="col">System</th><th scope="col">Code</th><th scope="col">Title</th><th scope="col">Source</th><th scope="col">Confidence</th><th scope="col">Review status</th><th scope="col">Evidence</th></tr></thead><tbody>
${p.classifications.map(
  (c) =>
    html`<tr><td>${c.system}</td><td class="code">${c.code}</td><td>${c.title}</td><td>${c.source}</td><td>${c.confidence.toFixed(2)}</td><td>${c.reviewStatus}</td><td>${c.evidence.join('; ')}</td></tr>`,
)}
</tbody></table>`
}</section>
<section aria-labelledby="adjacent"><h2 id="adjacent">Adjacent roles (${role.neighbours.length})</h2>
${
  role.neighbours.length === 0
    ? html`<p>None computed.</p>`
    : html`<table><thead><tr><th scope="col">Role</th><th scope="col">Kind</th><th scope="col">Distance</th><th scope="col">Band</th></tr></thead><tbody>
${role.neighbours.map((n) => html`<tr><td>${link(n.code, n.title)}</td><td>${n.kind}</td><td>${n.distance.toFixed(3)}</td><td>${n.band}</td></tr>`)}
</tbody></table>`
}</section>
<section aria-labelledby="history"><h2 id="history">History</h2>
<ul>${role.history.map((h) => html`<li>version ${h.version}, from release ${h.createdRelease}${h.version === role.version ? ' (this release)' : ''}</li>`)}</ul></section>
<section aria-labelledby="source"><h2 id="source">Source page</h2>
<p><span class="code">${p.source.path}</span> (${p.source.format}), SHA-256 <span class="code">${p.source.contentHash.slice(0, 16)}…</span></p></section>`
  return page(p.title, 1, body, context)
}

function releasePage(context: Context): string {
  const { release, diff } = context.input
  const roleLink = (code: string, title: string) =>
    context.codes.has(code)
      ? html`<a href="roles/${rolePageName(code)}">${title}</a> <span class="code">${code}</span>`
      : html`${title} <span class="code">${code}</span>`
  const list = (refs: { code: string; title: string }[]) =>
    refs.length === 0 ? html`<p>None.</p>` : html`<ul>${refs.map((r) => html`<li>${roleLink(r.code, r.title)}</li>`)}</ul>`
  const body = html`<h1>Release ${release.number}</h1>
<dl class="facts"><dt>Published</dt><dd>${release.createdAt}</dd><dt>Active roles</dt><dd>${release.activeCount}</dd><dt>Removed roles kept</dt><dd>${release.removedCount}</dd>
<dt>Added</dt><dd>${release.addedCount}</dd><dt>Changed</dt><dd>${release.changedCount}</dd><dt>Removed</dt><dd>${release.newlyRemovedCount}</dd><dt>Unchanged</dt><dd>${release.unchangedCount}</dd></dl>
${
  diff === null
    ? html`<p>The first release: every role is new.</p>`
    : html`<h2>Changes since release ${diff.from ?? 'none'}</h2>
<h3>Added (${diff.added.length})</h3>${list(diff.added)}
<h3>Removed (${diff.removed.length})</h3>${list(diff.removed)}
<h3>Changed (${diff.changed.length})</h3>
${
  diff.changed.length === 0
    ? html`<p>None.</p>`
    : html`<table><thead><tr><th scope="col">Role</th><th scope="col">Versions</th><th scope="col">Fields</th><th scope="col">Aliases</th><th scope="col">Codes (re-coded)</th></tr></thead><tbody>
${diff.changed.map(
  (c) =>
    html`<tr><td>${roleLink(c.code, c.title)}</td><td>${c.fromVersion} → ${c.toVersion}</td><td>${c.fields.join(', ')}</td><td>${[...c.aliases.added.map((a) => `+ ${a}`), ...c.aliases.removed.map((a) => `− ${a}`)].join('; ')}</td><td>${[...c.codes.added.map((a) => `+ ${a}`), ...c.codes.removed.map((a) => `− ${a}`)].join('; ')}</td></tr>`,
)}
</tbody></table>`
}`
}`
  return page(`Release ${release.number}`, 0, body, context)
}

function reviewPage(context: Context): string {
  const { review, duplicates } = context.input
  const roleLink = (code: string | null, title: string | null) =>
    code === null
      ? ''
      : context.codes.has(code)
        ? html`<a href="roles/${rolePageName(code)}">${title ?? code}</a> <span class="code">${code}</span>`
        : html`${title ?? code} <span class="code">${code}</span>`
  const body = html`<h1>Review</h1>
${
  review === null
    ? html`<p>This release is not the current one; what needs a person is listed for the current release.</p>`
    : html`<p>${review.length} items need a person. <code>canon review</code> writes them to one CSV file to fill in; <code>canon decide</code> records one decision.</p>
<table><thead><tr><th scope="col">Kind</th><th scope="col">Role</th><th scope="col">Subject</th><th scope="col">Evidence</th><th scope="col">Confidence</th></tr></thead><tbody>
${review.map(
  (item) =>
    html`<tr><td>${item.kind}</td><td>${roleLink(item.roleCode, item.roleTitle)}</td><td>${item.subject}</td><td>${item.detail}</td><td>${item.confidence === null ? '' : item.confidence.toFixed(2)}</td></tr>`,
)}
</tbody></table>`
}
<h2>Possible duplicates (${duplicates.length})</h2>
${
  duplicates.length === 0
    ? html`<p>None.</p>`
    : html`<table><thead><tr><th scope="col">Role</th><th scope="col">Looks like</th><th scope="col">Why</th><th scope="col">Distance</th><th scope="col">Decide</th></tr></thead><tbody>
${duplicates.map(
  (d) =>
    html`<tr><td>${roleLink(d.codes[0], d.titles[0])}</td><td>${roleLink(d.codes[1], d.titles[1])}</td><td>${d.reason}</td><td>${d.distance.toFixed(3)}</td><td><code>canon decide distinct ${d.codes[0]} ${d.codes[1]}</code> or <code>canon decide merge ${d.codes[0]} ${d.codes[1]}</code></td></tr>`,
)}
</tbody></table>`
}`
  return page('Review', 0, body, context)
}

function searchPage(context: Context): string {
  const body = html`<h1>Search</h1>
<form class="search" role="search" action="search.html">
<label for="q">Title or alias</label>
<input id="q" name="q" type="search" autocomplete="off">
<button type="submit">Search</button>
</form>
<noscript><p>Search needs script; the <a href="index.html">architecture grid</a> lists every role.</p></noscript>
<ol id="results" aria-live="polite"></ol>`
  return page('Search', 0, body, context, ['minisearch.js', 'search-index.js', 'site.js'])
}

/** Search options shared by the index built here and the page that loads it. */
export const searchOptions = { fields: ['title', 'aliases', 'code'], storeFields: ['title', 'code', 'href'], idField: 'code' } as const

function searchIndex(roles: readonly SiteRoleEntry[]): string {
  const index = new MiniSearch({ ...searchOptions, fields: [...searchOptions.fields], storeFields: [...searchOptions.storeFields] })
  index.addAll(
    roles.map((role) => ({
      code: role.profile.code,
      title: role.profile.title,
      aliases: role.searchAliases,
      href: `roles/${rolePageName(role.profile.code)}`,
    })),
  )
  // A script, not JSON: file:// pages cannot fetch. `<` is escaped so no text can close a tag around it.
  return `window.CANON_SEARCH = ${JSON.stringify({ options: searchOptions, index: index.toJSON() }).replace(/</g, '\\u003c')};\n`
}
