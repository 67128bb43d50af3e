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

/** A sheet's columns resolved once: where each single-valued field and each group's fields go. */
interface SheetLayout {
  width: number
  keyField: string
  singles: Map<string, number>
  groups: Map<string, { rowIdIndex: number[]; fields: Map<string, number> }>
}

// Sheets are declared once at module load; their layouts are kept for the life of the column arrays.
const layouts = new WeakMap<readonly EibColumn[], SheetLayout>()

function layoutOf(columns: readonly EibColumn[]): SheetLayout {
  const known = layouts.get(columns)
  if (known) return known
  const layout: SheetLayout = { width: columns.length, keyField: columns[0]?.id ?? '', singles: new Map(), groups: new Map() }
  columns.forEach((column, index) => {
    if (index === 0) return
    if (!column.group) {
      if (layout.singles.has(column.id)) throw new Error(`EIB sheet declares column ${column.id} twice`)
      layout.singles.set(column.id, index)
      return
    }
    let group = layout.groups.get(column.group)
    if (!group) layout.groups.set(column.group, (group = { rowIdIndex: [], fields: new Map() }))
    if (column.rowId) group.rowIdIndex.push(index)
    else if (group.fields.has(fieldOf(column))) throw new Error(`EIB sheet declares column ${column.id} twice`)
    else group.fields.set(fieldOf(column), index)
  })
  layouts.set(columns, layout)
  return layout
}

/**
 * The rows of one object: `single` fills the first row (its first column, the spreadsheet key, every row);
 * `groups` holds each multi-valued group's items, by group name, with field names as keys. Throws on a field
 * no column declares (a misspelt field would otherwise vanish silently).
 */
export function eibRows(columns: readonly EibColumn[], single: Record<string, Cell>, groups: Record<string, Record<string, Cell>[]> = {}): Cell[][] {
  const layout = layoutOf(columns)
  let count = 1
  for (const items of Object.values(groups)) if (items.length > count) count = items.length
  const key = single[layout.keyField] ?? null
  const rows: Cell[][] = []
  for (let i = 0; i < count; i++) {
    const row = new Array<Cell>(layout.width).fill(null)
    row[0] = key
    rows.push(row)
  }
  const first = rows[0] as Cell[]
  for (const field in single) {
    if (field === layout.keyField) continue
    const index = layout.singles.get(field)
    if (index === undefined) throw new Error(`EIB sheet has no column ${field}`)
    first[index] = single[field] ?? null
  }
  for (const name in groups) {
    const items = groups[name] as Record<string, Cell>[]
    const group = layout.groups.get(name)
    items.forEach((item, i) => {
      const row = rows[i] as Cell[]
      for (const field in item) {
        const index = group?.fields.get(field)
        if (index === undefined) throw new Error(`EIB sheet has no column ${name}.${field}`)
        row[index] = item[field] ?? null
      }
      for (const index of group?.rowIdIndex ?? []) row[index] = i + 1
    })
  }
  return rows
}

/** A group's Row ID column. */
export const rowIdColumn = (group: string): EibColumn => ({ id: `${group}.Row_ID`, label: 'Row ID*', group, rowId: true })
