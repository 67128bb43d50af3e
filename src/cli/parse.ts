// `canon parse FILE...`: role pages → a JSON array of RoleProfile on stdout, without a database. A file that
// cannot be parsed is reported on stderr (file and reason); the others still print; the exit code is then 3.

import path from 'node:path'
import { isPageInput, readPageFile } from '../discover/read-pages.js'
import { ExitCode } from '../exit-codes.js'
import type { RoleProfile } from '../model/index.js'
import { flags as declared } from './options.js'
import type { RegisterCommand } from './context.js'

/** Below this many files `canon parse` does not start worker threads (unless --workers says so). */
const SMALL_RUN = 16

/** Registers `canon parse`. */
export const registerParse: RegisterCommand = (program, ctx) => {
  program
    .command('parse')
    .description('Parse role pages (canon-app text or HTML, other HTML, Markdown) and print RoleProfiles as JSON')
    .argument('<files...>', 'page files to parse')
    .addOption(declared.maxPageBytes())
    .addOption(declared.workers())
    .option('--outline', "print each page's outline and the decisions made on it (roles, levels, kinds, what was left out) instead of JSON")
    .action(async (files: string[], options: { maxPageBytes?: number; workers?: number; outline?: boolean }) => {
      async function* pages() {
        for (const file of files) {
          const absolute = path.resolve(ctx.cwd, file)
          yield await readPageFile(absolute, {
            ...(options.maxPageBytes !== undefined ? { maxBytes: options.maxPageBytes } : {}),
            displayPath: file.split(path.sep).join('/'),
          })
        }
      }
      if (options.outline) {
        const { outlineReport } = await import('../parse/outline-report.js')
        for await (const page of pages()) {
          if (!isPageInput(page)) {
            ctx.stderr(`canon parse: ${page.message}\n`)
            ctx.exitCode = ExitCode.partial
            continue
          }
          ctx.stdout(outlineReport(page))
        }
        return
      }
      const profiles: RoleProfile[] = []
      let failures = 0
      // Starting a worker costs more than parsing a few pages: small runs parse in this thread.
      const workers = options.workers ?? (files.length < SMALL_RUN ? 0 : undefined)
      const { parsePages } = await import('../parse/parse-pages.js')
      for await (const page of parsePages(pages(), workers !== undefined ? { workers } : {})) {
        profiles.push(...page.profiles)
        for (const rejected of page.rejected) {
          failures++
          ctx.stderr(`canon parse: ${rejected.message}\n`)
        }
        for (const warning of page.warnings) {
          ctx.stderr(`canon parse: warning: ${warning.file}: ${warning.message}\n`)
        }
      }
      ctx.stdout(`${JSON.stringify(profiles, null, 2)}\n`)
      if (failures > 0) ctx.exitCode = ExitCode.partial
    })
}
