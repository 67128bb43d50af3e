// The migrated PGlite template the embedded tests start from (a fresh embedded database costs seconds, loading
// the template about one): canon's own, kept in node_modules/.cache/canon like a user's.
import { ensureTemplate } from '../../src/db/embedded-template.js'

/** The template's path; created (and migrated) when it does not exist yet. */
export function ensurePgliteTemplate(): Promise<string> {
  return ensureTemplate()
}
