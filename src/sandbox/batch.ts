/**
 * SharePoint's `$batch`: a multipart/mixed body of HTTP requests (writes grouped in changesets),
 * answered by one multipart body of HTTP responses in order — the format `@pnp/sp/batching`
 * writes and parses. Each part runs as its own request with the outer request's identity, so
 * item-level security and ETags apply inside a batch exactly as outside it.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { STATUS_CODES } from 'node:http';
import { spErrors } from './errors';
import { InnerResponse } from './restShapes';
import { InnerRequest } from './spRest';

export interface BatchPart {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

function boundaryOf(contentType: string | undefined): string | undefined {
  const match = /boundary="?([^";]+)"?/i.exec(contentType || '');
  return match ? match[1] : undefined;
}

/** Splits a multipart body into its parts' raw text. */
function splitMultipart(body: string, boundary: string): string[] {
  const lines = body.split(/\r?\n/);
  const parts: string[] = [];
  let current: string[] | undefined;
  for (const line of lines) {
    if (line === `--${boundary}` || line === `--${boundary}--`) {
      if (current) {
        parts.push(current.join('\n'));
      }
      current = line.endsWith('--') && line === `--${boundary}--` ? undefined : [];
      if (line === `--${boundary}--`) {
        break;
      }
      continue;
    }
    if (current) {
      current.push(line);
    }
  }
  return parts;
}

function readHeaders(lines: string[], start: number): [IncomingHttpHeaders, number] {
  const headers: IncomingHttpHeaders = {};
  let i = start;
  for (; i < lines.length && lines[i].trim() !== ''; i++) {
    const colon = lines[i].indexOf(':');
    if (colon > 0) {
      headers[lines[i].slice(0, colon).trim().toLowerCase()] = lines[i].slice(colon + 1).trim();
    }
  }
  return [headers, i + 1];
}

/** The requests of a `$batch` body, changesets flattened in order. */
export function parseBatch(body: string, contentType: string | undefined): BatchPart[] {
  const boundary = boundaryOf(contentType);
  if (!boundary) {
    throw spErrors.badRequest('The $batch request needs a multipart/mixed Content-Type with a boundary.');
  }
  const requests: BatchPart[] = [];
  for (const part of splitMultipart(body, boundary)) {
    const lines = part.split('\n');
    const [partHeaders, next] = readHeaders(lines, 0);
    const type = String(partHeaders['content-type'] || '');
    if (/multipart\/mixed/i.test(type)) {
      requests.push(...parseBatch(lines.slice(next).join('\n'), type));
      continue;
    }
    const requestLine = /^([A-Z]+)\s+(\S+)\s+HTTP\/1\.[01]$/i.exec((lines[next] || '').trim());
    if (!requestLine) {
      throw spErrors.badRequest('A $batch part does not start with an HTTP request line.');
    }
    const [headers, bodyStart] = readHeaders(lines, next + 1);
    const text = lines.slice(bodyStart).join('\n').replace(/\n+$/, '');
    requests.push({ method: requestLine[1].toUpperCase(), url: requestLine[2], headers, body: text });
  }
  return requests;
}

/** Runs each part through `run` in order and writes SharePoint's multipart answer. */
export async function executeBatch(
  body: string,
  contentType: string | undefined,
  base: URL,
  outerHeaders: IncomingHttpHeaders,
  run: (req: InnerRequest) => Promise<InnerResponse>,
): Promise<InnerResponse> {
  const parts = parseBatch(body, contentType);
  const boundary = `batchresponse_${randomUUID()}`;
  const chunks: string[] = [];
  for (const part of parts) {
    let url: URL;
    try {
      url = new URL(part.url, base);
    } catch {
      throw spErrors.badRequest(`A $batch part has an invalid URL: ${part.url}`);
    }
    // identity travels with the outer request; the part's own headers say what it wants
    const headers: IncomingHttpHeaders = { ...part.headers };
    for (const name of ['authorization', 'x-sandbox-user', 'cookie', 'x-requestdigest']) {
      if (outerHeaders[name] !== undefined) {
        headers[name] = outerHeaders[name];
      }
    }
    const response = await run({ method: part.method, url, headers, body: part.body });
    chunks.push(`--${boundary}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n`);
    chunks.push(`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] || ''}\r\n`);
    for (const [name, value] of Object.entries(response.headers)) {
      chunks.push(`${name === 'Content-Type' ? 'CONTENT-TYPE' : name}: ${value}\r\n`);
    }
    chunks.push(`\r\n${response.body}\r\n`);
  }
  chunks.push(`--${boundary}--\r\n`);
  return { status: 200, headers: { 'Content-Type': `multipart/mixed; boundary=${boundary}` }, body: chunks.join('') };
}
