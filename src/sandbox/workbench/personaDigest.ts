import type { TimelinePipe } from '@pnp/core';
import type { Queryable } from '@pnp/queryable';

/**
 * A request digest kept per PnPjs instance instead of per site.
 *
 * SharePoint binds a digest to the person it was issued to, and PnPjs's own `RequestDigest`
 * caches one digest per site URL for the whole page: right for a SharePoint page, where one
 * person is signed in. The workbench and the tests act as several people in one page or process,
 * one PnPjs instance each, so each instance asks for and keeps its own.
 */
export function PersonaRequestDigest(siteUrl: string, identityHeaders: { [name: string]: string } = {}): TimelinePipe<Queryable> {
  let cached: { value: string; expires: number } | undefined;
  const obtain = async (): Promise<string> => {
    if (!cached || Date.now() >= cached.expires) {
      const answer = await fetch(`${siteUrl.replace(/\/$/, '')}/_api/contextinfo`, {
        method: 'POST',
        headers: { Accept: 'application/json;odata=nometadata', ...identityHeaders },
        credentials: 'same-origin',
      });
      if (!answer.ok) {
        throw new Error(`The site did not issue a request digest (HTTP ${answer.status}).`);
      }
      const info = (await answer.json()) as { FormDigestValue: string; FormDigestTimeoutSeconds: number };
      // Renewed a minute early, so a digest never runs out between being read and being sent.
      cached = { value: info.FormDigestValue, expires: Date.now() + (info.FormDigestTimeoutSeconds - 60) * 1000 };
    }
    return cached.value;
  };
  return (instance: Queryable) => {
    instance.on.pre(async function (url: string, init: RequestInit, result: unknown) {
      this.on.auth(async (authUrl: URL, authInit: RequestInit) => {
        const headers = (authInit.headers || {}) as { [name: string]: string };
        const has = (name: string): boolean => Object.keys(headers).some((h) => h.toLowerCase() === name);
        if (/^get$/i.test(authInit.method || 'GET') || has('x-requestdigest') || has('authorization')) {
          return [authUrl, authInit];
        }
        authInit.headers = { 'X-RequestDigest': await obtain(), ...headers };
        return [authUrl, authInit];
      });
      return [url, init, result];
    });
    return instance;
  };
}
