/**
 * The sandbox's SharePoint REST as a given person, for checks the UI cannot make (what the list
 * really holds, what another user can read).
 */
export async function fetchAs(url: string, email: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, {
    ...init,
    headers: { Accept: 'application/json;odata=nometadata', 'X-Sandbox-User': email, ...(init.headers || {}) }
  });
}

export async function listItemsAs(siteUrl: string, email: string, filter: string): Promise<Array<{ Id: number; [field: string]: unknown }>> {
  const url = `${siteUrl}/_api/web/lists/getByTitle('Visit%20Reports')/items?$filter=${encodeURIComponent(filter)}&$top=500`;
  const response = await fetchAs(url, email);
  if (!response.ok) {
    throw new Error(`GET ${url} as ${email} failed: ${response.status} ${await response.text()}`);
  }
  const body = (await response.json()) as { value: Array<{ Id: number; [field: string]: unknown }> };
  return body.value;
}
