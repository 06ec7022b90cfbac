/** What every SharePoint REST handler of the sandbox is given: the request and the site's parts. */
import type { IncomingHttpHeaders } from 'node:http';
import { ListOps } from '../listOps';
import { SandboxStore } from '../store';
import { Webhooks } from '../webhooks';

export interface InnerRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface SpContext {
  store: SandboxStore;
  ops: ListOps;
  webhooks: Webhooks;
  /** Absolute, e.g. http://localhost:4321/sites/frontline-visits */
  siteUrl: string;
  siteRelativeUrl: string;
}
