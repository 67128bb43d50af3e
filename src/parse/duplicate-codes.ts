// Two pages that claim the same code would overwrite each other in the canon. Rule: the first profile in path
// order keeps the code; every later claimant is quarantined with a message naming both files, and the kept
// one gets a warning, so both pages are reported.

import type { FileFinding, Quarantined, RoleProfile } from '../model/index.js'

/** Remembers which file claimed each code first; checks profiles as they stream past. */
export class DuplicateCodeCheck {
  private readonly claimed = new Map<string, string>()

  /** Splits one page's profiles into kept and quarantined (later claimants of a code already seen). */
  check(profiles: readonly RoleProfile[]): { kept: RoleProfile[]; rejected: Quarantined[]; warnings: FileFinding[] } {
    const kept: RoleProfile[] = []
    const rejected: Quarantined[] = []
    const warnings: FileFinding[] = []
    for (const profile of profiles) {
      const file = profile.source.path
      const first = this.claimed.get(profile.code)
      if (first === undefined) {
        this.claimed.set(profile.code, file)
        kept.push(profile)
        continue
      }
      const where = first === file ? `an earlier profile from ${file} itself` : first
      rejected.push({
        file,
        stage: 'parse',
        message: `${file}: code ${profile.code} ("${profile.title}") is already claimed by ${where}; the first page in path order keeps it and this profile is quarantined. Give one of them a different code`,
      })
      warnings.push({
        file: first,
        severity: 'warning',
        code: 'duplicate-code',
        field: 'code',
        message: `code ${profile.code} is also claimed by ${file}; this page keeps it, the other is quarantined`,
      })
    }
    return { kept, rejected, warnings }
  }
}

/** Batch form: profiles in path order → the first claimant of each code kept, later ones quarantined. */
export function findDuplicateCodes(profiles: readonly RoleProfile[]): { kept: RoleProfile[]; rejected: Quarantined[]; warnings: FileFinding[] } {
  const sorted = [...profiles].sort((a, b) => (a.source.path < b.source.path ? -1 : a.source.path > b.source.path ? 1 : 0))
  return new DuplicateCodeCheck().check(sorted)
}
