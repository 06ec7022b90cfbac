/**
 * One jest run for every suite: unit (domain, contract, manifest), integration (sandbox, bot,
 * report) and end-to-end (Chromium against the local workbench).
 */
module.exports = {
  // jest 29's own node environment: `'node'` would resolve the SPFx toolchain's jest-environment-node 25,
  // which hides Node 22's fetch, Response, AbortSignal and friends from the tests.
  testEnvironment: require.resolve('jest-environment-node', { paths: [require.resolve('jest/package.json')] }),
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.(t|j)sx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }]
  },
  // PnPjs (and strip-bom, used by @microsoft/app-manifest; uuid, which jest resolves to its ESM build under
  // adaptive-expressions, used by adaptivecards-templating; jose, used by the Teams SDK's token check) ship ES modules only; let ts-jest turn them into CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!(@pnp|strip-bom|uuid|jose)/)(?!.*/node_modules/uuid/)'],
  // adaptivecards' `main` is ES modules; its UMD bundle is the same library as CommonJS.
  moduleNameMapper: { '^adaptivecards$': '<rootDir>/node_modules/adaptivecards/dist/adaptivecards.js' },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  testTimeout: 30000
};
