/**
 * jest's own Node environment. jest.config.js names testEnvironment 'node', which resolves from
 * the repo root to the hoisted jest-environment-node 25 (a dependency of the SPFx toolchain): its
 * sandbox lacks Node 22 globals (performance, btoa, fetch) that playwright-core needs. This takes
 * the one jest 29 itself depends on. Used with a `@jest-environment` docblock.
 */
const path = require('node:path');

const jestDir = path.dirname(require.resolve('jest/package.json'));
module.exports = require(require.resolve('jest-environment-node', { paths: [jestDir] }));
