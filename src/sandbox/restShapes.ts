/**
 * SharePoint REST response shapes for the three OData flavours PnPjs and SPFx ask for:
 * `odata=nometadata`, `odata=minimalmetadata` (what a bare `Accept: application/json` gets) and
 * `odata=verbose`.
 */
import { SpError } from './errors';

export type ODataMode = 'nometadata' | 'minimalmetadata' | 'verbose';

export function odataMode(accept: string | undefined): ODataMode {
  const a = (accept || '').toLowerCase();
  if (a.indexOf('odata=verbose') !== -1) {
    return 'verbose';
  }
  if (a.indexOf('odata=nometadata') !== -1) {
    return 'nometadata';
  }
  return 'minimalmetadata';
}

export function contentType(mode: ODataMode): string {
  return `application/json;odata=${mode};streaming=true;charset=utf-8`;
}

export interface InnerResponse {
  status: number;
  headers: { [name: string]: string };
  body: string;
}

export function jsonResponse(mode: ODataMode, status: number, body: unknown, headers: { [name: string]: string } = {}): InnerResponse {
  return { status, headers: { 'Content-Type': contentType(mode), ...headers }, body: JSON.stringify(body) };
}

export function emptyResponse(status: number, headers: { [name: string]: string } = {}): InnerResponse {
  return { status, headers: { 'Content-Length': '0', ...headers }, body: '' };
}

/** SharePoint's error body: `odata.error` for JSON light, `error` for verbose. */
export function errorResponse(mode: ODataMode, error: SpError): InnerResponse {
  const inner = { code: error.code, message: { lang: 'en-US', value: error.message } };
  return jsonResponse(mode, error.status, mode === 'verbose' ? { error: inner } : { 'odata.error': inner });
}

/** Metadata a single entity carries in each flavour. */
export interface EntityMeta {
  /** e.g. `SP.User`. */
  type: string;
  /** Path relative to `_api/`, e.g. `Web/GetUserById(12)`. */
  editLink: string;
  /** `odata.id`: absolute URI or, for items, their unique id. */
  id?: string;
  etag?: string;
}

export function annotate(mode: ODataMode, apiUrl: string, meta: EntityMeta, body: { [k: string]: unknown }): { [k: string]: unknown } {
  if (mode === 'nometadata') {
    return body;
  }
  if (mode === 'verbose') {
    const m: { [k: string]: unknown } = { id: meta.id || `${apiUrl}/${meta.editLink}`, uri: `${apiUrl}/${meta.editLink}`, type: meta.type };
    if (meta.etag) {
      m.etag = meta.etag;
    }
    return { __metadata: m, ...body };
  }
  const m: { [k: string]: unknown } = { 'odata.type': meta.type, 'odata.id': meta.id || `${apiUrl}/${meta.editLink}` };
  if (meta.etag) {
    m['odata.etag'] = meta.etag;
  }
  m['odata.editLink'] = meta.editLink;
  return { ...m, ...body };
}

/** One entity as a whole response body. */
export function entityBody(mode: ODataMode, apiUrl: string, metadataName: string, entity: { [k: string]: unknown }): unknown {
  if (mode === 'verbose') {
    return { d: entity };
  }
  if (mode === 'minimalmetadata') {
    return { 'odata.metadata': `${apiUrl}/$metadata#${metadataName}/@Element`, ...entity };
  }
  return entity;
}

/** A collection as a whole response body, with the next page's link when there is one. */
export function collectionBody(mode: ODataMode, apiUrl: string, metadataName: string, entities: unknown[], nextLink?: string): unknown {
  if (mode === 'verbose') {
    const d: { [k: string]: unknown } = { results: entities };
    if (nextLink) {
      d.__next = nextLink;
    }
    return { d };
  }
  const body: { [k: string]: unknown } = mode === 'minimalmetadata' ? { 'odata.metadata': `${apiUrl}/$metadata#${metadataName}` } : {};
  body.value = entities;
  if (nextLink) {
    body['odata.nextLink'] = nextLink;
  }
  return body;
}

/** A multi-value primitive in each flavour. */
export function collectionValue(mode: ODataMode, edmType: string, values: unknown[]): unknown {
  return mode === 'verbose' ? { __metadata: { type: `Collection(${edmType})` }, results: values } : values;
}

/** `$select` applied to a plain entity (users, groups, lists, web): unknown names are errors. */
export function selectProps(entity: { [k: string]: unknown }, select: string[] | undefined, unknown: (name: string) => Error): { [k: string]: unknown } {
  if (!select || !select.length || select.indexOf('*') !== -1) {
    return entity;
  }
  const out: { [k: string]: unknown } = {};
  for (const name of select) {
    const key = Object.keys(entity).filter((k) => k.toLowerCase() === name.toLowerCase())[0];
    if (!key) {
      throw unknown(name);
    }
    out[key] = entity[key];
  }
  return out;
}
