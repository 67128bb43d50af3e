// Every contract between stages, types only. Import from here: `import type { RoleProfile } from './model/index.js'`.
export type * from './role.js'
export type * from './stage.js'
export type * from './log.js'
export type * from './reference.js'
export type * from './export.js'
export type * from './run.js'
// aliases.ts holds the aliases stage's AliasDecision (action approve/reject/add); decision.ts holds every kind of
// decision as the decisions table and edits files keep them (AliasDecisionEntry, CodeDecisionEntry, …).
export type * from './aliases.js'
export type * from './draft.js'
export type * from './decision.js'
export type * from './load-plan.js'
export type * from './release.js'
export type * from './classify.js'
export type * from './pipeline.js'
export type * from './review.js'
export type * from './source-profile.js'
export type * from './adjacency.js'
