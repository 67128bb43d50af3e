// The list of commands the CLI offers; each lives in its own module and registers itself.

import type { Command } from 'commander'
import type { CliContext } from './context.js'
import { registerExport } from './export.js'
import { registerParse } from './parse.js'

export type RegisterCommand = (program: Command, ctx: CliContext) => void

export const commands: RegisterCommand[] = [registerParse, registerExport]
