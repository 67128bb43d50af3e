// Pipeline files: the YAML a team writes (pipelines/<name>.yaml) and the validated definition canon runs.
// Parsed once at the boundary: every problem names the file and the field, and nothing unvalidated flows on.

import { parseDocument } from 'yaml'
import { Cron } from 'croner'
import { UsageError } from '../errors.js'
import type { PipelineDefinition, PipelineFileSettings, PipelineStep } from '../model/index.js'

const pathSettings = ['raw', 'reference', 'edits', 'out', 'dataDir'] as const
const secretLike = /^(db|database|databaseurl|database_url|password|url)$/i
const topLevelKeys = new Set(['description', 'schedule', 'timezone', 'steps', 'settings'])

type Problem = (field: string, message: string) => never

/** Parses and validates one pipeline file's text; the name is the file's base name. Pure. */
export function parsePipelineFile(name: string, text: string, file: string): PipelineDefinition {
  const fail: Problem = (field, message) => {
    throw new UsageError(`${file}: ${field ? `${field}: ` : ''}${message}`)
  }
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) {
    fail('', `pipeline name "${name}" must be lower-case letters, digits and dashes (it comes from the file name)`)
  }
  const doc = parseDocument(text, { uniqueKeys: true })
  const yamlError = doc.errors[0]
  if (yamlError) fail('', `not valid YAML: ${yamlError.message}`)
  let root: unknown
  try {
    // A pipeline file has no use for aliases; a few are allowed, an alias bomb ("billion laughs") is refused.
    root = doc.toJS({ maxAliasCount: 50 })
  } catch (error) {
    return fail('', `not a pipeline file: ${error instanceof Error ? error.message : String(error)}`)
  }
  if (!isRecord(root)) return fail('', 'expected a mapping with `steps` (and optionally description, schedule, settings)')
  for (const key of Object.keys(root)) {
    if (!topLevelKeys.has(key)) fail(key, `unknown field; expected one of ${[...topLevelKeys].join(', ')}`)
  }

  const description = optionalString(root.description, 'description', fail) ?? ''
  const schedule = optionalString(root.schedule, 'schedule', fail) ?? null
  const timezone = optionalString(root.timezone, 'timezone', fail) ?? null
  if (schedule !== null) checkCron(schedule, timezone, fail)

  if (!Array.isArray(root.steps) || root.steps.length === 0) {
    return fail('steps', 'expected a non-empty list of steps (build, export)')
  }
  const steps = root.steps.map((raw, index) => parseStep(raw, `steps[${index}]`, fail))
  const builds = steps.filter((step) => step.kind === 'build').length
  if (builds > 1) fail('steps', 'a pipeline builds at most once')
  if (builds === 1 && steps[0]?.kind !== 'build') fail('steps', 'the build step must come first, so exports see its release')

  const settings = parseSettings(root.settings, fail)
  return { name, description, schedule, timezone, steps, settings, file }
}

function parseStep(raw: unknown, field: string, fail: Problem): PipelineStep {
  // A step is either a bare name (`- build`) or a one-key mapping (`- export: { profiles: [...] }`).
  const [kind, options] = typeof raw === 'string' ? [raw, {}] : isRecord(raw) && Object.keys(raw).length === 1 ? Object.entries(raw)[0]! : [null, null]
  if (kind === null) return fail(field, 'expected a step name (build, export) or a one-key mapping such as `export: {…}`')
  const opts: unknown = options ?? {}
  if (!isRecord(opts)) return fail(`${field}.${kind}`, 'expected a mapping of options')
  if (kind === 'build') {
    onlyKeys(opts, ['scope'], `${field}.build`, fail)
    const scope = opts.scope ?? 'changed'
    if (scope !== 'changed' && scope !== 'all') return fail(`${field}.build.scope`, `expected "changed" or "all", found ${show(scope)}`)
    return { kind: 'build', scope }
  }
  if (kind === 'export') {
    onlyKeys(opts, ['profiles', 'since', 'mode', 'when'], `${field}.export`, fail)
    const profiles = opts.profiles ?? ['generic']
    if (!Array.isArray(profiles) || profiles.length === 0 || !profiles.every((p) => typeof p === 'string' && p.length > 0)) {
      return fail(`${field}.export.profiles`, `expected a non-empty list of profile names, found ${show(profiles)}`)
    }
    const since = opts.since ?? 'none'
    if (since !== 'none' && since !== 'previous') {
      return fail(`${field}.export.since`, `expected "none" or "previous", found ${show(since)}`)
    }
    const mode = opts.mode ?? null
    if (mode !== null && mode !== 'import' && mode !== 'spreadsheet') {
      return fail(`${field}.export.mode`, `expected "import" or "spreadsheet", found ${show(mode)}`)
    }
    const when = opts.when ?? 'always'
    if (when !== 'always' && when !== 'published') {
      return fail(`${field}.export.when`, `expected "always" or "published", found ${show(when)}`)
    }
    return { kind: 'export', profiles: [...new Set(profiles as string[])], since, mode, when }
  }
  if (kind === 'site') {
    onlyKeys(opts, ['when'], `${field}.site`, fail)
    const when = opts.when ?? 'always'
    if (when !== 'always' && when !== 'published') return fail(`${field}.site.when`, `expected "always" or "published", found ${show(when)}`)
    return { kind: 'site', when }
  }
  return fail(field, `unknown step "${kind}"; expected build, export or site`)
}

/** Numeric settings a pipeline file may set (limits). */
const numberSettings = ['maxRemovalPercent', 'pageTimeoutSeconds', 'maxPageElements', 'maxPageBytes'] as const

function parseSettings(raw: unknown, fail: Problem): PipelineFileSettings {
  if (raw === undefined || raw === null) return {}
  if (!isRecord(raw)) return fail('settings', 'expected a mapping')
  const settings: PipelineFileSettings = {}
  for (const [key, value] of Object.entries(raw)) {
    const field = `settings.${key}`
    if (secretLike.test(key)) {
      fail(field, 'secrets and database URLs do not belong in pipeline files; set DATABASE_URL in the environment')
    }
    if ((pathSettings as readonly string[]).includes(key)) {
      if (typeof value !== 'string' || value === '') fail(field, `expected a path, found ${show(value)}`)
      settings[key as (typeof pathSettings)[number]] = value as string
    } else if (key === 'metricsFile') {
      if (value !== null && (typeof value !== 'string' || value === '')) fail(field, `expected a path or null, found ${show(value)}`)
      settings.metricsFile = value as string | null
    } else if (key === 'lockTimeoutSeconds') {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        fail(field, `expected a number of seconds ≥ 0, found ${show(value)}`)
      }
      settings.lockTimeoutSeconds = value as number
    } else if ((numberSettings as readonly string[]).includes(key)) {
      const limit = key as (typeof numberSettings)[number]
      const least = limit === 'maxRemovalPercent' ? 0 : 1
      if (typeof value !== 'number' || !Number.isFinite(value) || value < least || (limit === 'maxRemovalPercent' && value > 100)) {
        fail(field, `expected a number ≥ ${least}${limit === 'maxRemovalPercent' ? ' and ≤ 100' : ''}, found ${show(value)}`)
      }
      settings[limit] = value as number
    } else {
      fail(field, `unknown setting; expected one of ${[...pathSettings, 'metricsFile', 'lockTimeoutSeconds', ...numberSettings].join(', ')}`)
    }
  }
  return settings
}

/** Throws a UsageError naming `field` when `expression` is not a cron expression croner accepts. */
export function checkCron(expression: string, timezone: string | null, fail: Problem, field = 'schedule'): void {
  try {
    new Cron(expression, { paused: true, ...(timezone ? { timezone } : {}) }).stop()
  } catch (error) {
    fail(field, `"${expression}" is not a cron expression (${(error as Error).message}); e.g. "0 2 * * *" is 02:00 daily`)
  }
}

function onlyKeys(record: Record<string, unknown>, allowed: string[], field: string, fail: Problem): void {
  for (const key of Object.keys(record)) {
    if (!allowed.includes(key)) fail(`${field}.${key}`, `unknown option; expected one of ${allowed.join(', ')}`)
  }
}

function optionalString(value: unknown, field: string, fail: Problem): string | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') return fail(field, `expected text, found ${show(value)}`)
  return value
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value)
}
