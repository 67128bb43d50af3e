// parse, progression frameworks kept as YAML front matter (Monzo's format): a title and topics, each topic
// listing criteria per level. One DraftProfile per level, the criteria as components tagged with their topic.

import type { DraftProfile, Finding } from '../model/index.js'
import { baseTitle, cleanHeading, emptyDraft } from './career-page.js'

interface TopicLevel {
  level?: unknown
  criteria?: unknown
  exampleCriteria?: unknown
}

interface Topic {
  name?: unknown
  title?: unknown
  content?: unknown
}

/** Whether front matter holds a levelled framework: `topics` with `content` entries that carry a `level`. */
export function isFrameworkYaml(data: unknown): data is { title?: unknown; topics: Topic[] } {
  if (!data || typeof data !== 'object') return false
  const topics = (data as { topics?: unknown }).topics
  return (
    Array.isArray(topics) &&
    topics.some((t: Topic) => Array.isArray(t?.content) && t.content.some((c: TopicLevel) => c && typeof c === 'object' && 'level' in c))
  )
}

/** One DraftProfile per level of the framework, in level order. */
export function parseFrameworkYaml(data: { title?: unknown; topics: Topic[] }, fallbackTitle: string | null): DraftProfile[] {
  const name = baseTitle(typeof data.title === 'string' ? data.title : fallbackTitle)
  const byLevel = new Map<number, DraftProfile>()
  const findings: Finding[] = []
  const draftFor = (level: number): DraftProfile => {
    let draft = byLevel.get(level)
    if (!draft) {
      draft = emptyDraft('markdown', name ? `${name} Level ${level}` : `Level ${level}`)
      draft.level = { code: `L${level}`, name: `Level ${level}`, descriptor: null, fields: [] }
      byLevel.set(level, draft)
    }
    return draft
  }
  for (const topic of data.topics) {
    const tag = topicTag(topic)
    if (!Array.isArray(topic?.content)) continue
    for (const entry of topic.content as TopicLevel[]) {
      const level = Number(entry?.level)
      if (!Number.isInteger(level)) {
        findings.push({
          severity: 'warning',
          code: 'row-unreadable',
          field: 'components',
          message: `topic "${tag}" has an entry without a numeric level; skipped`,
        })
        continue
      }
      const draft = draftFor(level)
      for (const criterion of asList(entry.criteria)) draft.components.push({ kind: 'competency', text: criterion, tags: [tag] })
      for (const example of Array.isArray(entry.exampleCriteria) ? entry.exampleCriteria : []) {
        const text = typeof example === 'object' && example !== null ? (example as { criteria?: unknown }).criteria : example
        if (typeof text === 'string' && text.trim() !== '') draft.components.push({ kind: 'competency', text: text.trim(), tags: [tag] })
      }
    }
  }
  const drafts = [...byLevel.entries()].sort((a, b) => a[0] - b[0]).map(([, d]) => d)
  if (drafts[0]) drafts[0].findings.push(...findings)
  return drafts
}

function topicTag(topic: Topic): string {
  if (typeof topic?.title === 'string' && cleanHeading(topic.title) !== '') return cleanHeading(topic.title)
  // A name may carry its description after a colon ("communication: transparent communication; …").
  const name = typeof topic?.name === 'string' ? (topic.name.split(':')[0] ?? '').trim() : ''
  return name === '' ? 'Criteria' : name.charAt(0).toUpperCase() + name.slice(1)
}

function asList(value: unknown): string[] {
  if (!Array.isArray(value)) return []
  return value.map((v) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v)).trim()).filter((v) => v !== '')
}
