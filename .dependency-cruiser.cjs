// Kept's import rules, checked in `npm test` (npm run lint:deps). See docs/architecture.md.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'repo-only-in-its-feature',
      comment: "A feature's *.repo.ts (its SQL) is imported only from its own folder; others call its service.",
      severity: 'error',
      from: { path: '^(src/(?:features|channels)/[^/]+)/' },
      to: { path: '\\.repo\\.ts$', pathNot: '^$1/' },
    },
    {
      name: 'repo-only-in-features',
      comment: 'Code outside the features (app, http, db, shared, cli) never reaches into a repo.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(?:features|channels)/' },
      to: { path: '^src/.+\\.repo\\.ts$' },
    },
    {
      name: 'no-cycles-between-features',
      comment: 'Two features never import each other, directly or around a loop.',
      severity: 'error',
      from: { path: '^src/(?:features|channels)/([^/]+)/' },
      to: { circular: true, pathNot: '^src/(?:features|channels)/$1/' },
    },
    {
      name: 'shared-imports-no-feature',
      comment: 'src/shared/ is below every feature: errors, ids, the clock, value types, the bus.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/(?:features|channels|http|cli|app\\.ts|main\\.ts)' },
    },
    {
      name: 'migrations-import-no-app-code',
      comment: 'Migrations are frozen history written against Kysely<any>: nothing of today\'s app may change them.',
      severity: 'error',
      from: { path: '^src/db/migrations/' },
      to: { path: '^src/', pathNot: '^src/db/migrations/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    exclude: { path: '\\.test\\.ts$|/fixtures/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    parser: 'swc',
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] },
  },
};
