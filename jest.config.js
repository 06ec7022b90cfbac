/**
 * One jest run for every suite: unit (domain, contract, manifest), integration (sandbox, bot,
 * report) and end-to-end (Chromium against the local workbench).
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.(t|j)sx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }]
  },
  // PnPjs (and strip-bom, used by @microsoft/app-manifest; uuid, which jest resolves to its ESM build under
  // adaptive-expressions, used by adaptivecards-templating) ship ES modules only; let ts-jest turn them into CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!(@pnp|strip-bom|uuid)/)(?!.*/node_modules/uuid/)'],
  // adaptivecards' `main` is ES modules; its UMD bundle is the same library as CommonJS.
  moduleNameMapper: { '^adaptivecards$': '<rootDir>/node_modules/adaptivecards/dist/adaptivecards.js' },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  testTimeout: 30000
};
