import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parsePipelineFile } from '../../src/pipeline/definition.js'
import { loadPipeline, loadPipelines } from '../../src/pipeline/load-pipelines.js'
import { resolveSettings } from '../../src/settings/settings.js'
import { UsageError } from '../../src/errors.js'

const pipelinesDir = path.resolve(import.meta.dirname, '../../pipelines')

describe('the shipped pipelines', () => {
  it('are nightly (full build + every export + the site), rebuild (build + delta) and export-hris (exports only)', async () => {
    const pipelines = await loadPipelines(pipelinesDir)
    const byName = Object.fromEntries(pipelines.map((p) => [p.name, p]))
    expect(Object.keys(byName).sort()).toEqual(['export-hris', 'nightly', 'rebuild'])

    expect(byName.nightly!.steps).toEqual([
      { kind: 'build', scope: 'all' },
      { kind: 'export', profiles: ['generic', 'workday', 'successfactors', 'oracle-hdl'], since: 'none', mode: null, when: 'always' },
      { kind: 'site', when: 'always' },
    ])
    expect(byName.nightly!.schedule).toBe('0 2 * * *')
    expect(byName.rebuild!.steps).toEqual([
      { kind: 'build', scope: 'changed' },
      { kind: 'export', profiles: ['generic'], since: 'previous', mode: null, when: 'always' },
    ])
    expect(byName['export-hris']!.steps.map((s) => s.kind)).toEqual(['export'])
  })

  it('names the pipelines that exist when asked for one that does not', async () => {
    await expect(loadPipeline(pipelinesDir, 'weekly')).rejects.toThrow(/no pipeline named "weekly".*export-hris, nightly, rebuild/)
  })
})

describe('pipeline files that are bad or hostile', () => {
  const memoryFs = (files: Record<string, string>) => ({
    readdir: async () => Object.keys(files),
    readFile: async (file: string) => files[file.split('/').at(-1)!]!,
  })

  it('one bad file in pipelines/ fails only that pipeline: the others still load and run', async () => {
    const fs = memoryFs({ 'nightly.yaml': 'steps: [build]', 'broken.yaml': 'steps: [{ build: { scope: sometimes } }]' })
    expect((await loadPipeline('pipelines', 'nightly', fs)).name).toBe('nightly')
    await expect(loadPipeline('pipelines', 'broken', fs)).rejects.toThrow(UsageError)
    await expect(loadPipeline('pipelines', 'weekly', fs)).rejects.toThrow(/no pipeline named "weekly" in pipelines \(found: broken, nightly\)/)
  })

  it('an alias bomb (billion laughs) is bad usage (exit 2) naming the file, not a stack trace', () => {
    const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i)
      const next = String.fromCharCode(97 + i)
      laughs.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`)
    }
    const text = `${laughs.join('\n')}\nsteps: [build]\n`
    expect(() => parsePipelineFile('bomb', text, 'pipelines/bomb.yaml')).toThrow(UsageError)
    expect(() => parsePipelineFile('bomb', text, 'pipelines/bomb.yaml')).toThrow(/^pipelines\/bomb\.yaml: not a pipeline file: /)
  })
})

describe('parsePipelineFile', () => {
  const parse = (text: string) => parsePipelineFile('custom', text, 'pipelines/custom.yaml')

  it('reads a site step, bare or with when: published, and refuses other options', () => {
    const parsed = parsePipelineFile('p', 'steps:\n  - build\n  - site\n  - site:\n      when: published\n', 'p.yaml')
    expect(parsed.steps.slice(1)).toEqual([
      { kind: 'site', when: 'always' },
      { kind: 'site', when: 'published' },
    ])
    expect(() => parsePipelineFile('p', 'steps:\n  - site:\n      out: x\n', 'p.yaml')).toThrow(UsageError)
  })

  it('accepts bare step names and fills in defaults', () => {
    const pipeline = parse('steps: [build, export]')
    expect(pipeline.steps).toEqual([
      { kind: 'build', scope: 'changed' },
      { kind: 'export', profiles: ['generic'], since: 'none', mode: null, when: 'always' },
    ])
    expect(pipeline.schedule).toBeNull()
    expect(pipeline.settings).toEqual({})
  })

  it("takes an export step's effective date and code policy", () => {
    const pipeline = parse('steps: [{ export: { profiles: [workday], effectiveDate: "1900-01-01", includeUnreviewed: true } }]')
    expect(pipeline.steps).toEqual([
      { kind: 'export', profiles: ['workday'], since: 'none', mode: null, when: 'always', effectiveDate: '1900-01-01', includeUnreviewed: true },
    ])
  })

  it.each([
    ['steps: []', /pipelines\/custom\.yaml: steps: expected a non-empty list/],
    ['steps: [deploy]', /steps\[0\]: unknown step "deploy"/],
    ['steps: [{ build: { scope: everything } }]', /steps\[0\]\.build\.scope: expected "changed" or "all", found "everything"/],
    ['steps: [{ export: { since: 3 } }]', /steps\[0\]\.export\.since: expected "none" or "previous", found 3/],
    ['steps: [{ export: { profiles: [] } }]', /steps\[0\]\.export\.profiles: expected a non-empty list/],
    ['steps: [{ export: { colour: red } }]', /steps\[0\]\.export\.colour: unknown option/],
    ['steps: [{ export: { when: sometimes } }]', /steps\[0\]\.export\.when: expected "always" or "published"/],
    ['steps: [{ export: { effectiveDate: "1/1/1900" } }]', /steps\[0\]\.export\.effectiveDate: expected a date as YYYY-MM-DD/],
    ['steps: [{ export: { includeUnreviewed: yes please } }]', /steps\[0\]\.export\.includeUnreviewed: expected true or false/],
    ['steps: [export, build]', /the build step must come first/],
    ['steps: [build, build]', /builds at most once/],
    ['schedule: "every night"\nsteps: [build]', /schedule: "every night" is not a cron expression/],
    ['steps: [build]\nsettings: { rawDir: x }', /settings\.rawDir: unknown setting/],
    ['steps: [build]\nsettings: { lockTimeoutSeconds: -1 }', /settings\.lockTimeoutSeconds: expected a number of seconds/],
    ['steps: [build]\nretries: 3', /retries: unknown field/],
    ['steps: [build\n', /not valid YAML/],
    ['steps: [build]\nsteps: [export]', /not valid YAML/],
  ])('rejects %j with a message naming the file and field', (text, message) => {
    expect(() => parse(text)).toThrow(UsageError)
    expect(() => parse(text)).toThrow(message)
  })

  it('refuses a database URL in a pipeline file: secrets come from the environment', () => {
    expect(() => parse('steps: [build]\nsettings: { databaseUrl: "postgres://u:pw@h/db" }')).toThrow(
      /settings\.databaseUrl: secrets and database URLs do not belong in pipeline files/,
    )
  })
})

describe('resolveSettings', () => {
  const cwd = '/srv/canon'

  it('uses the defaults when no layer says otherwise, as absolute paths', () => {
    const { settings, sources } = resolveSettings({ env: {}, cwd })
    expect(settings).toEqual({
      raw: '/srv/canon/raw',
      reference: '/srv/canon/raw/reference',
      edits: '/srv/canon/edits',
      out: '/srv/canon/out',
      dataDir: '/srv/canon/.canon/db',
      indexCacheDir: '/srv/canon/.canon/cache',
      metricsFile: null,
      lockTimeoutSeconds: 60,
      workers: null,
      databaseUrl: null,
      maxRemovalPercent: 20,
      allowMassRemoval: false,
      pageTimeoutSeconds: 30,
      maxPageElements: 50_000,
      maxPageBytes: 5 * 1024 * 1024,
    })
    expect(new Set(Object.values(sources))).toEqual(new Set(['default']))
  })

  it('layers defaults ← pipeline file ← flags ← environment, and records where each value came from', () => {
    const { settings, sources, notes } = resolveSettings({
      pipeline: { out: 'exports', metricsFile: 'metrics/canon.prom', lockTimeoutSeconds: 5 },
      flags: { out: '/tmp/out', db: 'postgres://flag@h/db' },
      env: { DATABASE_URL: 'postgres://canon:secret@db/canon', HOME: '/root', CANON_OUT: '/ignored' },
      cwd,
    })
    expect(settings.out).toBe('/tmp/out')
    expect(sources.out).toBe('flag')
    expect(settings.metricsFile).toBe('/srv/canon/metrics/canon.prom')
    expect(sources.metricsFile).toBe('pipeline')
    expect(settings.lockTimeoutSeconds).toBe(5)
    expect(settings.raw).toBe('/srv/canon/raw')
    expect(sources.raw).toBe('default')
    expect(settings.databaseUrl).toBe('postgres://canon:secret@db/canon')
    expect(sources.databaseUrl).toBe('environment')
    expect(notes).toEqual(['DATABASE_URL is set in the environment and overrides --db (secrets come from the environment)'])
  })

  it('takes only secrets from the environment: other variables change nothing', () => {
    const plain = resolveSettings({ env: {}, cwd }).settings
    const withEnv = resolveSettings({ env: { RAW: '/x', OUT: '/y', CANON_RAW: '/z' }, cwd }).settings
    expect(withEnv).toEqual(plain)
  })

  it('derives the reference folder from raw/ and the index cache from the data directory unless a layer names them', () => {
    const derived = resolveSettings({ flags: { raw: 'pages-repo', dataDir: '/var/canon/db' }, env: {}, cwd })
    expect(derived.settings.reference).toBe('/srv/canon/pages-repo/reference')
    expect(derived.settings.indexCacheDir).toBe('/var/canon/cache')
    expect(derived.sources).toMatchObject({ reference: 'derived', indexCacheDir: 'derived' })
    const named = resolveSettings({ pipeline: { reference: 'ref' }, flags: { raw: 'pages-repo' }, env: {}, cwd })
    expect(named.settings.reference).toBe('/srv/canon/ref')
    expect(named.sources.reference).toBe('pipeline')
  })

  it('refuses a database URL that is not a Postgres server, from the flag or the environment', () => {
    expect(() => resolveSettings({ flags: { db: '.canon/db' }, env: {}, cwd })).toThrow(/use --data-dir \.canon\/db/)
    expect(() => resolveSettings({ env: { DATABASE_URL: 'mysql://h/db' }, cwd })).toThrow(/DATABASE_URL must be a Postgres server URL/)
  })

  it('uses --db when the environment has no DATABASE_URL', () => {
    const { settings, sources, notes } = resolveSettings({ flags: { db: 'postgres://h/db' }, env: {}, cwd })
    expect(settings.databaseUrl).toBe('postgres://h/db')
    expect(sources.databaseUrl).toBe('flag')
    expect(notes).toEqual([])
  })
})
