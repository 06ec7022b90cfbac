import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { build, Metafile } from 'esbuild';

export const WORKBENCH_DIR = __dirname;
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const WORKBENCH_ENTRY = path.join(WORKBENCH_DIR, 'entry.tsx');

export interface WorkbenchBundle {
  js: string;
  map: string;
  /** Strong validator for the script, so a reload costs a 304. */
  etag: string;
  buildMs: number;
  /** When the build began (ms since epoch): a source saved after this is newer than the bundle. */
  startedAt: number;
  metafile: Metafile;
  warnings: string[];
}

/**
 * Bundles the workbench page script: the real App and everything it imports, resolved exactly
 * as the web part resolves them (no aliases, the repo's tsconfig.json), plus the page chrome.
 * React's production build keeps the page fast; set WORKBENCH_NODE_ENV=development for React's
 * warnings while developing.
 */
export async function buildWorkbenchBundle(): Promise<WorkbenchBundle> {
  const started = Date.now();
  const nodeEnv = process.env.WORKBENCH_NODE_ENV === 'development' ? 'development' : 'production';
  const result = await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: [WORKBENCH_ENTRY],
    bundle: true,
    write: false,
    outfile: path.join(REPO_ROOT, 'workbench-dist', 'app.js'),
    format: 'iife',
    platform: 'browser',
    target: ['es2019'],
    jsx: 'transform',
    minify: nodeEnv === 'production',
    sourcemap: 'linked',
    legalComments: 'none',
    metafile: true,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': JSON.stringify(nodeEnv) },
  });
  const js = result.outputFiles.find((file) => file.path.endsWith('.js'));
  const map = result.outputFiles.find((file) => file.path.endsWith('.js.map'));
  if (!js || !map) {
    throw new Error('esbuild produced no workbench script');
  }
  return {
    js: js.text,
    map: map.text,
    etag: `"${createHash('sha256').update(js.contents).digest('base64url').slice(0, 27)}"`,
    buildMs: Date.now() - started,
    startedAt: started,
    metafile: result.metafile,
    warnings: result.warnings.map((w) => `${w.location?.file ?? ''}:${w.location?.line ?? ''} ${w.text}`),
  };
}

let cached: Promise<WorkbenchBundle> | undefined;

/**
 * The bundle, built once per process on first use and shared by every handler (tests start
 * many sandboxes). With `checkSources` (the page route), a bundle whose own source files have
 * been saved since it was built is rebuilt, so a developer's edit shows on reload without
 * restarting the sandbox; the check is a stat of each source file, not a build. A failed build
 * is not kept, so fixing the code and reloading retries it.
 */
export function getWorkbenchBundle(checkSources: boolean = false): Promise<WorkbenchBundle> {
  const previous = cached;
  if (!previous) {
    cached = keep(buildWorkbenchBundle());
  } else if (checkSources) {
    cached = keep(previous.then((bundle) => (sourcesChangedSince(bundle) ? buildWorkbenchBundle() : bundle)));
  }
  return cached!;
}

function keep(bundle: Promise<WorkbenchBundle>): Promise<WorkbenchBundle> {
  const kept: Promise<WorkbenchBundle> = bundle.catch((error: unknown) => {
    if (cached === kept) {
      cached = undefined;
    }
    throw error;
  });
  return kept;
}

/** True when a file of ours (not node_modules) that went into the bundle is newer or gone. */
export function sourcesChangedSince(bundle: WorkbenchBundle): boolean {
  return Object.keys(bundle.metafile.inputs)
    .filter((input) => !input.includes('node_modules/'))
    .some((input) => {
      try {
        return statSync(path.join(REPO_ROOT, input)).mtimeMs >= bundle.startedAt;
      } catch {
        return true;
      }
    });
}
