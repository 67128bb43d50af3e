// The term weighting shared by the classifier's text matches (role text against O*NET task statements, the
// task statements themselves, and role text against each code's work document): log term frequency times
// inverse document frequency, L2-normalised. Pure.

/** `counts` (word id → occurrences) as a unit vector of (1 + ln tf) · idf weights. */
export function unitTfIdf(counts: ReadonlyMap<number, number>, idf: ArrayLike<number>): Map<number, number> {
  const vector = new Map<number, number>()
  let norm = 0
  for (const [id, count] of counts) {
    const value = (1 + Math.log(count)) * idf[id]!
    vector.set(id, value)
    norm += value * value
  }
  norm = Math.sqrt(norm) || 1
  for (const [id, value] of vector) vector.set(id, value / norm)
  return vector
}
