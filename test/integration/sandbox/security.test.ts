/**
 * Item-level security and field rules on Visit Reports through every route a caller can reach:
 * PnPjs, raw REST in odd URL forms and method overrides, `$batch`, and Graph as a person.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/site-users/web';
import { VISIT_REPORTS } from '../../../src/data/listContract';
import { failureOf, PERSONAS, spForApp, spForUser, withSandbox } from '../../helpers/sandbox';
import { mergeChangeset } from '../../helpers/writeAttempts';

const F = VISIT_REPORTS.fields;

describe('sandbox security on Visit Reports', () => {
  const fixture = withSandbox({ today: '2026-06-15' });

  const reports = (email: string) => spForUser(fixture.sandbox.siteUrl, email).web.lists.getByTitle(VISIT_REPORTS.title);
  const asApp = () => spForApp(fixture.sandbox.siteUrl).web.lists.getByTitle(VISIT_REPORTS.title);

  async function haleReport(status: 'Draft' | 'Submitted' | 'Responded', title = 'Hale private notes'): Promise<number> {
    const added = await reports(PERSONAS.hale).items.add({ [F.Title]: title, [F.ReportStatus]: 'Draft', [F.StaffingWorries]: 'Confidential worry' });
    if (status !== 'Draft') {
      await reports(PERSONAS.hale).items.getById(added.Id).update({ [F.ReportStatus]: 'Submitted', [F.SubmittedOn]: '2026-06-15T09:00:00Z' });
    }
    if (status === 'Responded') {
      await asApp().items.getById(added.Id).update({ [F.HosFeedback]: 'First answer', [F.ReportStatus]: 'Responded' });
    }
    return added.Id;
  }

  async function raw(email: string, method: string, path: string, init: { headers?: { [k: string]: string }; body?: string } = {}): Promise<{ status: number; text: string }> {
    const response = await fetch(`${fixture.sandbox.siteUrl}/_api/${path}`, {
      method,
      headers: { 'X-Sandbox-User': email, Accept: 'application/json;odata=nometadata', 'Content-Type': 'application/json', ...(init.headers || {}) },
      body: init.body
    });
    return { status: response.status, text: await response.text() };
  }

  it('gives a signed-in person with no role on the site nothing at all, as SharePoint does', async () => {
    // A service manager is in the directory (a team's ServiceManager) but in none of the site's groups.
    for (const path of ['web', 'web/siteusers', 'web/sitegroups', 'web/currentuser', 'web/lists', `web/lists/getbytitle('${VISIT_REPORTS.title}')/items`]) {
      const answer = await raw('sm.cp@northshire.example', 'GET', path);
      expect({ path, status: answer.status, leaked: answer.text.includes('@northshire.example') }).toEqual({ path, status: 403, leaked: false });
    }
    const graph = await fetch(`${fixture.sandbox.url}/v1.0/sites/localhost:/sites/frontline-visits:/lists`, { headers: { 'X-Sandbox-User': 'sm.cp@northshire.example' } });
    expect(graph.status).toBe(403);
  });

  describe('a Head of Service writing directly (not through the card)', () => {
    it('cannot answer a draft: the councillor keeps it and it never skips Submitted', async () => {
      const id = await haleReport('Draft');
      const error = await failureOf(reports(PERSONAS.headOfService).items.getById(id).update({ [F.HosFeedback]: 'Answered before submission', [F.ReportStatus]: 'Responded' }));
      expect(error.status).toBe(403);
      const item = await asApp().items.getById(id)();
      expect([item[F.ReportStatus], item[F.HosFeedback]]).toEqual(['Draft', null]);
    });

    it('cannot overwrite a response already given', async () => {
      const id = await haleReport('Responded');
      const error = await failureOf(reports(PERSONAS.headOfService).items.getById(id).update({ [F.HosFeedback]: 'Rewritten later' }));
      expect(error.status).toBe(403);
      expect((await asApp().items.getById(id)())[F.HosFeedback]).toBe('First answer');
    });

    it('cannot put feedback on a submitted report without marking it Responded, nor in someone else\'s name', async () => {
      const id = await haleReport('Submitted');
      const hale = await spForUser(fixture.sandbox.siteUrl, PERSONAS.hale).web.currentUser();
      const hos = spForUser(fixture.sandbox.siteUrl, PERSONAS.headOfService);
      const unmarked = await failureOf(hos.web.lists.getByTitle(VISIT_REPORTS.title).items.getById(id).update({ [F.HosFeedback]: 'Quietly added' }));
      expect(unmarked.status).toBe(403);
      const forged = await failureOf(
        hos.web.lists.getByTitle(VISIT_REPORTS.title).items.getById(id).update({ [F.HosFeedback]: 'Signed as the councillor', [`${F.HosFeedbackBy}Id`]: hale.Id, [F.ReportStatus]: 'Responded' })
      );
      expect(forged.status).toBe(403);
      const empty = await failureOf(hos.web.lists.getByTitle(VISIT_REPORTS.title).items.getById(id).update({}));
      expect(empty.status).toBe(403);
      const item = await asApp().items.getById(id)();
      expect([item[F.ReportStatus], item[F.HosFeedback]]).toEqual(['Submitted', null]);

      // The legitimate answer, in their own name, still works.
      const me = await hos.web.currentUser();
      await hos.web.lists.getByTitle(VISIT_REPORTS.title).items.getById(id).update({ [F.HosFeedback]: 'Answered', [`${F.HosFeedbackBy}Id`]: me.Id, [F.ReportStatus]: 'Responded' });
      expect((await asApp().items.getById(id)())[F.HosFeedbackBy + 'Id']).toBe(me.Id);
    });
  });

  describe('another councillor reaching a report', () => {
    it('reads nothing of it through odd URL forms, case variants, getById or sub-resources', async () => {
      const id = await haleReport('Draft');
      const list = await spForApp(fixture.sandbox.siteUrl).web.lists.getByTitle(VISIT_REPORTS.title).select('Id')();
      const paths = [
        `web/lists/getbytitle('${VISIT_REPORTS.title}')/items(${id})`,
        `Web/Lists/GetByTitle('${VISIT_REPORTS.title.toUpperCase()}')/Items(${id})`,
        `Web/Lists(guid'${list.Id}')/Items(${id})`,
        `web/lists('${list.Id}')/items/getbyid(${id})`,
        `web/getlist('/sites/frontline-visits/Lists/${VISIT_REPORTS.urlName.toLowerCase()}')/getitembyid(${id})`,
        `web/lists/getbytitle('${VISIT_REPORTS.title}')/items(${id})/FieldValuesAsText`,
        `web/lists/getbytitle('${VISIT_REPORTS.title}')/items?$filter=Id eq ${id}&$select=Title,Author/EMail&$expand=Author`,
        `web/lists/getbytitle('${VISIT_REPORTS.title}')/items?$filter=${encodeURIComponent("substringof('Confidential',StaffingWorries)")}`
      ];
      for (const path of paths) {
        const answer = await raw(PERSONAS.osei, 'GET', path);
        expect({ path, leaked: answer.text.includes('Hale private notes') || answer.text.includes('Confidential worry') }).toEqual({ path, leaked: false });
        expect(answer.status === 200 || answer.status >= 400).toBe(true);
      }
    });

    it('changes nothing through MERGE, PATCH, PUT, X-HTTP-Method overrides, If-Match: * or a $batch changeset', async () => {
      const id = await haleReport('Draft');
      const item = `web/lists/getbytitle('${VISIT_REPORTS.title}')/items(${id})`;
      const body = JSON.stringify({ [F.Title]: 'taken over' });
      const attempts: Array<{ status: number }> = [];
      for (const method of ['MERGE', 'PATCH', 'PUT', 'DELETE']) {
        attempts.push(await raw(PERSONAS.osei, method, item, { headers: { 'If-Match': '*' }, body: method === 'DELETE' ? undefined : body }));
      }
      for (const override of ['MERGE', 'PATCH', 'DELETE']) {
        attempts.push(await raw(PERSONAS.osei, 'POST', item, { headers: { 'If-Match': '*', 'X-HTTP-Method': override }, body }));
      }
      expect(attempts.map((a) => a.status)).toEqual([403, 403, 403, 403, 403, 403, 403]);

      const batch = mergeChangeset(fixture.sandbox.siteUrl, item, body, ['X-Sandbox-User: ' + PERSONAS.hale]);
      const batched = await raw(PERSONAS.osei, 'POST', '$batch', { headers: { 'Content-Type': 'multipart/mixed; boundary=batch_1' }, body: batch });
      expect(batched.status).toBe(200);
      expect(batched.text).toMatch(/HTTP\/1\.1 403/);
      const after = await asApp().items.getById(id)();
      expect(after[F.Title]).toBe('Hale private notes');
    });

    it('reads and changes nothing through Graph either: items/{id}, $filter, expand=fields, /fields, PATCH, DELETE', async () => {
      const id = await haleReport('Draft');
      const graph = async (method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> => {
        const response = await fetch(`${fixture.sandbox.url}/v1.0/sites/localhost:/sites/frontline-visits:/lists/${VISIT_REPORTS.urlName}/${path}`, {
          method,
          headers: { 'X-Sandbox-User': PERSONAS.osei, 'Content-Type': 'application/json', 'If-Match': '*', Prefer: 'HonorNonIndexedQueriesWarningMayFailRandomly' },
          body: body === undefined ? undefined : JSON.stringify(body)
        });
        return { status: response.status, text: await response.text() };
      };
      const reads = [
        await graph('GET', `items/${id}?expand=fields`),
        await graph('GET', `items/${id}/fields`),
        await graph('GET', `items?expand=fields&$filter=${encodeURIComponent(`id eq ${id}`)}`),
        await graph('GET', `items?expand=fields(select=Title,StaffingWorries,AuthorLookupId)&$top=500`)
      ];
      for (const read of reads) {
        expect(read.text).not.toContain('Confidential worry');
      }
      expect(reads.slice(0, 2).map((r) => r.status)).toEqual([404, 404]);
      const writes = [await graph('PATCH', `items/${id}/fields`, { Title: 'taken over' }), await graph('PATCH', `items/${id}`, { fields: { Title: 'taken over' } }), await graph('DELETE', `items/${id}`)];
      expect(writes.map((w) => w.status)).toEqual([403, 403, 403]);
      expect((await asApp().items.getById(id)())[F.Title]).toBe('Hale private notes');
    });

    it('cannot create a report that claims to be someone else\'s, nor set status, feedback or card fields of their own', async () => {
      const hale = await spForUser(fixture.sandbox.siteUrl, PERSONAS.hale).web.currentUser();
      const author = await failureOf(reports(PERSONAS.osei).items.add({ [F.Title]: 'Forged', AuthorId: hale.Id }));
      expect(author.status).toBe(400);
      const own = await reports(PERSONAS.osei).items.add({ [F.Title]: 'Mine', [F.ReportStatus]: 'Draft' });
      for (const fields of [{ [F.ReportStatus]: 'Responded' }, { [F.HosFeedback]: 'self' }, { [`${F.HosFeedbackBy}Id`]: hale.Id }, { [F.CardActivityId]: 'x' }]) {
        expect((await failureOf(reports(PERSONAS.osei).items.getById(own.Id).update(fields))).status).toBe(403);
      }
      expect((await failureOf(reports(PERSONAS.osei).items.add({ [F.Title]: 'Pre-answered', [F.ReportStatus]: 'Responded' }))).status).toBe(403);
    });
  });
});
