// README.md and docs/ name files, commands and flags; these checks keep every name real, so a renamed folder
// or flag shows up here instead of in a newcomer's terminal. Markdown is read with marked (already a dependency);
// nothing is built and no database is opened.

import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { Lexer, marked, type Token, type Tokens } from 'marked'
import { describe, expect, it } from 'vitest'
import { createProgram } from '../../src/cli.js'

const repo = path.resolve(import.meta.dirname, '..', '..')

const docFiles = [
  'README.md',
  ...readdirSync(path.join(repo, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`),
]

/** Paths in backticks that must exist: the repository's own folders. */
const CHECKED_PATH = /^(?:src|test|bench|pipelines|migrations|deploy|docs|bin)\/[^\s:,;'"()`]*/

/** Paths the docs name that a run creates (gitignored), so they are not in a fresh clone. */
const GENERATED = ['bench/.corpus/']

interface Doc {
  file: string
  text: string
  tokens: Token[]
}

const docs: Doc[] = docFiles.map((file) => {
  const text = readFileSync(path.join(repo, file), 'utf8')
  return { file, text, tokens: new Lexer().lex(text) }
})

/** Every token of a document, nested ones (list items, table cells, emphasis) included. */
function tokensOf(doc: Doc, type: string): Token[] {
  const found: Token[] = []
  marked.walkTokens(doc.tokens, (token) => {
    if (token.type === type) found.push(token)
  })
  return found
}

/** The visible text of inline tokens: code spans without their backticks, escapes resolved. */
function plainText(tokens: Token[] | undefined): string {
  return (tokens ?? []).map((token) => ('tokens' in token && token.tokens ? plainText(token.tokens) : 'text' in token ? String(token.text) : '')).join('')
}

/** The anchors GitHub gives a document's headings: lower case, punctuation dropped, spaces as hyphens. */
function anchorsOf(doc: Doc): Set<string> {
  const anchors = new Set<string>()
  const seen = new Map<string, number>()
  for (const heading of tokensOf(doc, 'heading') as Tokens.Heading[]) {
    const base = plainText(heading.tokens)
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-')
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    anchors.add(count === 0 ? base : `${base}-${count}`)
  }
  return anchors
}

/** Lines of the fenced code blocks of a document. */
function codeLines(doc: Doc): string[] {
  return (tokensOf(doc, 'code') as Tokens.Code[]).flatMap((block) => block.text.split('\n'))
}

/** The canon invocations on a line: `canon CMD …`, `npx canon CMD …`, `node bin/canon.js CMD …`. */
function canonInvocations(line: string): { command: string; rest: string }[] {
  const withoutPrompt = line.trim().replace(/^\$\s+/, '')
  // `canon releases | canon runs` is two commands; `canon review [--out FILE] | --apply FILE` is one.
  const segments = withoutPrompt.split(/\s\|\s(?=(?:npx\s+)?canon\s)/)
  const found: { command: string; rest: string }[] = []
  for (const segment of segments) {
    // The command word must be followed by a space or the end: `canon build: published …` is output, not a call.
    const match = /^(?:npx\s+canon|canon|node\s+bin\/canon\.js|npm\s+run\s+canon\s+--)\s+([a-z][\w-]*)(?=\s|$)(.*)$/.exec(segment.trim())
    if (match) found.push({ command: match[1] ?? '', rest: (match[2] ?? '').replace(/\s+#.*$/, '') })
  }
  return found
}

/** The long flags a command accepts; for a command with subcommands, also those any subcommand accepts. */
function flagsOf(command: Command, includeSubcommands: boolean): Set<string> {
  const flags = new Set(['--help', ...command.options.map((option) => option.long).filter((long): long is string => Boolean(long))])
  if (includeSubcommands) for (const sub of command.commands) for (const flag of flagsOf(sub, false)) flags.add(flag)
  return flags
}

const program = createProgram({ stdout: () => {}, stderr: () => {}, env: {}, cwd: repo, isTty: false, exitCode: 0 })
const findCommand = (parent: Command, name: string): Command | undefined =>
  parent.commands.find((command) => command.name() === name || command.aliases().includes(name))

describe('README.md and docs/', () => {
  it('link only to files and headings that exist', () => {
    const anchors = new Map(docs.map((doc) => [doc.file, anchorsOf(doc)]))
    const problems: string[] = []
    for (const doc of docs) {
      for (const link of tokensOf(doc, 'link') as Tokens.Link[]) {
        const href = link.href
        if (/^[a-z][a-z0-9+.-]*:/i.test(href)) continue // http:, https:, mailto:
        const [target = '', anchor] = href.split('#')
        const file = target === '' ? doc.file : path.posix.normalize(path.posix.join(path.posix.dirname(doc.file), decodeURI(target)))
        if (!existsSync(path.join(repo, file))) {
          problems.push(`${doc.file}: link to ${href}: ${file} does not exist`)
          continue
        }
        if (anchor !== undefined && file.endsWith('.md')) {
          const known = anchors.get(file) ?? anchorsOf({ file, text: '', tokens: new Lexer().lex(readFileSync(path.join(repo, file), 'utf8')) })
          if (!known.has(decodeURIComponent(anchor))) problems.push(`${doc.file}: link to ${href}: ${file} has no heading #${anchor}`)
        }
      }
    }
    expect(problems).toEqual([])
  })

  it('name only src/, test/, bench/, pipelines/ and migrations/ paths that exist', () => {
    const problems: string[] = []
    for (const doc of docs) {
      for (const span of tokensOf(doc, 'codespan') as Tokens.Codespan[]) {
        const match = CHECKED_PATH.exec(span.text.replace(/^\.\//, ''))
        if (!match) continue
        // Stop at a glob or placeholder segment (`test/**/*.test.ts`, `out/releases/<N>/`): check the folder before it.
        const segments = match[0].split('/')
        const glob = segments.findIndex((segment) => /[*<>{}…]/.test(segment))
        const fixed = (glob === -1 ? segments : segments.slice(0, glob)).join('/')
        if (GENERATED.some((generated) => `${fixed}/`.startsWith(generated))) continue
        if (!existsSync(path.join(repo, fixed))) problems.push(`${doc.file}: \`${span.text}\`: ${fixed} does not exist`)
      }
    }
    expect(problems).toEqual([])
  })

  it('show only canon commands and flags the CLI has', () => {
    const problems: string[] = []
    let invocations = 0
    for (const doc of docs) {
      for (const line of codeLines(doc)) {
        for (const { command: name, rest } of canonInvocations(line)) {
          invocations++
          const command = findCommand(program, name)
          if (!command) {
            problems.push(`${doc.file}: \`${line.trim()}\`: canon has no command ${name}`)
            continue
          }
          // A subcommand (`canon decide approve-alias …`) is the first word after the command, when it names one.
          const firstWord = rest.trim().split(/\s+/)[0] ?? ''
          const sub = command.commands.length > 0 ? findCommand(command, firstWord) : undefined
          const accepted = sub ? flagsOf(sub, false) : flagsOf(command, command.commands.length > 0)
          for (const flag of rest.match(/(?<![\w-])--[a-z][\w-]*/g) ?? []) {
            if (!accepted.has(flag)) problems.push(`${doc.file}: \`${line.trim()}\`: canon ${name}${sub ? ` ${sub.name()}` : ''} has no flag ${flag}`)
          }
        }
      }
    }
    expect(problems).toEqual([])
    expect(invocations).toBeGreaterThan(20) // the check itself found the examples
  })

  it('run only npm scripts and benchmarks that exist', () => {
    const scripts = Object.keys((JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts)
    const benches = readdirSync(path.join(repo, 'bench'))
      .filter((name) => name.endsWith('.bench.ts'))
      .map((name) => name.slice(0, -'.bench.ts'.length))
    const problems: string[] = []
    for (const doc of docs) {
      const snippets = [...codeLines(doc), ...(tokensOf(doc, 'codespan') as Tokens.Codespan[]).map((span) => span.text)]
      for (const snippet of snippets) {
        for (const match of snippet.matchAll(/npm run ([\w:-]+)(?: -- ([a-z][a-z0-9 -]*))?/g)) {
          const script = match[1] ?? ''
          if (!scripts.includes(script)) problems.push(`${doc.file}: \`${snippet.trim()}\`: package.json has no script ${script}`)
          if (script === 'bench') {
            for (const name of (match[2] ?? '').trim().split(/\s+/).filter(Boolean)) {
              if (!benches.includes(name)) problems.push(`${doc.file}: \`${snippet.trim()}\`: there is no bench/${name}.bench.ts`)
            }
          }
        }
      }
    }
    expect(problems).toEqual([])
  })

  it('keep README.md under 250 lines, linking to every page in docs/', () => {
    const readme = docs.find((doc) => doc.file === 'README.md')
    const lines = readme?.text.replace(/\n$/, '').split('\n').length ?? 0
    expect(lines).toBeLessThan(250)
    const linked = new Set((readme ? (tokensOf(readme, 'link') as Tokens.Link[]) : []).map((link) => link.href.split('#')[0]))
    expect(docFiles.filter((file) => file.startsWith('docs/') && !linked.has(file))).toEqual([])
  })

  it('keep the O*NET attribution its CC BY 4.0 licence requires in README.md itself', () => {
    const readme = docs.find((doc) => doc.file === 'README.md')
    const text = (readme?.text ?? '').replace(/\\\*/g, '*').replace(/\s+/g, ' ')
    expect(text).toContain(
      'This product includes information from the O*NET 29.3 Database by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA), used under the CC BY 4.0 license.',
    )
    expect(text).toContain('ESCO data: © European Union, ESCO classification of the European Commission.')
  })
})
