// Every contract between stages, types only. Import from here: `import type { RoleProfile } from './model/index.js'`.
export type * from './role.js'
export type * from './stage.js'
export type * from './log.js'
export type * from './reference.js'
export type * from './export.js'
export type * from './run.js'
export type * from './aliases.js'
export type * from './draft.js'
export type * from './decision.js'
export type * from './load-plan.js'
export type * from './release.js'
export type * from './aliases.js'
export type * from './draft.js'
// Two contracts are named AliasDecision: the aliases stage's (aliases.ts, action approve/reject/add) and the
// decision table's (decision.ts, kind approve_alias/...). This explicit export wins over both `export *` lines
// so each module keeps compiling; reconcile the two shapes (one type, or distinct names) — see the ingest report.
export type { AliasDecision } from './aliases.js'
export type * from './classify.js'
