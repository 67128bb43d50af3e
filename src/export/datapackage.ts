// The generic profile's machine-readable schema: a Frictionless Data Package (datapackage.json, Data Package
// and Table Schema v1) with, per file, its fields' types and enums, primary key, foreign keys to
// job_profiles.code (job_adjacency.csv: both its role and, in a full export, its adjacent role), missing values, the CSV dialect and encoding, and the release and reference vintages.
// Built from the manifest (not its createdAt), so it is as reproducible as the CSV files. Pure.

import type { AdjacencyKind, ExportManifest, MatchBand } from '../model/index.js'
import type { ExportFile } from './profile.js'
import { changeColumn } from './write-export.js'

type FieldType = 'string' | 'number' | 'integer' | 'boolean' | 'array'

interface FieldSpec {
  type: FieldType
  description?: string
  required?: boolean
  enum?: string[]
}

const text = (description?: string): FieldSpec => ({ type: 'string', ...(description ? { description } : {}) })
const key = (description: string): FieldSpec => ({ type: 'string', required: true, description })
const list = (description: string): FieldSpec => ({ type: 'array', description: `${description} (a JSON array)` })

const reviewStatuses = ['needs_review', 'auto_accepted', 'accepted', 'rejected']
const codeSystems = ['SOC2018', 'ONET-SOC', 'ISCO-08']
const matchBands: MatchBand[] = ['high', 'medium', 'low']
const adjacencyKinds: AdjacencyKind[] = ['next-level', 'previous-level', 'lateral', 'related']

/** Per file: every column's type, then the keys. A column without a spec fails the export (keeps the two in step). */
const tables: Record<
  string,
  {
    fields: Record<string, FieldSpec>
    primaryKey: string[]
    /** Columns that refer to job_profiles.code. */
    foreignKeys?: string[]
    /** Of those, the ones only a full export can resolve (a delta lists only the roles that changed). */
    fullOnlyForeignKeys?: string[]
  }
> = {
  'job_profiles.csv': {
    primaryKey: ['code'],
    fields: {
      code: key('the role code, stable across releases'),
      title: { type: 'string', required: true },
      function: text(),
      discipline: text(),
      track: text(),
      level_code: text(),
      level_name: text(),
      level_descriptor: text(),
      level_scope: text(),
      level_autonomy: text(),
      level_complexity: text(),
      level_impact: text(),
      level_decision_rights: text(),
      level_leadership: text(),
      level_typical_experience: text(),
      level_grade: text('the grade or pay band the page states for the level, as written'),
      level_pay_range: text('the pay range the page states for the level, as written'),
      level_pay_currency: text('ISO 4217 code (GBP, EUR, USD, …) or the symbol as written when it is ambiguous ($)'),
      level_pay_min: { type: 'number', description: 'lower bound of the pay range (empty for "up to")' },
      level_pay_max: { type: 'number', description: 'upper bound of the pay range' },
      level_pay_period: { type: 'string', enum: ['year', 'month', 'week', 'day', 'hour'], description: 'what the amounts are paid per' },
      status: text('draft, review, approved or deprecated'),
      confidence: { type: 'number' },
      confidence_band: text(),
      scope: text(),
      source_version: { type: 'integer' },
      summary: text(),
      story_who: text(),
      story_external_problem: text(),
      story_internal_problem: text(),
      story_why_it_matters: text(),
      story_plan: list('plan steps'),
      story_stakes: text(),
      story_success: text(),
      core_outputs: list('core outputs'),
      adjacent_roles: list('adjacent roles, objects with code, title, distance and band'),
      source_path: text(),
      source_format: text(),
      source_content_hash: text('SHA-256 of the page the role was read from'),
      state: { type: 'string', required: true, enum: ['active', 'removed'] },
      role_version: { type: 'integer', description: "the role version's number in the canon (a new number: new content)" },
      content_hash: text("SHA-256 of the role version's canonical JSON"),
    },
  },
  'job_aliases.csv': {
    primaryKey: ['role_code', 'key'],
    foreignKeys: ['role_code'],
    fields: {
      role_code: key('job_profiles.code'),
      text: { type: 'string', required: true },
      key: key('the normalised alias, unique per role'),
      variants: list('surface variants'),
      type: text(),
      confidence: { type: 'number' },
      band: text(),
      approved: { type: 'boolean' },
      evidence: list('evidence, objects with source and confidence'),
    },
  },
  'job_components.csv': {
    primaryKey: ['role_code', 'ordinal'],
    foreignKeys: ['role_code'],
    fields: {
      role_code: key('job_profiles.code'),
      ordinal: { type: 'integer', required: true, description: "the component's place among the role's components (1, 2, …), page order" },
      kind: text('responsibility, task, skill, knowledge, competency or qualification'),
      text: { type: 'string', required: true },
      tags: list('tags'),
    },
  },
  'job_classifications.csv': {
    primaryKey: ['role_code', 'system', 'code'],
    foreignKeys: ['role_code'],
    fields: {
      role_code: key('job_profiles.code'),
      system: { type: 'string', required: true, enum: codeSystems },
      code: key('the code in its system'),
      title: text(),
      source: text(),
      confidence: { type: 'number' },
      review_status: { type: 'string', enum: reviewStatuses },
      evidence: list('evidence'),
    },
  },
  'job_adjacency.csv': {
    primaryKey: ['role_code', 'adjacent_code'],
    foreignKeys: ['role_code', 'adjacent_code'],
    fullOnlyForeignKeys: ['adjacent_code'],
    fields: {
      role_code: key('job_profiles.code'),
      adjacent_code: key('job_profiles.code of the adjacent role'),
      adjacent_title: text(),
      distance: { type: 'number', required: true, description: '0 (the same coordinates and content) to 1 (nothing in common)' },
      band: { type: 'string', required: true, enum: matchBands },
      kind: { type: 'string', required: true, enum: adjacencyKinds },
    },
  },
}

/** The table's `foreignKeys` (each column on its own, to job_profiles.code), or nothing. */
function foreignKeysOf(table: (typeof tables)[string], delta: boolean): { foreignKeys?: unknown[] } {
  const columns = (table.foreignKeys ?? []).filter((column) => !(delta && table.fullOnlyForeignKeys?.includes(column)))
  if (columns.length === 0) return {}
  return { foreignKeys: columns.map((column) => ({ fields: [column], reference: { resource: 'job_profiles', fields: ['code'] } })) }
}

const resourceName = (fileName: string): string => fileName.replace(/\.csv$/, '')

/** The data package describing `files` as the manifest records them (sizes, hashes, dialect, release). */
export function dataPackage(manifest: ExportManifest, files: readonly ExportFile[]): Record<string, unknown> {
  const delta = manifest.since !== null
  const resources = files.map((file) => {
    const table = tables[file.name]
    if (!table) throw new Error(`datapackage: no table schema for ${file.name}`)
    const written = manifest.files.find((f) => f.name === file.name)
    const fields = file.headers.map((name) => {
      const spec = table.fields[name]
      if (!spec) throw new Error(`datapackage: no type for ${file.name} column ${name}`)
      const { required, enum: values, ...rest } = spec
      const constraints = { ...(required ? { required: true } : {}), ...(values ? { enum: values } : {}) }
      return { name, ...rest, ...(Object.keys(constraints).length > 0 ? { constraints } : {}) }
    })
    if (delta) fields.push({ name: changeColumn, type: 'string', constraints: { required: true, enum: ['added', 'changed', 'removed'] } })
    return {
      profile: 'tabular-data-resource',
      name: resourceName(file.name),
      path: file.name,
      format: 'csv',
      mediatype: 'text/csv',
      encoding: manifest.encoding,
      ...(written ? { bytes: written.bytes, hash: `sha256:${written.sha256}` } : {}),
      dialect: {
        delimiter: ',',
        lineTerminator: manifest.eol === 'crlf' ? '\r\n' : '\n',
        quoteChar: '"',
        doubleQuote: true,
        header: true,
        skipInitialSpace: false,
      },
      schema: {
        fields,
        missingValues: [''],
        primaryKey: table.primaryKey,
        ...foreignKeysOf(table, delta),
      },
    }
  })
  return {
    profile: 'tabular-data-package',
    name: delta ? `canon-release-${manifest.release}-since-${manifest.since}` : `canon-release-${manifest.release}`,
    title: delta ? `canon release ${manifest.release}, roles changed since release ${manifest.since}` : `canon release ${manifest.release}`,
    version: `${manifest.release}.0.0`,
    created: manifest.releaseCreatedAt,
    resources,
    canon: {
      release: manifest.release,
      since: manifest.since,
      mode: manifest.mode,
      referenceVintages: manifest.referenceVintages,
      note:
        manifest.mode === 'spreadsheet'
          ? "spreadsheet mode: a text cell starting with = + - @ tab, CR or NUL carries a leading ' (export with --mode import for machine loads)"
          : 'import mode: values verbatim',
    },
  }
}
