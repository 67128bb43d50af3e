// A source profile: what a `canon-source.yaml` under raw/pages declares for the pages below it, once validated.
// Discover finds the nearest one above each page and hands it to parse with the page; every reader may consult
// it (which heading or column holds the role and the level, the level order, section kinds, text to ignore).
// Types only.

/** Where a page (or data file) says what: a heading depth, or a table column by header text or number from 1. */
export interface SourceLocator {
  /** Headings of this depth (1–6) name the role / the level. */
  heading: number | null
  /** The table or CSV column holding the role / the level: its header text, or its number counted from 1. */
  column: string | number | null
}

export interface SourceRole extends SourceLocator {
  /** The role every page below describes, when the pages do not name it. */
  title: string | null
}

export interface SourceLevel extends SourceLocator {
  /** Level codes or names, lowest first: the ladder's order. */
  order: string[]
}

/** A section heading (or column header) and the component kind of the statements under it; `ignore` drops them. */
export interface SourceSection {
  heading: string
  kind: string
}

/** Text to leave out of components and summaries: a substring, or a regular expression (`/…/`, case-insensitive). */
export interface SourceIgnore {
  text: string
  regex: boolean
}

export interface SourceProfile {
  /** The canon-source.yaml file, as discover names files (relative to the raw folder, `/`-separated). */
  path: string
  role: SourceRole
  level: SourceLevel
  sections: SourceSection[]
  ignore: SourceIgnore[]
}
