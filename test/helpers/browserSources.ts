/**
 * Reads the browser code's import statements, for tests that keep heavy libraries out of the
 * councillor's first load.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const SRC = join(__dirname, '..', '..', 'src');
// Node-only code (excluded from the SPFx build) may load anything directly.
const NODE_ONLY = ['cli', 'sandbox', 'bot'];

/** Every .ts and .tsx file the web part may bundle. */
export function browserSources(dir: string = SRC): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      return dir === SRC && NODE_ONLY.indexOf(name) !== -1 ? [] : browserSources(path);
    }
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const STATIC_IMPORT = /^\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/gm;

/** The modules a file imports or re-exports by value (type-only imports are erased from the bundle). */
export function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return Array.from(text.matchAll(STATIC_IMPORT))
    .filter((m) => !/^\s*(import|export)\s+type\s/.test(m[0]))
    .map((m) => m[1]);
}
