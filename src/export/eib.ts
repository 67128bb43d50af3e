// Workday EIB sheets as CSV: a spreadsheet key on every row, single-valued fields on the first row of an
// object, and every multi-valued field as sub-rows sharing the key, each item with its own Row ID. Pure.

import type { Cell } from './profile.js'

export interface EibColumn {
  /** A unique field ID (the web-service name, prefixed with its group for sub-row fields), the first header row. */
  id: string
  /** The EIB template's label (repeats across groups: `Row ID*`, `Delete`), the second header row. */
  label: string
  /** The multi-valued group the column belongs to; absent for single-valued fields. */
  group?: string
  /** This column holds the group's Row ID (1, 2, … within the object). */
  rowId?: boolean
  maxLength?: number
}

/** Column declarations for `defineSheetFile` / `defineReferenceFile`: field ID → label and limit. */
export function eibColumnMap(columns: readonly EibColumn[]): Record<string, { label: string; maxLength?: number }> {
  return Object.fromEntries(columns.map((c) => [c.id, { label: c.label, ...(c.maxLength === undefined ? {} : { maxLength: c.maxLength }) }]))
}

/** A group's field name without its group prefix (`Job_Family.Job_Family_ID` → `Job_Family_ID`). */
const fieldOf = (column: EibColumn): string => (column.group ? column.id.slice(column.group.length + 1) : column.id)

/**
 * The rows of one object: `single` fills the first row (its first column, the spreadsheet key, every row);
 * `groups` holds each multi-valued group's items, by group name, with field names as keys. Throws on a field
 * no column declares (a misspelt field would otherwise vanish silently).
 */
export function eibRows(columns: readonly EibColumn[], single: Record<string, Cell>, groups: Record<string, Record<string, Cell>[]> = {}): Cell[][] {
  const known = new Set(columns.map((c) => (c.group ? `${c.group}.${fieldOf(c)}` : c.id)))
  for (const field of Object.keys(single)) if (!known.has(field)) throw new Error(`EIB sheet has no column ${field}`)
  for (const [group, items] of Object.entries(groups)) {
    for (const item of items)
      for (const field of Object.keys(item)) if (!known.has(`${group}.${field}`)) throw new Error(`EIB sheet has no column ${group}.${field}`)
  }
  const count = Math.max(1, ...Object.values(groups).map((items) => items.length))
  const rows: Cell[][] = []
  for (let i = 0; i < count; i++) {
    rows.push(
      columns.map((column, index) => {
        if (index === 0) return single[column.id] ?? null
        if (!column.group) return i === 0 ? (single[column.id] ?? null) : null
        const item = groups[column.group]?.[i]
        if (!item) return null
        return column.rowId ? i + 1 : (item[fieldOf(column)] ?? null)
      }),
    )
  }
  return rows
}

/** A group's Row ID column. */
export const rowIdColumn = (group: string): EibColumn => ({ id: `${group}.Row_ID`, label: 'Row ID*', group, rowId: true })
