/**
 * The Word code must never weigh on the councillor's first load (DESIGN.md §6): only the pack's
 * Word module imports `docx`, browser code reaches that module only through a dynamic import
 * (webpack chunk 'committee-pack'), and the clerk's screen itself loads on demand.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(__dirname, '..', '..', '..', 'src');
// Node-only code (excluded from the SPFx build) may load the Word module directly.
const NODE_ONLY = ['cli', 'sandbox', 'bot'];

function browserSources(dir: string = SRC): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      return dir === SRC && NODE_ONLY.indexOf(name) !== -1 ? [] : browserSources(path);
    }
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const STATIC_IMPORT = /^\s*import\s[^;]*?from\s+['"]([^'"]+)['"]/gm;

function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return Array.from(text.matchAll(STATIC_IMPORT)).filter((m) => !/^\s*import\s+type\s/.test(m[0])).map((m) => m[1]);
}

describe('the committee pack loads only when asked for', () => {
  const files = browserSources();

  it('imports docx only from the Word module', () => {
    const importers = files.filter((f) => staticImports(f).some((m) => m === 'docx' || m.startsWith('docx/'))).map((f) => relative(SRC, f));
    expect(importers).toEqual(['report/packDocx.ts']);
  });

  it('reaches the Word module only through the committee-pack chunk', () => {
    const staticUsers = files.filter((f) => staticImports(f).some((m) => /packDocx$/.test(m))).map((f) => relative(SRC, f));
    expect(staticUsers).toEqual([]);
    // The clerk screen's pack hook makes the files.
    const clerk = readFileSync(join(SRC, 'features', 'clerk', 'usePack.ts'), 'utf8');
    expect(clerk).toMatch(/import\(\/\* webpackChunkName: 'committee-pack' \*\/ '\.\.\/\.\.\/report\/packDocx'\)/);
  });

  it('loads the clerk screen on demand from the start pages', () => {
    const startPages = staticImports(join(SRC, 'app', 'startPages.tsx'));
    expect(startPages.some((m) => /clerk\/ClerkScreen$/.test(m))).toBe(false);
    const clerkStart = readFileSync(join(SRC, 'features', 'clerk', 'ClerkStartPage.tsx'), 'utf8');
    expect(clerkStart).toMatch(/React\.lazy\(\(\) => import\(\/\* webpackChunkName: 'clerk' \*\/ '\.\/ClerkScreen'\)\)/);
    const staticClerkUsers = files.filter((f) => staticImports(f).some((m) => /ClerkScreen$/.test(m))).map((f) => relative(SRC, f));
    expect(staticClerkUsers).toEqual([]);
  });
});
