/**
 * Node's built-in SQLite, loaded without its start-up notice. Node 22 prints "ExperimentalWarning:
 * SQLite is an experimental feature" the first time `node:sqlite` loads, which is on every
 * `npm start` and in every test process: a warning nobody starting the local sandbox can act on,
 * about the small part of the module the sandbox uses (`DatabaseSync` and prepared statements).
 * Only that one notice is held back, only while the module loads; every other warning is printed.
 * Jest gives each test file its own copy of `process`, so the test environment
 * (`test/helpers/nodeEnvironment.ts`) loads this module once in the jest process itself.
 */
import type * as NodeSqlite from 'node:sqlite';

const SQLITE_NOTICE = /SQLite is an experimental feature/;

function loadWithoutNotice(): typeof NodeSqlite {
  const emitWarning = process.emitWarning;
  process.emitWarning = function (this: NodeJS.Process, warning: string | Error, ...rest: unknown[]): void {
    const text = typeof warning === 'string' ? warning : warning.message;
    if (!SQLITE_NOTICE.test(text)) {
      (emitWarning as (warning: string | Error, ...rest: unknown[]) => void).call(process, warning, ...rest);
    }
  } as typeof process.emitWarning;
  try {
    // A require, not an import: it must run after the notice is held back, and imports are hoisted.
    // eslint-disable-next-line @typescript-eslint/no-require-imports, @typescript-eslint/no-var-requires
    return require('node:sqlite') as typeof NodeSqlite;
  } finally {
    process.emitWarning = emitWarning;
  }
}

export const { DatabaseSync } = loadWithoutNotice();
export type DatabaseSync = NodeSqlite.DatabaseSync;
export type StatementSync = NodeSqlite.StatementSync;
