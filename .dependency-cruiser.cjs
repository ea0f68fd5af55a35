/**
 * The layer rules of docs/architecture.md, checked in CI (`npm run check:layers`).
 * shared ← platform ← features ← web / cli / jobs ← runtime (composition root) ← main;
 * demo/ (the generated demo newsroom: content, not a feature) sits beside the front doors.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Dependencies run one way; a cycle means a layer or feature boundary is wrong.',
      from: {},
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'shared-is-self-contained',
      severity: 'error',
      comment:
        'src/shared is pure code also bundled into the admin app: it imports nothing of ours.',
      from: { path: '^src/shared/' },
      to: { path: '^(src/(?!shared/)|migrations/|test/)' },
    },
    {
      name: 'platform-knows-no-newsroom',
      severity: 'error',
      comment:
        'platform/ holds ports and adapters with no newsroom knowledge: it may use only shared/.',
      from: { path: '^src/platform/' },
      to: { path: '^(src/(features|demo|web|cli|runtime|config)/|migrations/)' },
    },
    {
      name: 'features-use-each-other-through-index',
      severity: 'error',
      comment: "A feature may use another feature only through that feature's index.ts.",
      from: { path: '^src/features/([^/]+)/' },
      to: {
        path: '^src/features/([^/]+)/',
        pathNot: ['^src/features/$1/', '^src/features/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'feature-tables-stay-home',
      severity: 'error',
      comment:
        "A feature's index.ts never hands out its tables or repositories, so no other feature can query them (docs/decisions/0009). " +
        'Exceptions by design: the outbox and audit log (every feature records to them in its own transactions) and the tables ' +
        "another feature's read model joins (authors and tags for the post loader, staff for the token list). " +
        'The composition root imports *.table.ts files directly.',
      from: {
        path: '^src/features/([^/]+)/index\\.ts$',
        pathNot: '^src/features/(events|audit|authors|tags|staff)/index\\.ts$',
      },
      to: { path: '^src/features/[^/]+/[^/]+\\.(table|repository)\\.ts$' },
    },
    {
      name: 'features-never-reach-other-tables',
      severity: 'error',
      comment:
        "A feature file never imports another feature's table or repository file, even around its index.ts.",
      from: { path: '^src/features/([^/]+)/' },
      to: {
        path: '^src/features/[^/]+/[^/]+\\.(table|repository)\\.ts$',
        pathNot: '^src/features/$1/',
      },
    },
    {
      name: 'features-are-not-front-doors',
      severity: 'error',
      comment: 'Features are used by web, cli and jobs, never the other way round.',
      from: { path: '^src/features/', pathNot: '\\.test\\.tsx?$' },
      to: { path: '^src/(demo|web|cli|runtime|config)/' },
    },
    {
      name: 'demo-writes-through-services',
      severity: 'error',
      comment:
        "The demo newsroom is written like a newsroom writes: through features' index.ts, no SQL.",
      from: { path: '^src/demo/', pathNot: '\\.test\\.tsx?$' },
      to: {
        path: [
          '^src/features/[^/]+/(?!index\\.ts$)',
          '^src/(web|cli|runtime|config)/',
          '^node_modules/(kysely|pg|better-sqlite3)/',
        ],
      },
    },
    {
      name: 'pages-never-load-the-demo',
      severity: 'error',
      comment: 'Only the composition root and the demo command load or remove the demo.',
      from: { path: '^src/web/', pathNot: '\\.test\\.tsx?$' },
      to: { path: '^src/demo/' },
    },
    {
      name: 'front-doors-never-touch-sql',
      severity: 'error',
      comment: 'Routes and commands call feature services; SQL lives in repositories.',
      from: { path: '^src/(web|cli)/', pathNot: '\\.test\\.tsx?$' },
      to: {
        path: [
          '^node_modules/(kysely|pg|better-sqlite3)/',
          '\\.repository\\.ts$',
          '\\.table\\.ts$',
        ],
      },
    },
    {
      name: 'web-uses-runtime-types-only',
      severity: 'error',
      comment: 'The composition root builds the app; the app only names its types.',
      from: { path: '^src/web/', pathNot: '\\.test\\.tsx?$' },
      to: { path: '^src/runtime/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'migrations-never-import-features',
      severity: 'error',
      comment: 'Migrations must keep working when feature code changes: they use only platform.',
      from: { path: '^migrations/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/(?!platform/)' },
    },
    {
      name: 'only-config-reads-the-environment-module',
      severity: 'error',
      comment:
        'Nothing but src/config parses process.env (checked by lint for process.env; here for dotenv-like modules).',
      from: { path: '^src/(?!config/)' },
      to: { path: '^node_modules/dotenv/' },
    },
    {
      name: 'admin-imports-only-shared',
      severity: 'error',
      comment:
        'The admin app talks to the server only over the Admin API; it may share src/shared.',
      from: { path: '^admin/' },
      to: { path: '^(src/(?!shared/)|migrations/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|data|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // The admin's `@shared/*` alias (admin/tsconfig.json and admin/vite.config.ts say the same).
    webpackConfig: { fileName: 'admin/alias.cjs' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
