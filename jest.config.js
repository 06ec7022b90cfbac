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
  // PnPjs (and strip-bom, used by @microsoft/app-manifest) ship ES modules only; let ts-jest turn them into CommonJS for jest.
  transformIgnorePatterns: ['/node_modules/(?!(@pnp|strip-bom)/)'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  testTimeout: 30000
};
