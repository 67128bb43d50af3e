// canon build as a library: runBuild with injected stages.
export { runBuild, type BuildOptions, type BuildDeps, type BuildResult } from './run-build.js'
export type { BuildStages, AliasStageResult } from './stages.js'
