// Reads pipelines/*.yaml into validated definitions; the only I/O around definition.ts.

import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { UsageError } from '../errors.js'
import type { PipelineDefinition } from '../model/index.js'
import { parsePipelineFile } from './definition.js'

export interface PipelineFs {
  readdir: (dir: string) => Promise<string[]>
  readFile: (file: string) => Promise<string>
}

const nodeFs: PipelineFs = { readdir: (dir) => readdir(dir), readFile: (file) => readFile(file, 'utf8') }

const pipelineFile = /^([a-z0-9][a-z0-9-]*)\.ya?ml$/

/**
 * Loads every pipeline in `dir`, sorted by name; any invalid file fails the whole load with its name. With
 * `only`, only that pipeline's file is parsed: one bad file in the folder does not stop the others from running.
 */
export async function loadPipelines(dir: string, fs: PipelineFs = nodeFs, only?: string): Promise<PipelineDefinition[]> {
  let entries: string[]
  try {
    entries = await fs.readdir(dir)
  } catch (error) {
    throw new UsageError(`cannot read the pipelines folder ${dir}; pass --pipelines DIR`, { cause: error })
  }
  const pipelines: PipelineDefinition[] = []
  for (const entry of entries.sort()) {
    const match = pipelineFile.exec(entry)
    if (!match) continue
    if (only !== undefined && match[1] !== only) continue
    const file = path.join(dir, entry)
    pipelines.push(parsePipelineFile(match[1]!, await fs.readFile(file), file))
  }
  const names = pipelines.map((p) => p.name)
  const duplicate = names.find((name, index) => names.indexOf(name) !== index)
  if (duplicate) throw new UsageError(`${dir}: pipeline "${duplicate}" is defined twice (.yaml and .yml)`)
  return pipelines
}

/** Loads the one pipeline called `name`, or says which exist. */
export async function loadPipeline(dir: string, name: string, fs: PipelineFs = nodeFs): Promise<PipelineDefinition> {
  const pipelines = await loadPipelines(dir, fs, name)
  const found = pipelines.find((p) => p.name === name)
  if (!found) {
    const entries = await fs.readdir(dir).catch(() => [] as string[])
    const names = entries.flatMap((entry) => pipelineFile.exec(entry)?.[1] ?? [])
    const known = [...new Set(names)].sort().join(', ') || 'none'
    throw new UsageError(`no pipeline named "${name}" in ${dir} (found: ${known})`)
  }
  return found
}
