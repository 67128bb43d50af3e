// The classification cache's store: the `classification_cache` table (see batch/classification-cache.ts).

import { sql, type Kysely } from 'kysely'
import { bulkInsert } from '../db/bulk-insert.js'
import type { Database } from '../db/schema.js'
import type { Classification, ClassificationCache } from '../model/index.js'

/** The cache in the database's `classification_cache` table. */
export function databaseClassificationCache(db: Kysely<Database>, chunkSize = 1_000): ClassificationCache {
  return {
    async read(keys) {
      const found = new Map<string, Classification[]>()
      for (let start = 0; start < keys.length; start += chunkSize) {
        const rows = await db
          .selectFrom('classification_cache')
          .select(['input_key', 'classifications'])
          .where('input_key', '=', sql<string>`any(${keys.slice(start, start + chunkSize)}::text[])`)
          .execute()
        for (const row of rows) found.set(row.input_key, row.classifications)
      }
      return found
    },
    async write(version, entries) {
      const rows = [...entries]
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('classification_cache').where('classifier_version', '<>', version).execute()
        await trx
          .deleteFrom('classification_cache')
          .where('input_key', '=', sql<string>`any(${rows.map(([key]) => key)}::text[])`)
          .execute()
        await bulkInsert(
          trx,
          'classification_cache',
          [
            { name: 'input_key', type: 'text', value: (row: (typeof rows)[number]) => row[0] },
            { name: 'classifier_version', type: 'text', value: () => version },
            { name: 'classifications', type: 'jsonb', value: (row) => row[1] },
          ],
          rows,
          { chunkSize: 2_000 },
        )
      })
    },
  }
}
