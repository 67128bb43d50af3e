// A throwaway canon workspace for CLI tests: raw/pages with chosen pages, the repository's reference data and
// pipelines, and a database of its own (an embedded data directory, or a fresh database on the server).

import { copyFile, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createScratchDatabase } from './scratch-database.js'
import { main } from '../../src/cli.js'
import { openDatabase, type CanonDb } from '../../src/db/open.js'
import type { TestBackend } from './databases.js'

const repo = path.resolve(import.meta.dirname, '..', '..')
export const seedText = path.join(repo, 'raw', 'pages', 'canon', 'role-page-devops-engineering-p3.txt')

export interface CliResult {
  exitCode: number
  stdout: string
  stderr: string
}

export interface Workspace {
  dir: string
  /** Database flags for the CLI: `--data-dir DIR` or nothing (the URL is in `env`). */
  dbArgs: string[]
  /** Flags for build and run: the repository's reference data and the database. */
  buildArgs: string[]
  env: Record<string, string>
  /** Runs `canon ARGS` in the workspace through the CLI's main(). */
  canon(args: string[], env?: Record<string, string>): Promise<CliResult>
  /** Opens the workspace's database from the test (close it again). */
  open(): Promise<CanonDb>
  writePage(relative: string, text: string | Buffer): Promise<void>
  cleanup(): Promise<void>
}

/** A workspace with the seed page (text form) under raw/pages/canon/. */
export async function createWorkspace(backend: TestBackend): Promise<Workspace> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'canon-cli-'))
  await mkdir(path.join(dir, 'raw', 'pages', 'canon'), { recursive: true })
  await copyFile(seedText, path.join(dir, 'raw', 'pages', 'canon', 'seed.txt'))
  await cp(path.join(repo, 'pipelines'), path.join(dir, 'pipelines'), { recursive: true })
  const base = ['--reference', path.join(repo, 'raw', 'reference')]
  let env: Record<string, string> = {}
  let dbArgs: string[]
  let drop = async () => {}
  if (backend === 'pglite') {
    dbArgs = ['--data-dir', path.join(dir, 'db')]
  } else {
    const serverUrl = process.env['DATABASE_URL']
    if (!serverUrl) throw new Error('CANON_REQUIRE_SERVER_TESTS=1 but DATABASE_URL is not set: the server tests cannot run')
    const scratch = await createScratchDatabase(serverUrl, 'canon_cli')
    env = { DATABASE_URL: scratch.url }
    dbArgs = []
    drop = scratch.drop
  }
  return {
    dir,
    dbArgs,
    buildArgs: [...base, ...dbArgs],
    env,
    async canon(args, extraEnv = {}) {
      let stdout = ''
      let stderr = ''
      const exitCode = await main(args, {
        stdout: (text) => void (stdout += text),
        stderr: (text) => void (stderr += text),
        env: { ...env, ...extraEnv },
        cwd: dir,
        isTty: false,
      })
      return { exitCode, stdout, stderr }
    },
    open: () => (env.DATABASE_URL ? openDatabase({ url: env.DATABASE_URL }) : openDatabase({ dataDir: path.join(dir, 'db'), lockTimeoutMs: 5_000 })),
    writePage: async (relative, text) => {
      await mkdir(path.dirname(path.join(dir, 'raw', 'pages', relative)), { recursive: true })
      await writeFile(path.join(dir, 'raw', 'pages', relative), text)
    },
    async cleanup() {
      await drop()
      await rm(dir, { recursive: true, force: true })
    },
  }
}
