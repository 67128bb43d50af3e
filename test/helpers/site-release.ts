// A small published release for the site's tests: two families over three levels, roles with aliases, codes
// and components, one role whose title, alias and component are hostile markup, and a possible duplicate.

import { runBuild } from '../../src/batch/index.js'
import type { CanonDb } from '../../src/db/open.js'
import type { Logger, RoleProfile } from '../../src/model/index.js'
import { fakeRaw, fakeStages } from './build-stages.js'
import { alias, component, makeProfile, soc } from './profiles.js'

export const hostileTitle = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} }
const level = (code: string) => ({ ...makeProfile('X').level!, code })

function role(code: string, discipline: string, rank: number, extra: Partial<RoleProfile> = {}): RoleProfile {
  return makeProfile(code, {
    title: `${discipline} Engineer P${rank}`,
    discipline,
    level: level(`P${rank}`),
    aliases: [alias(`${discipline} Specialist ${rank}`, { key: `${discipline.toLowerCase()} specialist ${rank}` })],
    classifications: [soc('15-1252', 'Software Developers', rank === 3 ? { reviewStatus: 'needs_review', confidence: 0.4 } : {})],
    components: [
      component(`Designs ${discipline} pipelines and reviews their deployments`),
      component(`Runs ${discipline} incidents and writes runbooks`, 'task'),
      component(`Leads work at level ${rank}`, 'skill', ['level']),
    ],
    ...extra,
  })
}

/** The roles of the sample release. */
export function sampleRoles(): RoleProfile[] {
  return [
    ...[2, 3, 4].map((rank) => role(`DEV.P${rank}`, 'DevOps', rank)),
    ...[2, 3].map((rank) => role(`DAT.P${rank}`, 'Data', rank, { function: 'Data' })),
    role('OPS.P3', 'DevOps', 3, { discipline: 'Platform Operations', source: { path: 'pages/ops.txt', format: 'canon-text', contentHash: '' } }),
    role('HOS.P2', 'Hostile', 2, {
      title: hostileTitle,
      aliases: [alias('Pipeline Wrangler', { key: 'pipeline wrangler' }), alias('"><svg onload=alert(1)>', { key: 'svg onload alert 1' })],
      components: [component('<iframe src="javascript:alert(1)"></iframe> keeps the lights on')],
    }),
  ]
}

/** Builds the sample release into `db` (release 1). */
export async function buildSampleRelease(db: CanonDb): Promise<void> {
  const options = { rawDir: 'raw', referenceDir: 'raw/reference', editsDir: null, lockTimeoutMs: 2_000 }
  await runBuild(options, { db, stages: fakeStages(fakeRaw(sampleRoles())), logger: quiet })
}
