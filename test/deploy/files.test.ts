// The deployment files are contracts with schedulers: parse them and check the fields that matter.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { Cron } from 'croner'

const root = path.resolve(import.meta.dirname, '..', '..')
const read = (file: string) => readFile(path.join(root, file), 'utf8')

/** Dockerfile instructions with continuation lines joined: [instruction, arguments]. */
function dockerInstructions(text: string): [string, string][] {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const at = line.indexOf(' ')
      return [line.slice(0, at).toUpperCase(), line.slice(at + 1).trim()]
    })
}

const secretName = /(PASSWORD|PASSWD|SECRET|TOKEN|DATABASE_URL|PGPASSWORD|API_KEY)/i

describe('Dockerfile', () => {
  it('installs with npm ci, runs as a non-root user and starts `canon run nightly`', async () => {
    const instructions = dockerInstructions(await read('Dockerfile'))
    const stages = instructions.filter(([i]) => i === 'FROM')
    expect(stages.length).toBeGreaterThanOrEqual(1)
    const lastFrom = instructions.map(([i]) => i).lastIndexOf('FROM')
    const final = instructions.slice(lastFrom)
    const runs = instructions.filter(([i]) => i === 'RUN').map(([, a]) => a)
    expect(runs.some((r) => /\bnpm ci\b/.test(r))).toBe(true)
    expect(runs.some((r) => /\bnpm install\b/.test(r))).toBe(false)

    const users = final.filter(([i]) => i === 'USER').map(([, a]) => a)
    expect(users.length).toBeGreaterThan(0)
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/)

    const entrypoint = JSON.parse(final.find(([i]) => i === 'ENTRYPOINT')![1]) as string[]
    const cmd = JSON.parse(final.find(([i]) => i === 'CMD')![1]) as string[]
    expect([...entrypoint, ...cmd].join(' ')).toMatch(/^node bin\/canon\.js run nightly\b/)
  })

  it('bakes no secret into the image', async () => {
    const text = await read('Dockerfile')
    for (const [instruction, args] of dockerInstructions(text)) {
      if (instruction === 'ENV' || instruction === 'ARG') expect(args).not.toMatch(secretName)
    }
    expect(text).not.toMatch(/postgres(ql)?:\/\/[^\s]*:[^\s@]*@/)
    const ignore = (await read('.dockerignore')).split('\n')
    expect(ignore).toEqual(expect.arrayContaining(['node_modules', '.env', '.canon', '.git']))
  })
})

describe('Kubernetes CronJob', () => {
  it('forbids concurrent runs, takes DATABASE_URL from a secret and runs canon as non-root', async () => {
    const manifest = parse(await read('deploy/kubernetes/cronjob.yaml'))
    expect(manifest.apiVersion).toBe('batch/v1')
    expect(manifest.kind).toBe('CronJob')
    expect(manifest.spec.concurrencyPolicy).toBe('Forbid')
    expect(new Cron(manifest.spec.schedule, { paused: true }).nextRun()).toBeInstanceOf(Date)

    const job = manifest.spec.jobTemplate.spec
    const pod = job.template.spec
    expect(pod.restartPolicy).toBe('Never')
    expect(pod.securityContext.runAsNonRoot).toBe(true)
    const container = pod.containers.find((c: { name: string }) => c.name === 'canon')
    expect(container.args.slice(0, 2)).toEqual(['run', 'nightly'])
    // The root file system is read-only: the index snapshots must go to the volume (beside the data dir).
    expect(container.args[container.args.indexOf('--data-dir') + 1]).toMatch(/^\/data\//)

    const databaseUrl = container.env.find((e: { name: string }) => e.name === 'DATABASE_URL')
    expect(databaseUrl.value).toBeUndefined()
    expect(databaseUrl.valueFrom.secretKeyRef).toEqual({ name: 'canon-database', key: 'url' })
    for (const variable of container.env) if (secretName.test(variable.name)) expect(variable.value).toBeUndefined()
  })

  it('fails the job without retrying on exit codes retrying cannot fix (1, 2, 3), and retries 75', async () => {
    const job = parse(await read('deploy/kubernetes/cronjob.yaml')).spec.jobTemplate.spec
    const failJob = job.podFailurePolicy.rules.find((r: { action: string }) => r.action === 'FailJob')
    expect(failJob.onExitCodes).toMatchObject({ containerName: 'canon', operator: 'In', values: [1, 2, 3] })
    expect(failJob.onExitCodes.values).not.toContain(75)
    expect(job.backoffLimit).toBeGreaterThan(0)
  })
})

describe('CI workflow', () => {
  it('runs `canon run nightly` on a schedule, with DATABASE_URL from the repository secrets', async () => {
    const workflow = parse(await read('.github/workflows/nightly.yml'))
    const crons = workflow.on.schedule.map((s: { cron: string }) => s.cron)
    expect(crons.length).toBeGreaterThan(0)
    for (const cron of crons) expect(new Cron(cron, { paused: true }).nextRun()).toBeInstanceOf(Date)
    expect(workflow.concurrency['cancel-in-progress']).toBe(false)

    const steps = Object.values(workflow.jobs).flatMap((job) => (job as { steps: Record<string, unknown>[] }).steps)
    expect(steps.some((s) => s.run === 'npm ci --no-audit --no-fund')).toBe(true)
    const run = steps.find((s) => typeof s.run === 'string' && /canon\.js run nightly/.test(s.run))
    expect(run).toBeDefined()
    expect((run!.env as Record<string, string>).DATABASE_URL).toMatch(/^\$\{\{\s*secrets\.[A-Z_]+\s*\}\}$/)
  })
})
