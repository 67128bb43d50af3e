// parse: what a source profile (canon-source.yaml) says, applied to the drafts a reader made of a page —
// section headings → component kinds (or left out), text to ignore, and the ladder's level order. The role and
// level locators are read by the readers themselves (the CSV reader's columns, `role.title`).

import type { DraftComponent, DraftProfile, Finding, SourceIgnore, SourceProfile } from '../model/index.js'

/** The drafts with the profile's section kinds, ignored text and level order applied (new objects). */
export function applySourceProfile(drafts: readonly DraftProfile[], profile: SourceProfile): DraftProfile[] {
  const sections = new Map(profile.sections.map((s) => [foldHeading(s.heading), s.kind]))
  const ignored = profile.ignore.map(ignoreMatcher)
  const isIgnored = (text: string) => ignored.some((matches) => matches(text))
  const out = drafts.map((draft) => {
    const left: { sections: Set<string>; text: number } = { sections: new Set(), text: 0 }
    const components: DraftComponent[] = []
    for (const component of draft.components) {
      const section = sectionOf(component, sections)
      if (section?.kind === 'ignore') {
        left.sections.add(section.heading)
        continue
      }
      if (isIgnored(component.text)) {
        left.text += 1
        continue
      }
      components.push(section ? { ...component, kind: section.kind } : component)
    }
    const summary = draft.summary !== null && isIgnored(draft.summary) ? null : draft.summary
    if (summary !== draft.summary) left.text += 1
    const findings: Finding[] = [...draft.findings]
    const dropped = draft.components.length - components.length + (summary !== draft.summary ? 1 : 0)
    if (dropped > 0) {
      const why = [
        ...(left.sections.size > 0 ? [`sections ${[...left.sections].join(', ')}`] : []),
        ...(left.text > 0 ? [`${left.text} matching its ignore list`] : []),
      ]
      findings.push({
        severity: 'info',
        code: 'source-profile-ignored',
        field: 'components',
        message: `${dropped} statement(s) left out as ${profile.path} says (${why.join('; ')})`,
      })
    }
    return { ...draft, components, summary, findings }
  })
  return orderLevels(out, profile)
}

/** The innermost tag of the component that the profile maps, and its kind. */
function sectionOf(component: DraftComponent, sections: Map<string, string>): { heading: string; kind: string } | null {
  for (let i = component.tags.length - 1; i >= 0; i--) {
    const heading = component.tags[i]!
    const kind = sections.get(foldHeading(heading))
    if (kind) return { heading, kind }
  }
  return null
}

/** Drafts in the profile's level order (stable: drafts without a level first, then by rank, then page order). */
function orderLevels(drafts: DraftProfile[], profile: SourceProfile): DraftProfile[] {
  const order = profile.level.order.map((l) => l.toLowerCase())
  if (order.length === 0) return drafts
  const rank = (draft: DraftProfile): number => {
    const level = draft.level
    if (!level) return -1
    const byCode = level.code ? order.indexOf(level.code.toLowerCase()) : -1
    const byName = level.name ? order.indexOf(level.name.toLowerCase()) : -1
    return byCode >= 0 ? byCode : byName
  }
  const ranked = drafts.map((draft, index) => ({ draft, index, rank: rank(draft) }))
  for (const { draft, rank: r } of ranked) {
    if (draft.level && r < 0) {
      draft.findings.push({
        severity: 'warning',
        code: 'level-not-in-order',
        field: 'level',
        message: `level ${draft.level.code ?? draft.level.name} is not in the level order of ${profile.path} (${profile.level.order.join(', ')})`,
      })
    }
  }
  // Levels the order does not know sort after those it does, in page order; drafts without a level first.
  const key = (r: { draft: DraftProfile; rank: number }) => (r.draft.level === null ? -1 : r.rank < 0 ? order.length : r.rank)
  return ranked.sort((a, b) => key(a) - key(b) || a.index - b.index).map((r) => r.draft)
}

/** "What you'll do:" → "what you'll do": headings compared without case, emoji, trailing colons or spacing. */
export function foldHeading(text: string): string {
  return text
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .replace(/[\s:.]+$/u, '')
    .replace(/\s+/g, ' ')
    .toLowerCase()
}

export function ignoreMatcher(ignore: SourceIgnore): (text: string) => boolean {
  if (ignore.regex) {
    const pattern = new RegExp(ignore.text, 'iu')
    return (text) => pattern.test(text)
  }
  const needle = ignore.text.toLowerCase()
  return (text) => text.toLowerCase().includes(needle)
}
