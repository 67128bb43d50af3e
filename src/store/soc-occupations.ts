// The SOC 2018 structure the database holds beside the canon (codes, titles, levels, definitions), which
// exports and SQL users join classifications to.

import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { SocOccupationRow } from '../model/index.js'

/** The stored SOC rows, by code. */
export async function readSocOccupations(db: Kysely<Database>): Promise<SocOccupationRow[]> {
  return db.selectFrom('soc_occupations').select(['code', 'title', 'level', 'parent_code as parentCode', 'definition']).orderBy('code').execute()
}
