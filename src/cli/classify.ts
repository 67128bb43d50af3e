// `canon classify INPUT.csv [--reference DIR] [--out FILE]`: codes a list of job titles to SOC 2018. Output goes
// to FILE, or stdout without --out. A missing title column is bad usage (exit 2); broken reference files fail
// with the file and line (exit 1).

import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { UsageError } from '../errors.js'
import { loggerFor, type RegisterCommand } from './context.js'
import { flags as declared } from './options.js'
import { settingsFromFlags } from './settings.js'

/** Registers `canon classify`. */
export const registerClassify: RegisterCommand = (program, ctx) => {
  program
    .command('classify')
    .description('Code job titles to SOC 2018 (with O*NET-SOC, confidence, review status and evidence): a CSV with a title column in')
    .argument('<input>', 'CSV file with a title column (and optionally description)')
    .addOption(declared.reference())
    .option('--out <FILE>', 'write the coded CSV here instead of stdout')
    .addOption(declared.log())
    .action(async (input: string, options: { reference?: string; out?: string; log?: 'human' | 'json' }) => {
      const log = loggerFor(ctx, options.log)
      // Loaded when the command runs, not when the CLI starts.
      const [{ buildClassifierIndex }, { classifyTitleTable, readTitleTable }, { readReference }] = await Promise.all([
        import('../classify/classifier-index.js'),
        import('../classify/classify-csv.js'),
        import('../reference/read-reference.js'),
      ])
      const { reference: referenceDir } = settingsFromFlags(ctx, options.reference ? { reference: options.reference } : {}, log)
      let text: string
      try {
        text = await readFile(path.resolve(ctx.cwd, input), 'utf8')
      } catch (error) {
        throw new UsageError(`${input}: cannot read the input file (${(error as Error).message})`, { cause: error })
      }
      const table = readTitleTable(text, input)
      const started = performance.now()
      const reference = await readReference(referenceDir)
      const index = buildClassifierIndex(reference)
      log.info('classifier index built', {
        reference: path.relative(ctx.cwd, referenceDir) || '.',
        titles: index.entries.length,
        ms: Math.round(performance.now() - started),
      })
      const { csv, rows } = classifyTitleTable(table, index)
      if (options.out) {
        await writeFile(path.resolve(ctx.cwd, options.out), csv)
        log.info('classified', { rows, out: options.out })
      } else {
        ctx.stdout(csv)
      }
    })
}
