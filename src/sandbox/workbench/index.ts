import { promises as fs } from 'node:fs';
import type * as http from 'node:http';
import * as path from 'node:path';
import { getWorkbenchBundle, REPO_ROOT, WORKBENCH_DIR } from './bundle';

export interface WorkbenchHandlerOptions {
  /** The sandbox's data site, e.g. http://localhost:4321/sites/frontline-visits. */
  siteUrl: string;
  /** The improvement team's own site, where a channel tab's page is (default /sites/improvement-team). */
  teamSiteUrl?: string;
}

/** What the page script reads from the page (see entry.tsx). */
export interface WorkbenchPageConfig {
  /** The data site's server-relative path; the script adds the page's own origin, so the cookie goes along. */
  sitePath: string;
  /** The team site's server-relative path (a channel tab's page web). */
  teamSitePath: string;
  fontBaseUrl: string;
}

export type WorkbenchHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<boolean>;

const ASSET_PREFIX = '/_workbench/';
const FONT_DIR = path.join(REPO_ROOT, 'node_modules', '@fluentui', 'font-icons-mdl2', 'fonts');
const FONT_FILE = /^[a-z0-9-]+\.woff2?$/;

/**
 * The local workbench page at `/`: HTML, its script (esbuild, built once), its stylesheet and
 * the Fluent UI icon fonts. Resolves true when it answered, false for a path that is not its
 * own, so the sandbox can answer 404.
 */
export function createWorkbenchHandler(options: WorkbenchHandlerOptions): WorkbenchHandler {
  const config: WorkbenchPageConfig = {
    sitePath: new URL(options.siteUrl).pathname.replace(/\/$/, ''),
    teamSitePath: options.teamSiteUrl ? new URL(options.teamSiteUrl).pathname.replace(/\/$/, '') : '/sites/improvement-team',
    fontBaseUrl: `${ASSET_PREFIX}fonts/`,
  };

  return async (req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://workbench.invalid').pathname;
    const route = routeFor(pathname);
    if (!route) {
      return false;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(req, res, 405, { 'Content-Type': 'text/plain; charset=utf-8', Allow: 'GET, HEAD' }, 'The workbench only serves pages: use GET.');
      return true;
    }
    try {
      switch (route.kind) {
        case 'page':
          await sendPage(req, res, config);
          break;
        case 'script': {
          const bundle = await getWorkbenchBundle();
          if (req.headers['if-none-match'] === bundle.etag) {
            send(req, res, 304, { ETag: bundle.etag, 'Cache-Control': 'no-cache' }, '');
          } else {
            send(req, res, 200, { 'Content-Type': 'text/javascript; charset=utf-8', ETag: bundle.etag, 'Cache-Control': 'no-cache' }, bundle.js);
          }
          break;
        }
        case 'sourcemap':
          send(req, res, 200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache' }, (await getWorkbenchBundle()).map);
          break;
        case 'style':
          // Read each time (it is small), so an edit shows on reload.
          send(
            req,
            res,
            200,
            { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-cache' },
            await fs.readFile(path.join(WORKBENCH_DIR, 'workbench.css'), 'utf8'),
          );
          break;
        case 'icon':
          send(req, res, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'max-age=86400' }, ICON_SVG);
          break;
        case 'font':
          await sendFont(req, res, route.file);
          break;
      }
    } catch (error) {
      // eslint-disable-next-line no-console
      console.error(`Workbench: ${req.method} ${pathname} failed`, error);
      if (!res.headersSent) {
        send(req, res, 500, { 'Content-Type': 'text/plain; charset=utf-8' }, 'The workbench failed; the sandbox log says why.');
      } else {
        res.end();
      }
    }
    return true;
  };
}

type Route = { kind: 'page' } | { kind: 'script' } | { kind: 'sourcemap' } | { kind: 'style' } | { kind: 'icon' } | { kind: 'font'; file: string };

function routeFor(pathname: string): Route | undefined {
  if (pathname === '/' || pathname === '/index.html') {
    return { kind: 'page' };
  }
  if (pathname === '/favicon.ico' || pathname === `${ASSET_PREFIX}icon.svg`) {
    return { kind: 'icon' };
  }
  if (!pathname.startsWith(ASSET_PREFIX)) {
    return undefined;
  }
  const rest = pathname.slice(ASSET_PREFIX.length);
  switch (rest) {
    case 'app.js':
      return { kind: 'script' };
    case 'app.js.map':
      return { kind: 'sourcemap' };
    case 'workbench.css':
      return { kind: 'style' };
  }
  const font = /^fonts\/([^/]+)$/.exec(rest);
  return font && FONT_FILE.test(font[1]) ? { kind: 'font', file: font[1] } : undefined;
}

async function sendPage(req: http.IncomingMessage, res: http.ServerResponse, config: WorkbenchPageConfig): Promise<void> {
  let buildError: string | undefined;
  try {
    // Waiting here means the script is ready (and rebuilt if its sources were saved since)
    // when the browser asks, and a broken build is shown on the page, not as a blank screen.
    await getWorkbenchBundle(true);
  } catch (error) {
    buildError = error instanceof Error ? error.message : String(error);
    // eslint-disable-next-line no-console
    console.error('Workbench: the page script did not build', error);
  }
  send(req, res, buildError ? 500 : 200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }, workbenchHtml(config, buildError));
}

async function sendFont(req: http.IncomingMessage, res: http.ServerResponse, file: string): Promise<void> {
  let body: Buffer;
  try {
    body = await fs.readFile(path.join(FONT_DIR, file));
  } catch {
    send(req, res, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, 'No such icon font.');
    return;
  }
  // The font files carry a content hash in their names.
  send(req, res, 200, { 'Content-Type': file.endsWith('2') ? 'font/woff2' : 'font/woff', 'Cache-Control': 'public, max-age=31536000, immutable' }, body);
}

function send(req: http.IncomingMessage, res: http.ServerResponse, status: number, headers: http.OutgoingHttpHeaders, body: string | Buffer): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { ...headers, ...(status === 304 ? {} : { 'Content-Length': bytes.length }), 'X-Content-Type-Options': 'nosniff' });
  res.end(req.method === 'HEAD' || status === 304 ? undefined : bytes);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON inside a script element: `<` escaped so no value can close the element. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function workbenchHtml(config: WorkbenchPageConfig, buildError?: string): string {
  const body = buildError
    ? `<main class="wb-failed"><h1>The workbench could not be built</h1><p>Fix the error below and reload the page.</p><pre>${escapeHtml(buildError)}</pre></main>`
    : `<div id="workbench"><p class="wb-loading" role="status">Loading the Frontline Visits workbench…</p></div>
<noscript><p>The workbench needs JavaScript, as SharePoint and Teams do.</p></noscript>
<script type="application/json" id="workbench-config">${jsonForScript(config)}</script>
<script src="${ASSET_PREFIX}app.js" defer></script>`;
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Frontline Visits — local workbench</title>
<link rel="icon" href="${ASSET_PREFIX}icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="${ASSET_PREFIX}workbench.css">
</head>
<body>
${body}
</body>
</html>
`;
}

const ICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0f6cbd"/>' +
  '<text x="16" y="21" font-family="Segoe UI,Arial,sans-serif" font-size="14" font-weight="700" fill="#fff" text-anchor="middle">FV</text></svg>';
