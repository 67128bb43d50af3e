// Reference data read on first use. A rebuild of a page or two often needs none of it: the classification cache
// answers for roles whose inputs did not change, the classifier index snapshot carries what classifying reads
// of it, and the aliases stage reads a table of reference titles kept beside the snapshots. So the build's
// reference stage hands out an object with the reference data's fields that reads the snapshot (about 18 MB,
// a quarter of a second) only when one of them is read.

import type { ReferenceData } from '../model/index.js'

/** Every field of ReferenceData (the compiler checks the list is whole). */
const FIELDS = {
  dir: true,
  soc: true,
  onetOccupations: true,
  onetBySoc: true,
  alternateTitles: true,
  alternateTitlesBySoc: true,
  reportedTitles: true,
  tasks: true,
  technologySkills: true,
  directMatchTitles: true,
  iscoSoc2010: true,
  soc2010Soc2018: true,
  iscoBySoc: true,
  escoOccupations: true,
} satisfies Record<keyof ReferenceData, true>

/** Reference data handed out by referenceOnUse and not read yet. */
const unread = new WeakSet<ReferenceData>()

/**
 * Reference data from `dir` whose fields are read by `read` the first time any of them (but `dir`) is read;
 * from then on they are plain fields. `read` runs at most once; if it throws, the reading field throws.
 */
export function referenceOnUse(dir: string, read: () => ReferenceData): ReferenceData {
  const reference = { dir } as ReferenceData
  const load = (): void => {
    const data = read()
    for (const field of Object.keys(FIELDS) as (keyof ReferenceData)[]) {
      if (field !== 'dir') Object.defineProperty(reference, field, { value: data[field], enumerable: true, writable: false, configurable: false })
    }
    unread.delete(reference)
  }
  for (const field of Object.keys(FIELDS) as (keyof ReferenceData)[]) {
    if (field === 'dir') continue
    Object.defineProperty(reference, field, {
      enumerable: true,
      configurable: true,
      get: () => {
        load()
        return reference[field]
      },
    })
  }
  unread.add(reference)
  return reference
}

/** False for reference data from referenceOnUse whose fields have not been read yet; true for any other. */
export function isReferenceRead(reference: ReferenceData): boolean {
  return !unread.has(reference)
}
