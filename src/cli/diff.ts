// `canon diff [A] [B]`: what changed from release A to release B (default: the previous release to the current).

import { UsageError } from '../errors.js'
import type { ReleaseDiff } from '../model/index.js'
import { loggerFor, type RegisterCommand } from './context.js'
import { withCanonDatabase } from '../settings/database.js'
import { flags as declared, releaseNumber, withDatabaseFlags, type DatabaseFlags } from './options.js'
import { settingsFromFlags } from './settings.js'

export const registerDiff: RegisterCommand = (program, ctx) => {
  withDatabaseFlags(
    program
      .command('diff')
      .description('list roles added, removed and changed between two releases (default: previous → current)')
      .argument('[A]', 'the older release (default: the one before the current)', releaseNumber)
      .argument('[B]', 'the newer release (default: the current one)', releaseNumber),
  )
    .addOption(declared.json())
    .action(async (a: number | undefined, b: number | undefined, flags: DatabaseFlags & { json?: boolean }) => {
      const settings = settingsFromFlags(ctx, flags, loggerFor(ctx))
      const { diffReleases, getCurrentRelease, getRelease } = await import('../store/index.js')
      const diff = await withCanonDatabase(settings, 'canon diff', async (db) => {
        // No argument: previous → current. One: A → current. Two: A → B.
        const current = (await getCurrentRelease(db))?.number
        const to = b ?? current
        if (to === undefined) throw new UsageError('there is no release yet; run `canon build` first')
        const from = a ?? (to > 1 ? to - 1 : null)
        for (const number of [from, to]) {
          if (number !== null && !(await getRelease(db, number))) throw new UsageError(`there is no release ${number}; see \`canon releases\``)
        }
        return diffReleases(db, from, to)
      })
      ctx.stdout(flags.json ? `${JSON.stringify(diff, null, 2)}\n` : formatDiff(diff))
    })
}

/** The human form: one line per role, then what changed in it. */
export function formatDiff(diff: ReleaseDiff): string {
  const lines = [`release ${diff.from ?? '(none)'} → ${diff.to}: ${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed`]
  for (const role of diff.added) lines.push(`+ ${role.code}  ${role.title}`)
  for (const role of diff.removed) lines.push(`- ${role.code}  ${role.title}`)
  for (const role of diff.changed) {
    lines.push(`~ ${role.code}  ${role.title}  (v${role.fromVersion} → v${role.toVersion}): ${role.fields.join(', ')}`)
    const gained = (items: string[]) => items.map((item) => `+${item}`)
    const lost = (items: string[]) => items.map((item) => `-${item}`)
    if (role.aliases.added.length + role.aliases.removed.length > 0)
      lines.push(`    aliases  ${[...gained(role.aliases.added), ...lost(role.aliases.removed)].join('  ')}`)
    if (role.codes.added.length + role.codes.removed.length > 0)
      lines.push(`    codes    ${[...gained(role.codes.added), ...lost(role.codes.removed)].join('  ')}`)
  }
  return `${lines.join('\n')}\n`
}
