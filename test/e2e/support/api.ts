import { addDays, londonMidnightUtc } from '../../../src/domain/calendarDate';
import { FRONTLINE_TEAMS, VISIT_ROTA } from '../../../src/data/listContract';

/**
 * The sandbox's SharePoint REST as a given person, for checks the UI cannot make (what the list
 * really holds, what another user can read).
 */
export async function fetchAs(url: string, email: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, {
    ...init,
    headers: { Accept: 'application/json;odata=nometadata', 'X-Sandbox-User': email, ...(init.headers || {}) },
  });
}

export async function listItemsAs(
  siteUrl: string,
  email: string,
  filter: string,
  listTitle = 'Visit Reports',
): Promise<Array<{ Id: number; [field: string]: unknown }>> {
  const url = `${siteUrl}/_api/web/lists/getByTitle('${encodeURIComponent(listTitle)}')/items?$filter=${encodeURIComponent(filter)}&$top=500`;
  const response = await fetchAs(url, email);
  if (!response.ok) {
    throw new Error(`GET ${url} as ${email} failed: ${response.status} ${await response.text()}`);
  }
  const body = (await response.json()) as { value: Array<{ Id: number; [field: string]: unknown }> };
  return body.value;
}

interface BulkAdder {
  siteUrl: string;
  bulkAddItems(listTitle: string, fields: Array<{ [field: string]: unknown }>, authorEmail?: string): unknown[];
}

/**
 * The demo gives every past visit a report; a journey that starts one needs past visits that
 * have none yet. Added as the improvement team adds rota entries.
 */
export async function addPastVisitsWithoutReports(sandbox: BulkAdder, today: string, councillorEmail: string, count: number): Promise<void> {
  const teamsResponse = await fetchAs(
    `${sandbox.siteUrl}/_api/web/lists/getByTitle('${encodeURIComponent(FRONTLINE_TEAMS.title)}')/items?$select=Id,Title`,
    councillorEmail,
  );
  const teams = ((await teamsResponse.json()) as { value: Array<{ Id: number }> }).value;
  const meResponse = await fetchAs(`${sandbox.siteUrl}/_api/web/currentuser`, councillorEmail);
  const me = (await meResponse.json()) as { Id: number };
  const F = VISIT_ROTA.fields;
  const fields = Array.from({ length: count }, (_, i) => {
    const day = addDays(today, -3 - i * 2);
    return {
      [F.Title]: `${day.slice(0, 7)} extra visit ${i + 1}`,
      [F.VisitDate]: londonMidnightUtc(day),
      [F.Team]: teams[i % teams.length].Id,
      [F.Members]: [me.Id],
      [F.MunicipalYear]: '',
      [F.RotaStatus]: 'Held',
    };
  });
  sandbox.bulkAddItems(VISIT_ROTA.title, fields, 'improvement@northshire.example');
}
