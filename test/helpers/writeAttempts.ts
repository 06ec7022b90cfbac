/**
 * A person trying to change a Visit Reports item through every route the sandbox serves:
 * SharePoint REST (MERGE and a POST with X-HTTP-Method), a `$batch` changeset, and Graph.
 * Used to show that a lock holds everywhere, not only on the route the web part uses.
 */
import { VISIT_REPORTS } from '../../src/data/listContract';
import { SandboxHandle } from './sandbox';

export interface WriteAttempts {
  restMerge: number;
  restOverride: number;
  /** The status of the changeset's part inside the 200 `$batch` answer. */
  batchPart: number;
  graphPatch: number;
  graphDelete: number;
}

export async function tryToChangeReport(sandbox: SandboxHandle, email: string, id: number, fields: { [name: string]: unknown }): Promise<WriteAttempts> {
  const item = `web/lists/getbytitle('${VISIT_REPORTS.title}')/items(${id})`;
  const headers = { 'X-Sandbox-User': email, Accept: 'application/json;odata=nometadata', 'Content-Type': 'application/json', 'If-Match': '*' };
  const body = JSON.stringify(fields);
  const rest = async (extra: { [k: string]: string }): Promise<number> =>
    (await fetch(`${sandbox.siteUrl}/_api/${item}`, { method: extra.method || 'POST', headers: { ...headers, ...extra }, body })).status;
  const restMerge = await rest({ method: 'MERGE' });
  const restOverride = await rest({ method: 'POST', 'X-HTTP-Method': 'PATCH' });
  const batch = mergeChangeset(sandbox.siteUrl, item, body);
  const batched = await fetch(`${sandbox.siteUrl}/_api/$batch`, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'multipart/mixed; boundary=batch_1' },
    body: batch,
  });
  const batchText = await batched.text();
  const part = /HTTP\/1\.1 (\d{3})/.exec(batchText);
  const graph = (method: string, path: string, payload?: unknown): Promise<Response> =>
    fetch(`${sandbox.url}/v1.0/sites/localhost:/sites/frontline-visits:/lists/${VISIT_REPORTS.urlName}/${path}`, {
      method,
      headers: { 'X-Sandbox-User': email, 'Content-Type': 'application/json', 'If-Match': '*' },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
  const graphPatch = (await graph('PATCH', `items/${id}/fields`, fields)).status;
  const graphDelete = (await graph('DELETE', `items/${id}`)).status;
  return { restMerge, restOverride, batchPart: part ? Number(part[1]) : batched.status, graphPatch, graphDelete };
}

/**
 * A `$batch` body (boundary `batch_1`) with one changeset that MERGEs `body` into `item`, as
 * PnPjs would send it; `partHeaders` go inside the part (where a forged identity might hide).
 */
export function mergeChangeset(siteUrl: string, item: string, body: string, partHeaders: string[] = []): string {
  return [
    '--batch_1',
    'Content-Type: multipart/mixed; boundary=changeset_1',
    '',
    '--changeset_1',
    'Content-Type: application/http',
    'Content-Transfer-Encoding: binary',
    '',
    `POST ${siteUrl}/_api/${encodeURI(item)} HTTP/1.1`,
    'Accept: application/json',
    'Content-Type: application/json',
    'X-HTTP-Method: MERGE',
    'If-Match: *',
    ...partHeaders,
    '',
    body,
    '--changeset_1--',
    '--batch_1--',
    '',
  ].join('\r\n');
}

export const ALL_REFUSED: WriteAttempts = { restMerge: 403, restOverride: 403, batchPart: 403, graphPatch: 403, graphDelete: 403 };
