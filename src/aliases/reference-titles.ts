// The `referenceTitles` lookup the aliases stage takes: O*NET alternate titles (and their short forms) of a SOC
// 2018 detailed code. Built either from the full ReferenceData or, when only this table is wanted, from
// onet_29_3/alternate_titles.tsv alone.

import type { ReferenceData } from '../model/index.js'
import { referenceTables } from '../reference/read-reference.js'
import { readTable, type TableRow } from '../reference/read-table.js'

/** Looks up the reference titles of one SOC 2018 detailed code ("15-1252"); empty when there are none. */
export type ReferenceTitles = (socCode: string) => readonly string[]

const NONE: readonly string[] = Object.freeze([])

/** Builds the lookup from reference data already read by `readReference`. */
export function referenceTitlesFromReference(reference: Pick<ReferenceData, 'alternateTitlesBySoc'>): ReferenceTitles {
  return referenceTitlesFromTable(referenceTitlesTable(reference))
}

/**
 * SOC 2018 detailed code → its reference titles, as plain data: what the lookup holds, kept by a build beside
 * its snapshots (a rebuild that scores a few roles' aliases reads this instead of all the reference data).
 */
export function referenceTitlesTable(reference: Pick<ReferenceData, 'alternateTitlesBySoc'>): Record<string, readonly string[]> {
  const table: Record<string, readonly string[]> = {}
  for (const [socCode, entries] of reference.alternateTitlesBySoc) {
    table[socCode] = titlesOf(entries.map((entry) => [entry.title, entry.shortTitle]))
  }
  return table
}

/** The lookup over a table made by `referenceTitlesTable`. */
export function referenceTitlesFromTable(table: Readonly<Record<string, readonly string[]>>): ReferenceTitles {
  const bySoc = new Map(Object.entries(table))
  return (socCode) => bySoc.get(socCode) ?? NONE
}

type AlternateTitleRow = TableRow<(typeof referenceTables.alternateTitles.columns)[number]>

/** Builds the lookup from parsed rows of onet_29_3/alternate_titles.tsv (O*NET-SOC codes, first 7 chars = SOC). */
export function referenceTitlesFromRows(rows: readonly AlternateTitleRow[]): ReferenceTitles {
  const pairs = new Map<string, [string, string | null][]>()
  for (const row of rows) {
    const socCode = row['O*NET-SOC Code'].slice(0, 7)
    const short = row['Short Title']
    const list = pairs.get(socCode) ?? []
    list.push([row['Alternate Title'], short === '' || short.toLowerCase() === 'n/a' ? null : short])
    pairs.set(socCode, list)
  }
  const bySoc = new Map<string, readonly string[]>()
  for (const [socCode, list] of pairs) bySoc.set(socCode, titlesOf(list))
  return (socCode) => bySoc.get(socCode) ?? NONE
}

/** Reads onet_29_3/alternate_titles.tsv from a reference folder into the lookup. */
export async function readReferenceTitles(referenceDir: string): Promise<ReferenceTitles> {
  return referenceTitlesFromRows(await readTable(referenceDir, referenceTables.alternateTitles))
}

function titlesOf(pairs: readonly [string, string | null][]): readonly string[] {
  const titles = new Set<string>()
  for (const [title, short] of pairs) {
    if (title) titles.add(title)
    if (short) titles.add(short)
  }
  return Object.freeze([...titles])
}
