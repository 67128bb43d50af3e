// The alias confidence formula. Every constant is here so the README's worked example can be checked against it.

/** What an evidence entry with no stated confidence counts as: a source names the alias but not how sure it is. */
export const UNSTATED_CONFIDENCE = 0.5
/** Weight of an O*NET alternate title of the role's SOC code whose key equals the alias key. */
export const REFERENCE_EXACT_WEIGHT = 0.6
/** Weight of an O*NET alternate title (two words or more) that is the alias's head phrase ("… DevOps Engineer III"). */
export const REFERENCE_HEAD_WEIGHT = 0.3

/** Rounds to 4 decimals so outputs are byte-stable and readable. */
export function roundConfidence(value: number): number {
  return Math.round(clamp01(value) * 10_000) / 10_000
}

/** Clamps to [0, 1]; NaN and infinities count as 0. */
export function clamp01(value: number): number {
  if (!Number.isFinite(value)) return 0
  return value < 0 ? 0 : Math.min(value, 1)
}
