// Collects the garbage a finished step of a run left in this thread's heap, before the next step grows it. V8
// collects when its heap reaches a limit it sets from the heap it last saw live: after a step that held much
// (every role's profile, the classifier's index), the next one allocates into that room before anything is
// collected, and the process's peak is the sum of both. canon starts without V8 flags (`node bin/canon.js`), so
// the collector is reached by turning on --expose-gc for a moment and taking `gc` from a new context.

import v8 from 'node:v8'
import vm from 'node:vm'

let collect: (() => void) | null | undefined

/**
 * Pages parsed or roles coded below which a step's garbage is not worth a full collection (a rebuild of a page
 * or two: the collection would cost more than the few MB it frees).
 */
export const WORTH_COLLECTING = 50

/** A full collection of this thread's heap (nothing when the runtime does not allow it). */
export function collectGarbage(): void {
  if (collect === undefined) {
    collect = (globalThis as { gc?: () => void }).gc ?? null
    if (!collect) {
      try {
        v8.setFlagsFromString('--expose-gc')
        collect = vm.runInNewContext('gc') as () => void
      } catch {
        collect = null
      } finally {
        v8.setFlagsFromString('--no-expose-gc')
      }
    }
  }
  collect?.()
}
