// The layers of canon, checked in `npm test` (npm run check:layers). From the bottom up:
//   model (types only) ← vocabulary, common (pure shared pieces)
//   ← stages: discover, extract, parse, normalize, aliases, classify, decide, plan, reference, adjacency (no database)
//   ← db (connection, dialect, schema, migrations, bulk helpers) ← store (every query of canon's tables)
//   ← export, review, metrics, batch (the build) ← settings, pipeline, schedule ← cli (imported by nothing but src/cli.ts)
const stages = '^src/(discover|extract|parse|normalize|aliases|classify|decide|plan|reference|adjacency)/'
const io = '^src/(db|store|batch|export|site|review|metrics|settings|pipeline|schedule|cli|log)/'

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'Modules must not depend on each other in a circle (type imports included).', from: {}, to: { circular: true } },
    { name: 'model-imports-nothing', severity: 'error', comment: 'src/model holds the contracts between stages: types only, importing nothing but itself.', from: { path: '^src/model/' }, to: { pathNot: '^src/model/' } },
    {
      name: 'shared-pieces-import-only-model',
      severity: 'error',
      comment: 'vocabulary and common are pure pieces every stage may use; they import only the model.',
      from: { path: '^src/(vocabulary|common)/' },
      to: { path: '^src/', pathNot: '^src/(model|vocabulary|common)/' },
    },
    { name: 'stages-import-no-io-folder', severity: 'error', comment: 'A stage is a pure core: no database, store, build orchestration, CLI or export.', from: { path: stages }, to: { path: io } },
    { name: 'db-is-the-bottom-of-the-io-layers', severity: 'error', comment: 'db/ holds the connection, dialect, schema and bulk helpers only.', from: { path: '^src/db/' }, to: { path: '^src/(store|batch|export|review|metrics|settings|pipeline|schedule|cli)/' } },
    { name: 'store-under-its-callers', severity: 'error', comment: 'store/ is every query of canon\'s tables; it uses db/ and pure stages, never its callers.', from: { path: '^src/store/' }, to: { path: '^src/(batch|export|site|review|metrics|settings|pipeline|schedule|cli)/' } },
    { name: 'batch-under-pipeline', severity: 'error', comment: 'The build does not know about pipelines, settings or the CLI.', from: { path: '^src/(batch|export|site|review|metrics)/' }, to: { path: '^src/(settings|pipeline|schedule|cli)/' } },
    { name: 'cli-imported-by-nothing', severity: 'error', comment: 'The CLI is a thin shell: only src/cli.ts (and the CLI itself) imports it.', from: { pathNot: '^src/cli(\\.ts$|/)' }, to: { path: '^src/cli/' } },
    { name: 'tests-do-not-import-bench', severity: 'error', comment: 'Benchmarks may use test helpers; tests never depend on benchmarks.', from: { path: '^test/' }, to: { path: '^bench/' } },
    { name: 'src-does-not-import-tests-or-bench', severity: 'error', from: { path: '^src/' }, to: { path: '^(test|bench)/' } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    parser: 'swc',
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs'] },
  },
}
