// Reading a role title: "Engineering – DevOps Engineering Professional P3" names the function, the discipline,
// the track and the level. The rules are documented in the README ("Titles and derived codes").

import { CODE_LADDER_WORDS, LADDER_TRACKS, SENIORITY_WORDS, TRACK_WORDS } from '../vocabulary/title-words.js'

export interface ParsedTitle {
  function: string | null
  discipline: string | null
  track: string | null
  /** The seniority word dropped from a career-ladder title ("Staff"), which stands for the level when none is given. */
  seniority: string | null
  /** Which of the above were inferred (from ladder conventions) rather than read from the title's structure. */
  inferred: ('function' | 'discipline' | 'track')[]
}

const LEVEL_TOKEN = /^(?:[A-Z]{1,3}-?\d{1,2}|Level\s+\d{1,2})$/

/** A level code written at the start or end of a title (`IC3 Software Engineer`, `… Professional P3`), or null. */
export function levelCodeInTitle(title: string): string | null {
  const words = title.trim().split(/\s+/)
  const first = words[0] ?? ''
  const last = words[words.length - 1] ?? ''
  if (words.length > 1 && /^[A-Z]{1,3}-?\d{1,2}$/.test(first)) return first
  if (words.length > 1 && /^[A-Z]{1,3}-?\d{1,2}$/.test(last)) return last
  const level = /\bLevel\s+(\d{1,2})$/i.exec(title.trim())
  return level ? `L${Number(level[1])}` : null
}

/**
 * Splits a title. Rule: the text before a spaced dash (– — -) is the function; from the rest, a level code at
 * either end is dropped ("P3", "IC3", "Level 3"); a last word that is a track word (or the last word of the
 * level's name, "Mid-Level Professional" → Professional) is the track when the title has a function part; what remains is the discipline (less
 * leading seniority words — Staff, Senior, Principal, … — when the title has no function part). Without a function part, a ladder prefix of the level code gives the track
 * (IC → Individual Contributor, M → Management) and that is reported as inferred.
 */
export function parseTitle(title: string, levelCode: string | null, levelName: string | null): ParsedTitle {
  const inferred: ParsedTitle['inferred'] = []
  let fn: string | null = null
  let rest = title.trim()
  const dash = /\s+[–—-]\s+/.exec(rest)
  if (dash) {
    fn = rest.slice(0, dash.index).trim() || null
    rest = rest.slice(dash.index + dash[0].length).trim()
  }
  rest = rest.replace(/\s+Level\s+\d{1,2}$/i, '').trim()
  let words = rest.split(/\s+/).filter((w) => w !== '')
  const isLevel = (word: string | undefined) => word !== undefined && (word === levelCode || LEVEL_TOKEN.test(word))
  if (words.length > 1 && isLevel(words[words.length - 1])) words = words.slice(0, -1)
  // "Engineering Manager 5", "Product Designer II": a number after the role's name is its level, not its name.
  if (words.length > 1 && /^(?:\d{1,2}|I{1,3}|IV|VI{0,3}|IX|X)$/.test(words[words.length - 1]!)) words = words.slice(0, -1)
  if (words.length > 1 && isLevel(words[0])) words = words.slice(1)

  let track: string | null = null
  const last = words[words.length - 1]
  const nameLast = levelName?.trim().split(/\s+/).pop()
  // Only canon-app titles ("Function – Discipline Track Code") carry a track word; elsewhere "Support" or
  // "Leadership" at the end is part of the discipline ("Executive Support").
  const ladderWords = levelCode ? CODE_LADDER_WORDS[/^([A-Z])\d/.exec(levelCode)?.[1] ?? ''] : undefined
  if (
    fn !== null &&
    words.length > 1 &&
    last !== undefined &&
    (TRACK_WORDS.includes(last) || (nameLast !== undefined && last === nameLast) || ladderWords?.includes(last) === true)
  ) {
    track = last
    words = words.slice(0, -1)
  }

  let discipline = words.join(' ')
  let seniority: string | null = null
  // Career-ladder titles put seniority before the discipline ("IC5 Staff Software Engineer"); canon-app titles
  // do not ("Management – Chief Executives Professional P1"), so only the former lose it.
  for (const word of fn === null ? SENIORITY_WORDS : []) {
    if (discipline.startsWith(`${word} `)) {
      discipline = discipline.slice(word.length + 1)
      seniority = word
      inferred.push('discipline')
      break
    }
  }
  if (track === null && fn === null && levelCode) {
    const prefix = /^([A-Z]+)/.exec(levelCode)?.[1]
    const ladder = prefix ? LADDER_TRACKS[prefix] : undefined
    if (ladder) {
      track = ladder
      inferred.push('track')
    }
  }
  return { function: fn, discipline: discipline === '' ? null : discipline, track, seniority, inferred }
}
