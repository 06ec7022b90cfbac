/**
 * The layers of the code, kept by dependency-cruiser (`npm run lint:layers`, part of `npm test`).
 * See docs/architecture.md, "Layers".
 */
/** Browser code: what the web part bundles. */
const BROWSER = '^src/(webparts|app|features|cards|domain|data|report|common)/';

/** Where the product starts: the web part, the bot, the command line, the scripts (sandbox, provisioning, packaging) and the bench. */
const ENTRY_POINTS = ['^src/webparts/[^/]+/[^/]+WebPart\\.ts$', '^src/bot/main\\.ts$', '^src/cli/report\\.ts$', '^scripts/[^/]+\\.ts$', '^bench/[^/]+\\.ts$', '^src/sandbox/workbench/entry\\.tsx$'];

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A cycle makes two modules one: neither can be read, tested or moved alone. Type-only imports count too.',
      from: {},
      to: { circular: true }
    },
    {
      name: 'domain-imports-nothing-of-ours',
      severity: 'error',
      comment: 'Domain rules are plain functions over plain data: no SharePoint, no React, no other layer.',
      from: { path: '^src/domain/' },
      to: { path: '^src/', pathNot: '^src/domain/' }
    },
    {
      name: 'domain-imports-no-framework',
      severity: 'error',
      comment: 'Domain rules run unchanged in the browser, the bot, the CLI and the tests: no SharePoint, Graph, Teams, card or UI framework (plain libraries such as a holiday calendar are fine).',
      from: { path: '^src/domain/' },
      to: { path: '(^|/)node_modules/(react|react-dom|@fluentui|@pnp|@microsoft|adaptivecards|adaptivecards-templating|docx)/' }
    },
    {
      name: 'domain-imports-no-node-built-ins',
      severity: 'error',
      comment: 'Domain rules also run in the browser.',
      from: { path: '^src/domain/' },
      to: { dependencyTypes: ['core'] }
    },
    {
      name: 'data-imports-domain-only',
      severity: 'error',
      comment: 'Data access (the list contract, mappers, the PnPjs service and its hooks) knows the domain and nothing above it.',
      from: { path: '^src/data/' },
      to: { path: '^src/', pathNot: '^src/(data|domain)/' }
    },
    {
      name: 'browser-code-never-imports-node-only-code',
      severity: 'error',
      comment: 'The web part bundle never contains the bot, the command line or the sandbox.',
      from: { path: BROWSER },
      to: { path: '^src/(bot|cli|sandbox|node)/' }
    },
    {
      name: 'node-services-never-import-the-ui',
      severity: 'error',
      comment: 'The bot and the command line never load React, Fluent UI or the screens.',
      from: { path: '^src/(bot|cli)/' },
      to: { path: ['^src/(app|features|webparts)/', '(^|/)node_modules/(react|react-dom|@fluentui)/'] }
    },
    {
      name: 'no-orphans',
      severity: 'error',
      comment: 'A module nothing imports and that imports nothing is dead code (entry points import something).',
      from: { orphan: true, path: '^src/', pathNot: ['\\.d\\.ts$', '\\.(css|md|json)$', '^src/webparts/[^/]+/loc/'] },
      to: {}
    },
    {
      name: 'no-unused-modules',
      // A warning: a module may land a little before the screen that uses it.
      severity: 'warn',
      comment: 'Every module in src is used by the product (the web part, the bot, the command line, the sandbox and its scripts), not only by tests.',
      from: { path: ENTRY_POINTS },
      to: { path: '^src/', pathNot: ['\\.d\\.ts$', '^src/webparts/[^/]+/loc/', ...ENTRY_POINTS], reachable: false }
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing is a typo or a missing package.',
      from: {},
      to: { couldNotResolve: true }
    }
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/sandbox/workbench/.*\\.css$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.json'] },
    reporterOptions: { text: { highlightFocused: true } }
  }
};
