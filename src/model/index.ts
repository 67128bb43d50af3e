// Every contract between stages, types only. Import from here: `import type { RoleProfile } from './model/index.js'`.
export type * from './role.js'
export type * from './stage.js'
export type * from './log.js'
export type * from './reference.js'
export type * from './export.js'
export type * from './run.js'
export type * from './aliases.js'
export type * from './draft.js'
