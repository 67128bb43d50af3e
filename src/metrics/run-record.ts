// Adds a pipeline run's counts (stage durations, exports) to the build's run record, so `canon runs` and
// operators' SQL see the same numbers the metrics file holds. The build itself wrote the row.

import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { RunReport } from '../model/index.js'
import { runCounts } from './run-counts.js'

/** Merges the run's counts into `runs.counts` of `runId` (keys the build wrote keep their values unless repeated). */
export async function recordRunCounts(db: Kysely<Database>, runId: number, report: RunReport): Promise<void> {
  const counts = JSON.stringify(runCounts(report))
  await db
    .updateTable('runs')
    .set({ counts: sql`counts || ${counts}::jsonb` as unknown as string })
    .where('id', '=', runId)
    .execute()
}
