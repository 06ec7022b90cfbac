/**
 * One jest run for every suite: unit (domain, contract, manifest), integration (sandbox, bot,
 * report) and end-to-end (Chromium against the local workbench) under the sandbox's list rules;
 * then the suites that prove who may write what once more under production's list settings only
 * (`SANDBOX_LIST_RULES=production`), as the sandbox runs with that switch.
 */
const base = {
  // jest 29's own node environment, with Node's SQLite loaded without its start-up notice (see the file).
  testEnvironment: '<rootDir>/test/helpers/nodeEnvironment.ts',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.(t|j)sx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }],
  },
  // PnPjs (and strip-bom, used by @microsoft/app-manifest; uuid, which jest resolves to its ESM build under
  // adaptive-expressions, used by adaptivecards-templating; jose, used by the Teams SDK's token check; the theme
  // stemmer) ship ES modules only; let ts-jest turn them into CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!(@pnp|strip-bom|uuid|jose|stemmer)/)(?!.*/node_modules/uuid/)'],
  // adaptivecards' `main` is ES modules, and so are the chart's d3 modules (as .mjs); their UMD bundles are the same libraries as CommonJS.
  moduleNameMapper: {
    '^adaptivecards$': '<rootDir>/node_modules/adaptivecards/dist/adaptivecards.js',
    '^(d3-[a-z-]+|internmap)$': '<rootDir>/node_modules/$1/dist/$1.js',
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
};

module.exports = {
  testTimeout: 30000,
  projects: [
    { ...base, displayName: 'sandbox list rules' },
    {
      ...base,
      displayName: 'production list rules',
      // The write-permission suites only: the rest do not depend on the list rules.
      testMatch: [
        '**/integration/sandbox/security.test.ts',
        '**/integration/sandbox/authorizationMatrix.test.ts',
        '**/integration/bot/security.test.ts',
        '**/e2e/sharedVisit.test.ts'
      ],
      setupFiles: ['<rootDir>/test/helpers/productionListRules.ts']
    }
  ]
};
