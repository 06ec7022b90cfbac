/**
 * The workbench handler on a bare node:http server: the page, its script (built by esbuild from
 * the real App), its stylesheet and icon fonts, and the paths it leaves to the sandbox.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { buildWorkbenchBundle, REPO_ROOT, sourcesChangedSince, WorkbenchBundle } from '../../../src/sandbox/workbench/bundle';
import { createWorkbenchHandler, workbenchHtml } from '../../../src/sandbox/workbench';
import { request } from './httpRequest';

jest.setTimeout(60000);

let server: http.Server;
let base: string;
const leftToSandbox: string[] = [];

beforeAll(async () => {
  const handler = createWorkbenchHandler({ siteUrl: 'http://localhost:4321/sites/frontline-visits' });
  server = http.createServer((req, res) => {
    handler(req, res).then((handled) => {
      if (!handled) {
        leftToSandbox.push(`${req.method} ${req.url}`);
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        res.end('not the workbench');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('the esbuild bundle', () => {
  let bundle: WorkbenchBundle;
  beforeAll(async () => {
    bundle = await buildWorkbenchBundle();
    // eslint-disable-next-line no-console
    console.log(
      `workbench bundle: built in ${bundle.buildMs} ms, ${(bundle.js.length / 1024).toFixed(0)} KB minified, ${Object.keys(bundle.metafile.inputs).length} modules`,
    );
  });

  it('builds without warnings and contains the real App root and its data service', () => {
    expect(bundle.warnings).toEqual([]);
    const inputs = Object.keys(bundle.metafile.inputs);
    expect(inputs).toContain('src/app/App.tsx');
    expect(inputs).toContain('src/data/FrontlineDataService.ts');
    expect(inputs).toContain('src/sandbox/workbench/entry.tsx');
    expect(inputs.some((i) => i.startsWith('node_modules/@pnp/sp/'))).toBe(true);
  });

  it('takes nothing from the Node-only sandbox, and nothing of the SPFx runtime, which only SharePoint can load', () => {
    const inputs = Object.keys(bundle.metafile.inputs);
    expect(inputs.filter((i) => i.startsWith('src/sandbox/') && !i.startsWith('src/sandbox/workbench/'))).toEqual([]);
    expect(inputs.filter((i) => /node_modules\/@microsoft\/sp-/.test(i))).toEqual([]);
    expect(inputs.filter((i) => i.startsWith('src/bot/') || i.startsWith('src/cli/'))).toEqual([]);
  });

  it('defines process.env.NODE_ENV, so React runs its production build', () => {
    expect(bundle.js.includes('process.env.NODE_ENV')).toBe(false);
    expect(Object.keys(bundle.metafile.inputs)).toContain('node_modules/react-dom/cjs/react-dom.production.min.js');
  });
});

describe('rebuilding after an edit', () => {
  const ours = 'src/sandbox/workbench/personas.ts';
  const savedAt = statSync(path.join(REPO_ROOT, ours)).mtimeMs;
  const bundleOf = (inputs: string[], startedAt: number): WorkbenchBundle =>
    ({ startedAt, metafile: { inputs: Object.fromEntries(inputs.map((i) => [i, { bytes: 1, imports: [] }])), outputs: {} } }) as unknown as WorkbenchBundle;

  it('happens when one of our sources was saved at or after the build began', () => {
    expect(sourcesChangedSince(bundleOf([ours], savedAt + 1))).toBe(false);
    expect(sourcesChangedSince(bundleOf([ours], savedAt))).toBe(true);
  });

  it('happens when a source has gone, and never for node_modules', () => {
    expect(sourcesChangedSince(bundleOf(['src/sandbox/workbench/no-such-file.ts'], savedAt + 1))).toBe(true);
    expect(sourcesChangedSince(bundleOf(['node_modules/no-such-package/index.js'], savedAt + 1))).toBe(false);
  });
});

describe('the handler', () => {
  it('serves the page with its config, script and stylesheet', async () => {
    const response = await request(`${base}/?host=teams&as=cllr.hale@northshire.example`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = response.text();
    expect(html).toMatch(/^<!doctype html>\n<html lang="en-GB">/);
    expect(html).toContain('<title>Frontline Visits — local workbench</title>');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    const config = JSON.parse(/<script type="application\/json" id="workbench-config">(.*?)<\/script>/.exec(html)![1]);
    expect(config).toEqual({
      sitePath: '/sites/frontline-visits',
      teamSitePath: '/sites/improvement-team',
      fontBaseUrl: '/_workbench/fonts/',
    });
    expect(html).toContain('<script src="/_workbench/app.js" defer></script>');
    expect(html).toContain('<link rel="stylesheet" href="/_workbench/workbench.css">');
  });

  it('serves the script with a validator, and answers 304 when the browser has it', async () => {
    const first = await request(`${base}/_workbench/app.js`);
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const body = first.text();
    expect(body.length).toBeGreaterThan(100000);
    expect(body.trimEnd().endsWith('//# sourceMappingURL=app.js.map')).toBe(true);
    const etag = String(first.headers['etag']);
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await request(`${base}/_workbench/app.js`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    const map = await request(`${base}/_workbench/app.js.map`);
    expect(map.status).toBe(200);
    expect(JSON.parse(map.text()).sources.some((s: string) => s.endsWith('src/app/App.tsx'))).toBe(true);
  });

  it('serves the stylesheet, the icon and the Fluent UI icon fonts from this machine', async () => {
    const css = await request(`${base}/_workbench/workbench.css`);
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.text()).toContain('.wb-bar');
    const icon = await request(`${base}/favicon.ico`);
    expect(icon.headers['content-type']).toBe('image/svg+xml');
    const font = await request(`${base}/_workbench/fonts/fabric-icons-a13498cf.woff`);
    expect(font.status).toBe(200);
    expect(font.headers['content-type']).toBe('font/woff');
    expect(font.body.subarray(0, 4).toString('latin1')).toBe('wOFF');
    const missing = await request(`${base}/_workbench/fonts/no-such-font.woff`);
    expect(missing.status).toBe(404);
  });

  it('leaves the site, Graph, the sandbox controls and unknown paths to the sandbox', async () => {
    leftToSandbox.length = 0;
    for (const p of [
      '/sites/frontline-visits/_api/web',
      '/v1.0/sites/root',
      '/_sandbox/personas',
      '/_workbench/../package.json',
      '/_workbench/fonts/..%2F..%2Fpackage.json',
      '/_workbench/nothing.js',
      '/nothing-here',
    ]) {
      const response = await request(`${base}${p}`);
      expect(response.text()).toBe('not the workbench');
    }
    expect(leftToSandbox).toEqual([
      'GET /sites/frontline-visits/_api/web',
      'GET /v1.0/sites/root',
      'GET /_sandbox/personas',
      'GET /_workbench/../package.json',
      'GET /_workbench/fonts/..%2F..%2Fpackage.json',
      'GET /_workbench/nothing.js',
      'GET /nothing-here',
    ]);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await request(`${base}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0);
    expect(head.text()).toBe('');
    const post = await request(`${base}/`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers['allow']).toBe('GET, HEAD');
  });

  it('shows a build failure on the page, escaped', () => {
    const html = workbenchHtml(
      { sitePath: '/sites/x', teamSitePath: '/sites/t', fontBaseUrl: '/f/' },
      'src/app/App.tsx:3:1: ERROR: Expected "<" but found "</script>"',
    );
    expect(html).toContain('<h1>The workbench could not be built</h1>');
    expect(html).toContain('Expected &#34;&#60;&#34; but found &#34;&#60;/script&#62;&#34;');
    expect(html).not.toContain('app.js');
  });
});
