/**
 * The test suites' Node environment: jest 29's own, with Node's SQLite loaded once in the jest
 * process itself. Jest hands each test file a copy of `process`, so the sandbox's loader
 * (`src/sandbox/sqlite.ts`) holds back SQLite's "experimental feature" notice on that copy while
 * Node prints it through the real one. Loading the module here first, outside the test files'
 * context, lets the same loader hold it back where Node emits it; the test files then get the
 * already-loaded module. Every other warning is still printed.
 */
import '../../src/sandbox/sqlite';

// jest 29's own node environment: `'node'` would resolve the SPFx toolchain's jest-environment-node 25,
// which hides Node 22's fetch, Response, AbortSignal and friends from the tests.
// eslint-disable-next-line @typescript-eslint/no-require-imports, @typescript-eslint/no-var-requires
const { TestEnvironment } = require(require.resolve('jest-environment-node', { paths: [require.resolve('jest/package.json')] }));

export default TestEnvironment;
