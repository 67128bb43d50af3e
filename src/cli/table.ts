// Plain-text tables for the history commands: columns padded to their widest cell, numbers right-aligned.

export function formatTable(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  const cells = [header.map(String), ...rows.map((row) => row.map((cell) => (cell === null ? '' : String(cell))))]
  const numeric = header.map((_, column) => rows.every((row) => typeof row[column] === 'number' || row[column] === '' || row[column] === null))
  const widths = header.map((_, column) => Math.max(...cells.map((row) => row[column]!.length)))
  const line = (row: string[]) =>
    row
      .map((cell, column) => (numeric[column] ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd()
  return `${cells.map(line).join('\n')}\n`
}
