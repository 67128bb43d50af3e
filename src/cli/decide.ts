// `canon decide …`: records one reviewer decision in the database; every later build re-applies it.
// The same fields as a row of an edits/*.csv file, checked by the same code.

import type { Command } from 'commander'
import { toDecision, type DecisionFields } from '../decide/edits-file.js'
import { UsageError } from '../errors.js'
import type { Decision, DecisionInput } from '../model/index.js'
import { loggerFor, type RegisterCommand } from './context.js'
import { withCanonDatabase } from '../settings/database.js'
import { flags as declared, withDatabaseFlags, type DatabaseFlags } from './options.js'
import { settingsFromFlags } from './settings.js'
import { formatTable } from './table.js'

interface DecideFlags extends DatabaseFlags {
  author?: string
  reason?: string
  system?: string
  type?: string
}

interface Shape {
  name: string
  kind: string
  target: 'alias' | 'code' | 'status' | 'role'
  description: string
}

const shapes: Shape[] = [
  { name: 'approve-alias', kind: 'approve_alias', target: 'alias', description: 'approve one of a role’s aliases (pinned, confidence 1)' },
  { name: 'reject-alias', kind: 'reject_alias', target: 'alias', description: 'reject an alias: it is removed from the role' },
  { name: 'add-alias', kind: 'add_alias', target: 'alias', description: 'add an alias the pages do not give' },
  { name: 'accept-code', kind: 'accept_code', target: 'code', description: 'accept an occupation code the classifier gave' },
  { name: 'override-code', kind: 'override_code', target: 'code', description: 'replace the role’s code in a system with this one' },
  { name: 'reject-code', kind: 'reject_code', target: 'code', description: 'reject an occupation code the classifier gave' },
  { name: 'set-status', kind: 'set_status', target: 'status', description: 'set the role’s status (draft, review, approved, deprecated)' },
  { name: 'distinct', kind: 'mark_distinct', target: 'role', description: 'say a possible duplicate pair is two distinct roles' },
  { name: 'merge', kind: 'merge_into', target: 'role', description: 'say the role is a duplicate of another role: the pair is resolved, the role deprecated' },
]

export const registerDecide: RegisterCommand = (program, ctx) => {
  const decide = program.command('decide').description('record a review decision (re-applied by every build); `canon decide list` shows them')
  for (const shape of shapes) {
    const command = decide
      .command(shape.name)
      .description(shape.description)
      .argument('<role>', 'role code, e.g. EDE.GEN.P3')
      .argument(
        shape.target === 'role' ? (shape.kind === 'merge_into' ? '<into>' : '<other>') : `<${shape.target}>`,
        shape.target === 'code' ? 'occupation code, e.g. 15-1252' : shape.target === 'role' ? 'the other role’s code' : shape.target,
      )
    withDecisionOptions(command, shape).action(async (role: string, target: string, flags: DecideFlags) => {
      const fields: DecisionFields = {
        kind: shape.kind,
        roleCode: role,
        author: flags.author ?? ctx.env['CANON_AUTHOR'] ?? ctx.env['USER'] ?? null,
        reason: flags.reason ?? null,
        ...(shape.target === 'alias' ? { alias: target, aliasType: flags.type ?? null } : {}),
        ...(shape.target === 'code' ? { code: target, system: flags.system ?? 'SOC2018' } : {}),
        ...(shape.target === 'role' ? { code: target } : {}),
        ...(shape.target === 'status' ? { status: target } : {}),
      }
      const checked = toDecision(fields, 'command line')
      if (typeof checked === 'string') throw new UsageError(checked)
      const { id: _id, ...input } = checked
      const settings = settingsFromFlags(ctx, flags, loggerFor(ctx))
      const [{ migrateToLatest }, { recordDecision }] = await Promise.all([import('../db/migrate.js'), import('../store/decisions.js')])
      const recorded = await withCanonDatabase(settings, 'canon decide', async (db) => {
        await migrateToLatest(db)
        return recordDecision(db, input as DecisionInput)
      })
      ctx.stdout(`recorded ${describe(recorded)}; the next build applies it\n`)
    })
  }
  withDatabaseFlags(decide.command('list').description('list recorded decisions, newest first (command line and edits files)'))
    .addOption(declared.json())
    .action(async (flags: DatabaseFlags & { json?: boolean }) => {
      const settings = settingsFromFlags(ctx, flags, loggerFor(ctx))
      const [{ migrateToLatest }, { listDecisions }] = await Promise.all([import('../db/migrate.js'), import('../store/decisions.js')])
      const decisions = await withCanonDatabase(settings, 'canon decide list', async (db) => {
        await migrateToLatest(db)
        return listDecisions(db, 1_000)
      })
      if (flags.json) return void ctx.stdout(`${JSON.stringify(decisions, null, 2)}\n`)
      if (decisions.length === 0) return void ctx.stdout('no decisions recorded\n')
      ctx.stdout(
        formatTable(
          ['id', 'decided', 'kind', 'role', 'target', 'author', 'reason', 'source'],
          decisions.map((d) => [d.id, (d.decidedAt ?? '').slice(0, 10), d.kind, d.roleCode, targetOf(d), d.author, d.reason ?? '', d.source]),
        ),
      )
    })
}

function withDecisionOptions(command: Command, shape: Shape): Command {
  withDatabaseFlags(command).addOption(declared.author()).option('--reason <TEXT>', 'why, kept with the decision')
  if (shape.target === 'code') command.option('--system <SYSTEM>', 'SOC2018, ONET-SOC or ISCO-08 (default SOC2018)')
  if (shape.kind === 'add_alias') command.option('--type <TYPE>', 'alias type (default common)')
  return command
}

function targetOf(decision: Decision): string {
  if ('alias' in decision) return decision.alias
  if ('code' in decision) return `${decision.system} ${decision.code}`
  if ('otherCode' in decision) return decision.otherCode
  return decision.status
}

function describe(decision: Decision): string {
  return `decision ${decision.id}: ${decision.kind} on ${decision.roleCode} (${targetOf(decision)}) by ${decision.author}`
}
