// Small pieces the classifier's title index and its ESCO index are both built from.

/** Weight of the head noun relative to modifiers in title vectors: the head says what the job is. */
export const HEAD_WEIGHT = 2

/** Appends `value` to the list under `key`, creating it. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}
