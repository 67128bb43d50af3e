// Runs once before the test files: makes sure the migrated PGlite template exists and tells the files where.
import type { TestProject } from 'vitest/node'
import { ensurePgliteTemplate } from './helpers/pglite-template.js'

export default async function setup(project: TestProject): Promise<void> {
  project.provide('pgliteTemplate', await ensurePgliteTemplate())
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string
  }
}
