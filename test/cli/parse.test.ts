import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli.js'
import { repoRoot } from '../helpers/pages.js'

async function run(args: string[], cwd = repoRoot) {
  let stdout = ''
  let stderr = ''
  const code = await main(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: {}, cwd, isTty: false })
  return { code, stdout, stderr }
}

describe('canon parse', () => {
  it('prints a JSON array with one RoleProfile per role and exits 0', async () => {
    const { code, stdout } = await run(['parse', 'raw/pages/canon/role-page-devops-engineering-p3.txt', 'raw/pages/dropbox/m3_engineering_manager.html'])
    expect(code).toBe(0)
    const profiles = JSON.parse(stdout)
    expect(profiles.map((p: { code: string }) => p.code)).toEqual(['EDE.GEN.P3', expect.stringMatching(/^EM\.[0-9A-F]{4}\.M3$/)])
  })

  it('reports an unparseable file on stderr with its name and reason, still prints the others, and exits 3', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'canon-cli-'))
    writeFileSync(path.join(dir, 'empty.html'), '')
    writeFileSync(path.join(dir, 'binary.txt'), new Uint8Array([0, 1, 2, 3]))
    const seed = path.join(repoRoot, 'raw/pages/canon/role-page-devops-engineering-p3.txt')
    const { code, stdout, stderr } = await run(['parse', 'empty.html', seed, 'binary.txt', 'missing.md'], dir)
    expect(code).toBe(3)
    expect(JSON.parse(stdout)).toHaveLength(1)
    expect(stderr).toContain('empty.html: the file is empty')
    expect(stderr).toContain('binary.txt: the file is binary')
    expect(stderr).toContain('missing.md: cannot read the file')
  })

  it('--outline prints the outline with source positions, the decisions made on it and the profiles', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'canon-cli-'))
    const page = '# Data ladder\n\n## Data Engineer 1\n\n- Builds pipelines\n\n## Data Engineer 2\n\n- Designs pipelines\n\n## Benefits\n\n- Pension\n'
    writeFileSync(path.join(dir, 'ladder.md'), page)
    const { code, stdout } = await run(['parse', '--outline', 'ladder.md'], dir)
    expect(code).toBe(0)
    expect(stdout).toContain('L3      ## Data Engineer 1')
    expect(stdout).toContain('L5      - Builds pipelines')
    expect(stdout).toMatch(/L3 +Data Engineer 1 → profile "Data Engineer 1" at level 1/)
    expect(stdout).toMatch(/Benefits → left out: benefits/)
    expect(stdout).toMatch(/profiles \(2\):\n {2}Data Engineer 1 \[level 1/)
  })

  it('applies --max-page-bytes', async () => {
    const { code, stderr } = await run(['parse', '--max-page-bytes', '100', 'raw/pages/canon/role-page-devops-engineering-p3.txt'])
    expect(code).toBe(3)
    expect(stderr).toMatch(/over the 100 bytes page size limit/)
  })
})
