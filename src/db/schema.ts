// The database as kysely sees it: one interface per table created by `migrations/`. Column names are snake_case;
// JSON columns hold the canonical model's camelCase field names unchanged.

import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'
import type { Classification, Neighbour, RoleProfile, RunRecordStatus } from '../model/index.js'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type Json<T> = ColumnType<T, string, string>
type JsonWithDefault<T> = ColumnType<T, string | undefined, string>

export type { RunRecordStatus }
export type ReleaseRoleState = 'active' | 'removed'

export interface RunsTable {
  id: Generated<number>
  started_at: Generated<Date>
  finished_at: Timestamp | null
  status: RunRecordStatus
  base_release: number | null
  release_number: number | null
  options: JsonWithDefault<Record<string, unknown>>
  counts: JsonWithDefault<Record<string, number>>
  stale_decisions: JsonWithDefault<unknown[]>
  error: string | null
}

export interface ReleasesTable {
  number: number
  run_id: number
  created_at: Generated<Date>
  is_current: Generated<boolean>
  active_count: number
  removed_count: number
  unchanged_count: number
  added_count: number
  changed_count: number
  newly_removed_count: number
}

export interface RolesTable {
  code: string
  first_release: number
  created_at: Generated<Date>
}

export interface RoleVersionsTable {
  id: Generated<number>
  role_code: string
  version: number
  content_hash: string
  profile: Json<RoleProfile>
  title: string
  function: string | null
  discipline: string | null
  track: string | null
  level: string | null
  status: string
  created_release: number
  created_at: Generated<Date>
}

export interface ReleaseRolesTable {
  release_number: number
  role_code: string
  role_version_id: number
  state: ReleaseRoleState
}

export interface ComponentsTable {
  role_version_id: number
  ordinal: number
  kind: string
  text: string
  tags: string[]
}

export interface AliasesTable {
  role_version_id: number
  ordinal: number
  key: string
  text: string
  type: string
  confidence: number
  band: string
  approved: boolean
  variants: string[]
}

export interface ClassificationsTable {
  role_version_id: number
  ordinal: number
  system: string
  code: string
  title: string
  source: string
  confidence: number
  review_status: string
  evidence: string[]
}

export interface SocOccupationsTable {
  code: string
  title: string
  level: 'major' | 'minor' | 'broad' | 'detailed'
  parent_code: string | null
  definition: string | null
}

export interface DecisionsTable {
  id: Generated<number>
  kind: string
  role_code: string
  alias: string | null
  alias_type: string | null
  system: string | null
  code: string | null
  status: string | null
  author: string
  reason: string | null
  decided_at: Timestamp
  origin: 'cli' | 'file'
  source: string
  fingerprint: string
  recorded_at: Generated<Date>
}

export interface QuarantineTable {
  id: Generated<number>
  run_id: number
  file: string
  stage: string
  message: string
}

export interface PagesTable {
  path: string
  content_hash: string
  parser_version: string
  profiles: Json<RoleProfile[]>
  rejected: JsonWithDefault<unknown[]>
  warnings: JsonWithDefault<unknown[]>
  run_id: number | null
  parsed_at: Generated<Date>
  /** The file's size and modification time when read, and when it was read (ms); null before they were kept. */
  file_size: number | null
  file_mtime_ms: number | null
  read_at_ms: number | null
  /** The codes of `profiles`, for finding the pages that define a role. */
  role_codes: ColumnType<string[], string[] | undefined, string[]>
}

export interface ClassificationCacheTable {
  /** SHA-256 of the classifier version and the role's classifier inputs. */
  input_key: string
  classifier_version: string
  classifications: Json<Classification[]>
  created_at: Generated<Date>
}

export interface AdjacencyFeaturesTable {
  role_version_id: number
  /** FEATURES_VERSION of the code that computed them. */
  version: string
  title_key: string
  alias_keys: string[]
  soc: string | null
  /** The MinHash signature, each value as 8 hex digits. */
  minhash: string
}

export interface ReleaseAdjacencyTable {
  release_number: number
  role_code: string
  role_version_id: number
  neighbours: Json<Neighbour[]>
  /** SHA-256 of the list's JSON text (null for lists written before it was kept). */
  list_hash: ColumnType<string | null, string | null | undefined, string | null>
}

export interface ReleaseDuplicatesTable {
  release_number: number
  code_a: string
  code_b: string
  distance: number
  reason: string
}

export interface Database {
  runs: RunsTable
  releases: ReleasesTable
  roles: RolesTable
  role_versions: RoleVersionsTable
  release_roles: ReleaseRolesTable
  components: ComponentsTable
  aliases: AliasesTable
  classifications: ClassificationsTable
  soc_occupations: SocOccupationsTable
  decisions: DecisionsTable
  quarantine: QuarantineTable
  pages: PagesTable
  classification_cache: ClassificationCacheTable
  adjacency_features: AdjacencyFeaturesTable
  release_adjacency: ReleaseAdjacencyTable
  release_duplicates: ReleaseDuplicatesTable
}

export type RunRow = Selectable<RunsTable>
export type ReleaseRow = Selectable<ReleasesTable>
export type NewRun = Insertable<RunsTable>
