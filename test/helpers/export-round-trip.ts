// The round-trip check: every exported file parsed back with papaparse equals, field by field, what the
// roles say it should hold (see expected-rows.ts).

import path from 'node:path'
import { expect } from 'vitest'
import type { ExportRole, ReleaseSnapshot } from '../../src/model/index.js'
import { asCsvText, readExported, readManifest } from './export-csv-files.js'
import { expectedRows } from './export-expected-rows.js'

/** Checks an import-mode export folder of `profile` against `roles` (in code order). */
export async function expectFolderHolds(dir: string, profile: string, roles: readonly ExportRole[], snapshot: ReleaseSnapshot): Promise<void> {
  const manifest = await readManifest(dir)
  const expectedByFile = new Map<string, Record<string, unknown>[]>()
  for (const role of roles) {
    for (const [file, rows] of Object.entries(expectedRows(profile, role, snapshot))) {
      const withChange = role.change === undefined ? rows : rows.map((r) => ({ ...r, change: role.change }))
      expectedByFile.set(file, [...(expectedByFile.get(file) ?? []), ...withChange])
    }
  }
  expect(
    manifest.files
      .map((f) => f.name)
      .filter((name) => name.endsWith('.csv'))
      .sort(),
  ).toEqual([...expectedByFile.keys()].sort())
  for (const [file, expectedRecords] of expectedByFile) {
    const parsed = await readExported(path.join(dir, file))
    const expectedText = expectedRecords.map((record) => Object.fromEntries(Object.entries(record).map(([k, v]) => [k, asCsvText(v)])))
    const first = expectedText[0]
    if (first) expect([...parsed.headers].sort(), `${profile}/${file} columns`).toEqual(Object.keys(first).sort())
    expect(parsed.records, `${profile}/${file}`).toEqual(expectedText)
    expect(manifest.files.find((f) => f.name === file)?.rows, `${profile}/${file} row count`).toBe(expectedRecords.length)
  }
}
