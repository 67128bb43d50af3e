// The incremental rebuild reaches what a full build reaches: after each change the build processes only the
// roles the change reaches, then a full build of the same pages (`reparseAll`) must find nothing to publish and
// record the same counts, stale decisions and quarantine.

import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runBuild, type BuildOptions, type BuildResult } from '../../src/batch/index.js'
import { recordDecision } from '../../src/store/decisions.js'
import type { Logger, RoleProfile } from '../../src/model/index.js'
import { listRuns, readReleaseProfiles } from '../../src/store/index.js'
import { listQuarantine } from '../../src/store/runs.js'
import { fakeRaw, fakeStages, setPage, type FakeRaw } from '../helpers/build-stages.js'
import { createWorkspace, type Workspace } from '../helpers/cli-workspace.js'
import { testBackends, useTestDatabase } from '../helpers/databases.js'
import { collect } from '../helpers/load.js'
import { alias, makeProfile, soc } from '../helpers/profiles.js'

const options: BuildOptions = { rawDir: 'raw', referenceDir: 'raw/reference', editsDir: null, lockTimeoutMs: 2_000 }

/** Counts that describe the canon after a run, whichever way the run got there. */
const stateCounts = [
  'aliasConflicts',
  'aliasesMerged',
  'codesAutoAccepted',
  'codesNeedingReview',
  'warnings',
  'staleDecisions',
  'pagesQuarantined',
  'pagesSeen',
] as const

/** "A1" → "Alfa One": a title per role that names no level, so each role is a family of its own. */
const spelled = (code: string) =>
  [...code]
    .map(
      (c) =>
        ({ A: 'Alfa', B: 'Bravo', C: 'Charlie', D: 'Delta', E: 'Echo', F: 'Foxtrot' })[c] ?? ['Zero', 'One', 'Two', 'Three', 'Four', 'Five', 'Six'][Number(c)],
    )
    .join(' ')
const role = (code: string, overrides: Partial<RoleProfile> = {}) => makeProfile(code, { title: `Role ${spelled(code)}`, ...overrides })
const platform = (code: string) => role(code, { aliases: [alias('Platform Engineer'), alias(`${code} Builder`)] })

/** Twelve roles: four share an alias, a title is another role's alias, one page defines two roles, six stand apart. */
function corpus(): FakeRaw {
  const raw = fakeRaw([
    platform('A1'),
    platform('A2'),
    platform('A3'),
    platform('A4'),
    role('B1', { title: 'Data Engineer', aliases: [alias('Analytics Engineer')] }),
    role('C1', { aliases: [alias('Data Engineer'), alias('Pipeline Engineer'), alias('Pipeline-Engineer'), alias('Stream Engineer')] }),
    ...['F1', 'F2', 'F3', 'F4', 'F5', 'F6'].map((code) => role(code)),
  ])
  const d1 = role('D1', { aliases: [alias('Reliability Engineer')], source: { path: 'pages/d-family.txt', format: 'canon-text', contentHash: '' } })
  const d2 = role('D2', {
    aliases: [alias('Reliability Engineer'), alias('SRE')],
    classifications: [soc('15-1244', 'Network and Computer Systems Administrators', { reviewStatus: 'needs_review' })],
    findings: [{ severity: 'warning', code: 'section_missing', message: 'no Core outputs section', field: 'coreOutputs' }],
    source: { path: 'pages/d-family.txt', format: 'canon-text', contentHash: '' },
  })
  raw.pages.set('pages/d-family.txt', JSON.stringify([d1, d2]))
  return raw
}

function recordingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = []
  const note = (message: string) => void lines.push(message)
  return { lines, logger: { debug() {}, info: note, warn: note, error: note } }
}

describe.each(testBackends)('an incremental rebuild on %s', (backend) => {
  const t = useTestDatabase(backend)
  /** The edits folder every build of a test reads (none unless the test sets it). */
  let editsDir: string | null = null

  async function build(raw: FakeRaw, extra: Partial<BuildOptions> = {}): Promise<{ result: BuildResult; lines: string[]; counts: Record<string, number> }> {
    const { logger, lines } = recordingLogger()
    const result = await runBuild({ ...options, editsDir, ...extra }, { db: t.db, stages: fakeStages(raw), logger })
    const [run] = await listRuns(t.db, 1)
    return { result, lines, counts: run!.counts }
  }

  /** Builds incrementally, expecting only `reach` roles processed; returns the result. */
  async function rebuild(raw: FakeRaw, reach: number): Promise<BuildResult> {
    const { result, lines, counts } = await build(raw)
    expect(lines.filter((line) => line.startsWith('building every role'))).toEqual([])
    expect(counts['rolesReprocessed']).toBe(reach)
    return result
  }

  /** A full build of the same pages finds nothing to change and records what the incremental run recorded. */
  async function expectFullBuildAgrees(raw: FakeRaw): Promise<void> {
    const [incremental] = await listRuns(t.db, 1)
    const incrementalQuarantine = await listQuarantine(t.db, incremental!.id)
    const { result, counts } = await build(raw, { reparseAll: true })
    expect(result.summary.published, 'a full build would publish another release').toBe(false)
    expect(result.plan.versions.map((version) => version.code)).toEqual([])
    const pick = (source: Record<string, number>) => Object.fromEntries(stateCounts.map((name) => [name, source[name]]))
    expect(pick(incremental!.counts)).toEqual(pick(counts))
    const staleOf = (list: BuildResult['staleDecisions']) => list.map((stale) => `${stale.decision.kind} ${stale.decision.roleCode}: ${stale.reason}`).sort()
    expect(staleOf(incremental!.staleDecisions)).toEqual(staleOf(result.staleDecisions))
    const [full] = await listRuns(t.db, 1)
    const quarantineOf = async (id: number) => (await listQuarantine(t.db, id)).map((item) => `${item.file} ${item.stage}: ${item.message}`).sort()
    expect(incrementalQuarantine.map((item) => `${item.file} ${item.stage}: ${item.message}`).sort()).toEqual(await quarantineOf(full!.id))
  }

  async function decide(): Promise<void> {
    const at = { author: 'ann', reason: null, decidedAt: null }
    await recordDecision(t.db, { kind: 'approve_alias', roleCode: 'A1', alias: 'Platform Engineer', aliasType: null, ...at })
    await recordDecision(t.db, { kind: 'reject_alias', roleCode: 'C1', alias: 'Stream Engineer', aliasType: null, ...at })
    await recordDecision(t.db, { kind: 'set_status', roleCode: 'D2', status: 'approved', ...at })
    await recordDecision(t.db, { kind: 'set_status', roleCode: 'Z9', status: 'approved', ...at })
    await recordDecision(t.db, { kind: 'override_code', roleCode: 'F1', system: 'SOC2018', code: '15-1244', ...at })
  }

  it('processes only the roles an edit reaches through shared aliases, and agrees with a full build', async () => {
    const raw = corpus()
    await decide()
    const first = await build(raw)
    expect(first.result.summary.roles.added).toBe(14)
    expect(first.counts['rolesReprocessed']).toBe(14)

    // A summary edit: its role and the three sharing "Platform Engineer" with it.
    setPage(raw, role('A2', { summary: 'Edited', aliases: [alias('Platform Engineer'), alias('A2 Builder')] }))
    const edited = await rebuild(raw, 4)
    expect(edited.summary.roles).toEqual({ added: 0, changed: 1, removed: 0, unchanged: 13 })
    await expectFullBuildAgrees(raw)

    // Two edits in a row before the check: A3 takes B1's title as an alias (B1 and C1 come into reach), and a
    // page defining two roles loses one of them.
    setPage(raw, role('A3', { aliases: [alias('Platform Engineer'), alias('Data Engineer')] }))
    await rebuild(raw, 6)
    const d1 = role('D1', {
      summary: 'Now alone',
      aliases: [alias('Reliability Engineer')],
      source: { path: 'pages/d-family.txt', format: 'canon-text', contentHash: '' },
    })
    raw.pages.set('pages/d-family.txt', JSON.stringify([d1]))
    const split = await rebuild(raw, 2)
    expect(split.summary.roles).toMatchObject({ changed: 1, removed: 1 })
    await expectFullBuildAgrees(raw)

    // A page deleted, a new page claiming a shared alias, and a standalone role edited, in one build: the roles
    // sharing "Platform Engineer" are planned again; B1 and C1, which share A3's other alias, only take part in
    // the aliases stage (their claims on "Data Engineer" weigh on A3's), and keep their versions.
    raw.pages.delete('pages/a4.txt')
    setPage(raw, platform('E1'))
    setPage(raw, role('F2', { summary: 'Edited alone' }))
    const mixed = await rebuild(raw, 6)
    expect(mixed.summary.roles).toEqual({ added: 1, changed: 4, removed: 1, unchanged: 8 })
    await expectFullBuildAgrees(raw)
    const current = await collect(readReleaseProfiles(t.db, mixed.summary.release!))
    expect(current.find((item) => item.profile.code === 'A1')!.profile.aliases.find((item) => item.key === 'platform engineer')).toMatchObject({
      approved: true,
      confidence: 1,
    })
  })

  it('plans again the roles sharing a key with a changed role, weighing their other keys by every claim on them', async () => {
    // A chain of shared aliases: G1–G2 share "Gamma Lead", G2–G3 "Delta Lead", G3–G4 "Epsilon Lead".
    const chain = (code: string, aliases: string[], confidence = 0.7) =>
      role(code, { aliases: aliases.map((text) => alias(text, { confidence, evidence: [{ source: 'page', confidence }] })) })
    const raw = corpus()
    setPage(raw, chain('G1', ['Gamma Lead']))
    setPage(raw, chain('G2', ['Gamma Lead', 'Delta Lead']))
    setPage(raw, chain('G3', ['Delta Lead', 'Epsilon Lead'], 0.4))
    setPage(raw, chain('G4', ['Epsilon Lead'], 0.9))
    await build(raw)
    // G1's claim on "Gamma Lead" grows: G2's share of it shrinks (a new version), its "Delta Lead" is scored
    // against G3's claim as before; G3 and G4 keep their versions.
    setPage(raw, chain('G1', ['Gamma Lead'], 0.95))
    const edited = await rebuild(raw, 2)
    expect(edited.summary.roles).toMatchObject({ changed: 2, added: 0, removed: 0 })
    expect(edited.plan.versions.map((version) => version.code)).toEqual(['G1', 'G2'])
    await expectFullBuildAgrees(raw)
    // The middle of the chain edited: both neighbours planned again, the end of the chain not.
    setPage(raw, chain('G3', ['Delta Lead', 'Epsilon Lead'], 0.6))
    const middle = await rebuild(raw, 3)
    expect(middle.plan.versions.map((version) => version.code)).toEqual(['G2', 'G3', 'G4'])
    await expectFullBuildAgrees(raw)
  })

  it('builds every role, and says why, when a page is set aside, a role is defined twice, or decisions changed', async () => {
    const raw = corpus()
    await build(raw)

    raw.pages.set('pages/b1.txt', 'not a role page')
    const broken = await build(raw)
    expect(broken.lines).toContain('building every role: pages/b1.txt was set aside')
    // B1 is held at its version; C1's "Data Engineer" no longer meets B1's title.
    expect(broken.result.summary.roles).toEqual({ added: 0, changed: 1, removed: 0, unchanged: 13 })
    // The next build follows a run that held a role: still in full.
    setPage(raw, role('B1', { title: 'Data Engineer', aliases: [alias('Analytics Engineer')] }))
    const fixed = await build(raw)
    expect(fixed.lines.some((line) => line.startsWith('building every role: run '))).toBe(true)

    setPage(raw, { ...role('F3', { summary: 'A second F3' }), source: { path: 'pages/g-copy-of-f3.txt', format: 'canon-text', contentHash: '' } })
    const twice = await build(raw)
    expect(twice.lines.find((line) => line.startsWith('building every role'))).toMatch(
      /^building every role: pages\/g-copy-of-f3\.txt: role F3 is already defined/,
    )
    expect(twice.result.summary.quarantined.map((item) => item.file)).toEqual(['pages/g-copy-of-f3.txt'])
    raw.pages.delete('pages/g-copy-of-f3.txt')
    await build(raw)

    // Other reference data: every role again; the next edit is incremental again.
    raw.referenceVersion = 'ref-2'
    setPage(raw, role('F5', { summary: 'Edited' }))
    const referenced = await build(raw)
    expect(referenced.counts['rolesReprocessed']).toBe(14)
    setPage(raw, role('F6', { summary: 'Edited' }))
    await rebuild(raw, 1)
    await expectFullBuildAgrees(raw)
  })

  it('processes only the roles whose decisions changed (recorded or in edits/), and agrees with a full build', async () => {
    const raw = corpus()
    const at = { author: 'ann', reason: null, decidedAt: null }
    editsDir = await mkdtemp(path.join(os.tmpdir(), 'canon-edits-'))
    try {
      await build(raw)
      // A status: its role alone; with a page edit in the same build, both.
      await recordDecision(t.db, { kind: 'set_status', roleCode: 'F4', status: 'approved', ...at })
      setPage(raw, role('F5', { summary: 'Edited' }))
      const decided = await rebuild(raw, 2)
      expect(decided.summary.roles).toEqual({ added: 0, changed: 2, removed: 0, unchanged: 12 })
      await expectFullBuildAgrees(raw)

      // An added alias another role group claims: the role and the four claiming it; a code overridden on a
      // role of a two-role page sharing an alias; a decision on no role at all (stale).
      await recordDecision(t.db, { kind: 'add_alias', roleCode: 'F6', alias: 'Platform Engineer', aliasType: null, ...at })
      await recordDecision(t.db, { kind: 'override_code', roleCode: 'D1', system: 'SOC2018', code: '15-1244', ...at })
      await recordDecision(t.db, { kind: 'set_status', roleCode: 'Z9', status: 'approved', ...at })
      const aliased = await rebuild(raw, 8)
      expect(aliased.summary.roles.changed).toBe(6)
      expect(aliased.staleDecisions.map((stale) => stale.decision.roleCode)).toEqual(['Z9'])
      await expectFullBuildAgrees(raw)

      // Decisions in an edits file: a rejected alias (its role and the role whose title it is), a merge.
      const file = path.join(editsDir, 'review.csv')
      await writeFile(file, 'kind,role_code,alias,code,author,reason\nreject_alias,C1,Data Engineer,,bob,not the same role\nmerge_into,F3,,F2,bob,one role\n')
      const filed = await rebuild(raw, 3)
      expect(filed.summary.roles.changed).toBe(2)
      await expectFullBuildAgrees(raw)

      // The file's decisions taken back: the same roles again, as they were.
      await rm(file)
      const undone = await rebuild(raw, 3)
      expect(undone.summary.roles.changed).toBe(2)
      await expectFullBuildAgrees(raw)
    } finally {
      await rm(editsDir, { recursive: true, force: true })
      editsDir = null
    }
  })
})

describe.each(testBackends)('an incremental rebuild of the sample pages through the CLI on %s', (backend) => {
  let ws: Workspace
  beforeAll(async () => {
    ws = await createWorkspace(backend)
    await rm(path.join(ws.dir, 'raw', 'pages'), { recursive: true })
    await cp(path.resolve('raw/pages'), path.join(ws.dir, 'raw', 'pages'), { recursive: true })
  })
  afterAll(async () => {
    await ws.cleanup()
  })

  const runCounts = async () => {
    const db = await ws.open()
    try {
      return (await listRuns(db, 1))[0]!.counts
    } finally {
      await db.destroy()
    }
  }

  it('reclassifies and replans only the roles an edited job-family page reaches; a full rebuild then finds nothing to change', async () => {
    const build = (...extra: string[]) => ws.canon(['build', ...ws.buildArgs, '--workers', '0', '--log', 'json', ...extra])
    expect((await build()).exitCode).toBe(0)
    const total = (await runCounts())['rolesReprocessed']!

    const backend = path.join(ws.dir, 'raw', 'pages', 'monzo', 'engineering', 'backend.md')
    const text = await readFile(backend, 'utf8')
    expect(text).toMatch(/Accepts feedback graciously/)
    await writeFile(backend, text.replace('Accepts feedback graciously', 'Accepts and acts on feedback graciously'))
    await rm(path.join(ws.dir, 'raw', 'pages', 'dropbox', 'ic2_sdet.html'))
    const edited = await build()
    expect(edited.stderr).not.toMatch(/building every role/)
    expect(edited.stdout).toMatch(/^canon build: published release 2\n/)
    // Every role of the page changed (its source hash did), and the other levels of the deleted page's role
    // family (the folder's pages are one ladder, coded together) were coded again without it; its role is removed.
    expect(edited.stdout).toMatch(/roles +0 added, 9 changed, 1 removed, /)
    const incremental = await runCounts()
    expect(incremental['rolesReprocessed']).toBeLessThan(total)
    // The classifier ran only for roles whose inputs changed: the edited page's role family, whose six levels
    // are coded together (one level's text is evidence for all of them), and the three levels left of the deleted
    // page's family.
    const classify = edited.stderr
      .split('\n')
      .filter((line) => line.includes('"stage":"classify"'))
      .map((line) => JSON.parse(line) as { roles: number; reused: number })
    expect(classify[0]!.roles - classify[0]!.reused).toBe(9)

    const full = await build('--reparse')
    expect(full.stdout).toMatch(/^canon build: nothing changed; release 2 is current\n/)
    const after = await runCounts()
    const pick = (counts: Record<string, number>) => Object.fromEntries(stateCounts.map((name) => [name, counts[name]]))
    expect(pick(incremental)).toEqual(pick(after))
  })
})
