/**
 * Who may read and write the report lists, through every route a caller can reach: PnPjs, raw
 * REST in odd URL forms and method overrides, `$batch`, and Graph as a person. Runs under the
 * sandbox's rules or, with `SANDBOX_LIST_RULES=production`, production's list settings only;
 * what the list settings themselves enforce must hold either way.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/site-users/web';
import { VISIT_REPORT_DRAFTS, VISIT_REPORTS, VISIT_ROTA } from '../../../src/data/listContract';
import { failureOf, PERSONAS, spForApp, spForUser, withSandbox } from '../../helpers/sandbox';
import { mergeChangeset, tryToChangeReport } from '../../helpers/writeAttempts';

const F = VISIT_REPORTS.fields;
const D = VISIT_REPORT_DRAFTS.fields;

describe('sandbox security on the report lists', () => {
  const fixture = withSandbox({ today: '2026-06-15' });
  const sandboxRules = (): boolean => fixture.sandbox.listRules === 'sandbox';

  const reports = (email: string) => spForUser(fixture.sandbox.siteUrl, email).web.lists.getByTitle(VISIT_REPORTS.title);
  const drafts = (email: string) => spForUser(fixture.sandbox.siteUrl, email).web.lists.getByTitle(VISIT_REPORT_DRAFTS.title);
  const asApp = (title: string = VISIT_REPORTS.title) => spForApp(fixture.sandbox.siteUrl).web.lists.getByTitle(title);

  /** A rota entry of its own for each test: the report lists allow one draft and one report per visit. */
  async function rotaEntry(): Promise<number> {
    const added = await asApp(VISIT_ROTA.title).items.add({ Title: 'Security test visit', VisitDate: '2026-06-01T23:00:00Z', TeamId: 1, RotaStatus: 'Held' });
    return added.Id;
  }

  async function haleDraft(): Promise<number> {
    return (
      await drafts(PERSONAS.hale).items.add({
        [D.Title]: 'Hale private notes',
        [`${D.RotaEntry}Id`]: await rotaEntry(),
        [D.StaffingWorries]: 'Confidential worry',
      })
    ).Id;
  }

  async function haleReport(status: 'Submitted' | 'Responded'): Promise<number> {
    const added = await reports(PERSONAS.hale).items.add({
      [F.Title]: 'Hale submitted report',
      [`${F.RotaEntry}Id`]: await rotaEntry(),
      [F.ReportStatus]: 'Submitted',
      [F.SubmittedOn]: '2026-06-15T09:00:00Z',
      [F.StaffingWorries]: 'As submitted',
    });
    if (status === 'Responded') {
      await asApp()
        .items.getById(added.Id)
        .update({ [F.HosFeedback]: 'First answer', [F.ReportStatus]: 'Responded' });
    }
    return added.Id;
  }

  async function raw(
    email: string,
    method: string,
    path: string,
    init: { headers?: { [k: string]: string }; body?: string } = {},
  ): Promise<{ status: number; text: string }> {
    const response = await fetch(`${fixture.sandbox.siteUrl}/_api/${path}`, {
      method,
      headers: { 'X-Sandbox-User': email, Accept: 'application/json;odata=nometadata', 'Content-Type': 'application/json', ...(init.headers || {}) },
      body: init.body,
    });
    return { status: response.status, text: await response.text() };
  }

  it('gives a signed-in person with no role on the site nothing at all, as SharePoint does', async () => {
    // A service manager is in the directory (a team's ServiceManager) but in none of the site's groups.
    for (const path of [
      'web',
      'web/siteusers',
      'web/sitegroups',
      'web/currentuser',
      'web/lists',
      `web/lists/getbytitle('${VISIT_REPORTS.title}')/items`,
      `web/lists/getbytitle('${VISIT_REPORT_DRAFTS.title}')/items`,
    ]) {
      const answer = await raw('sm.cp@northshire.example', 'GET', path);
      expect({ path, status: answer.status, leaked: answer.text.includes('@northshire.example') }).toEqual({ path, status: 403, leaked: false });
    }
    const graph = await fetch(`${fixture.sandbox.url}/v1.0/sites/localhost:/sites/frontline-visits:/lists`, {
      headers: { 'X-Sandbox-User': 'sm.cp@northshire.example' },
    });
    expect(graph.status).toBe(403);
  });

  describe('the author of a submitted report, with no bot running', () => {
    it.each([['Submitted' as const], ['Responded' as const]])(
      'cannot change, un-submit or delete a %s report through REST, $batch or Graph, at once',
      async (status) => {
        const id = await haleReport(status);
        const attempts = await tryToChangeReport(fixture.sandbox, PERSONAS.hale, id, { [F.ReportStatus]: 'Draft', [F.StaffingWorries]: 'Changed afterwards' });
        expect(attempts).toEqual({ restMerge: 403, restOverride: 403, batchPart: 403, graphPatch: 403, graphDelete: 403 });
        const deleted = await raw(PERSONAS.hale, 'DELETE', `web/lists/getbytitle('${VISIT_REPORTS.title}')/items(${id})`, { headers: { 'If-Match': '*' } });
        expect(deleted.status).toBe(403);
        const item = await asApp().items.getById(id)();
        expect([item[F.ReportStatus], item[F.StaffingWorries]]).toEqual([status, 'As submitted']);
        // …and still reads it.
        expect((await reports(PERSONAS.hale).items.getById(id)())[F.StaffingWorries]).toBe('As submitted');
      },
    );
  });

  describe('a draft', () => {
    it('is edited and deleted by its author only; the other councillors and the reading roles read it', async () => {
      const id = await haleDraft();
      await drafts(PERSONAS.hale)
        .items.getById(id)
        .update({ [D.StaffingWorries]: 'Edited by the author' });
      for (const reader of [PERSONAS.osei, PERSONAS.improvement, PERSONAS.headOfService, PERSONAS.clerk]) {
        expect((await drafts(reader).items.getById(id)())[D.StaffingWorries]).toBe('Edited by the author');
      }
      const item = `web/lists/getbytitle('${VISIT_REPORT_DRAFTS.title}')/items(${id})`;
      const body = JSON.stringify({ [D.Title]: 'taken over' });
      for (const who of [PERSONAS.osei, PERSONAS.headOfService, PERSONAS.clerk]) {
        const statuses: number[] = [];
        for (const method of ['MERGE', 'PATCH', 'PUT', 'DELETE']) {
          statuses.push((await raw(who, method, item, { headers: { 'If-Match': '*' }, body: method === 'DELETE' ? undefined : body })).status);
        }
        statuses.push((await raw(who, 'POST', item, { headers: { 'If-Match': '*', 'X-HTTP-Method': 'DELETE' } })).status);
        expect({ who, statuses }).toEqual({ who, statuses: [403, 403, 403, 403, 403] });
      }
      const batched = await raw(PERSONAS.osei, 'POST', '$batch', {
        headers: { 'Content-Type': 'multipart/mixed; boundary=batch_1' },
        body: mergeChangeset(fixture.sandbox.siteUrl, item, body, ['X-Sandbox-User: ' + PERSONAS.hale]),
      });
      expect(batched.text).toMatch(/HTTP\/1\.1 403/);
      const graphDelete = await fetch(`${fixture.sandbox.url}/v1.0/sites/localhost:/sites/frontline-visits:/lists/${VISIT_REPORT_DRAFTS.urlName}/items/${id}`, {
        method: 'DELETE',
        headers: { 'X-Sandbox-User': PERSONAS.osei, 'If-Match': '*' },
      });
      expect(graphDelete.status).toBe(403);
      expect((await asApp(VISIT_REPORT_DRAFTS.title).items.getById(id)())[D.Title]).toBe('Hale private notes');

      await drafts(PERSONAS.hale).items.getById(id).delete();
      expect((await failureOf(asApp(VISIT_REPORT_DRAFTS.title).items.getById(id)())).status).toBe(404);
    });
  });

  describe('one draft and one report per rota visit, whoever writes it', () => {
    it("refuses a second draft and a second report for the same visit with SharePoint's duplicate-values error, on REST and Graph", async () => {
      const visit = await rotaEntry();
      await drafts(PERSONAS.hale).items.add({ [D.Title]: 'First', [`${D.RotaEntry}Id`]: visit });
      const second = await raw(PERSONAS.osei, 'POST', `web/lists/getbytitle('${VISIT_REPORT_DRAFTS.title}')/items`, {
        body: JSON.stringify({ [D.Title]: 'Second', [`${D.RotaEntry}Id`]: visit }),
      });
      expect(second.status).toBe(500);
      expect(JSON.parse(second.text)['odata.error']).toEqual({
        code: '-2130575169, Microsoft.SharePoint.SPDuplicateValuesFoundException',
        message: {
          lang: 'en-US',
          value: 'The list item could not be added or updated because duplicate values were found in the following field(s) in the list: [Rota entry].',
        },
      });

      await reports(PERSONAS.hale).items.add({
        [F.Title]: 'Submitted',
        [`${F.RotaEntry}Id`]: visit,
        [F.ReportStatus]: 'Submitted',
        [F.SubmittedOn]: '2026-06-15T09:00:00Z',
      });
      const again = await failureOf(
        reports(PERSONAS.osei).items.add({
          [F.Title]: 'Second report',
          [`${F.RotaEntry}Id`]: visit,
          [F.ReportStatus]: 'Submitted',
          [F.SubmittedOn]: '2026-06-15T10:00:00Z',
        }),
      );
      expect(again.status).toBe(500);
      expect(again.message).toContain('SPDuplicateValuesFoundException');

      const graph = await fetch(`${fixture.sandbox.url}/v1.0/sites/localhost:/sites/frontline-visits:/lists/${VISIT_REPORTS.urlName}/items`, {
        method: 'POST',
        headers: { 'X-Sandbox-User': PERSONAS.osei, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          fields: { Title: 'Through Graph', RotaEntryLookupId: String(visit), ReportStatus: 'Submitted', SubmittedOn: '2026-06-15T10:00:00Z' },
        }),
      });
      expect(graph.status).toBe(409);
      expect((await graph.json()).error.code).toBe('nameAlreadyExists');

      // The app is held to the same rule: it is the list's, not a permission.
      const byApp = await failureOf(asApp().items.add({ [F.Title]: 'By the app', [`${F.RotaEntry}Id`]: visit, [F.ReportStatus]: 'Submitted' }));
      expect(byApp.status).toBe(500);
      const held = await asApp().items.filter(`${F.RotaEntry}Id eq ${visit}`)();
      expect(held).toHaveLength(1);
    });

    it('lets any number of unscheduled drafts and reports leave the rota entry empty', async () => {
      for (let i = 0; i < 3; i++) {
        await drafts(PERSONAS.hale).items.add({ [D.Title]: `Unscheduled ${i}` });
        await reports(PERSONAS.hale).items.add({ [F.Title]: `Unscheduled ${i}`, [F.ReportStatus]: 'Submitted', [F.SubmittedOn]: '2026-06-15T09:00:00Z' });
      }
    });

    it('does not let the bot or anyone give a report unique permissions, which SharePoint refuses on a list with a unique column', async () => {
      const id = await haleReport('Submitted');
      const list = (await asApp().select('Id')()).Id;
      const response = await fetch(
        `${fixture.sandbox.siteUrl}/_api/web/lists('${list}')/items(${id})/breakroleinheritance(copyRoleAssignments=false,clearSubscopes=true)`,
        {
          method: 'POST',
          headers: { Authorization: 'Bearer sandbox-app-token', Accept: 'application/json;odata=nometadata' },
        },
      );
      expect(response.status).toBe(400);
    });
  });

  describe('what a councillor adds to Visit Reports', () => {
    it("is never in someone else's name", async () => {
      const hale = await spForUser(fixture.sandbox.siteUrl, PERSONAS.hale).web.currentUser();
      const author = await failureOf(reports(PERSONAS.osei).items.add({ [F.Title]: 'Forged', AuthorId: hale.Id, [F.ReportStatus]: 'Submitted' }));
      expect(author.status).toBe(400);
    });

    it("under the sandbox's rules, is a plain submission: no other status, no feedback or card fields (production leaves that to the bot's review)", async () => {
      const hale = await spForUser(fixture.sandbox.siteUrl, PERSONAS.hale).web.currentUser();
      const attempts = [
        { [F.ReportStatus]: 'Responded', [F.HosFeedback]: 'self-answered' },
        { [F.ReportStatus]: 'Draft' },
        { [F.ReportStatus]: 'Submitted', [`${F.HosFeedbackBy}Id`]: hale.Id },
        { [F.ReportStatus]: 'Submitted', [F.CardActivityId]: 'x' },
      ];
      const statuses: Array<number | undefined> = [];
      for (const fields of attempts) {
        statuses.push(
          await reports(PERSONAS.osei)
            .items.add({ [F.Title]: 'Odd', ...fields })
            .then(
              () => 201,
              (e: { status?: number }) => e.status,
            ),
        );
      }
      expect(statuses).toEqual(sandboxRules() ? [403, 403, 403, 403] : [201, 201, 201, 201]);
    });
  });

  describe('a Head of Service writing directly (not through the card)', () => {
    it('cannot touch a draft, nor overwrite a response already given', async () => {
      const draft = await haleDraft();
      expect(
        (
          await failureOf(
            drafts(PERSONAS.headOfService)
              .items.getById(draft)
              .update({ [D.StaffingWorries]: 'Edited by the Head of Service' }),
          )
        ).status,
      ).toBe(403);
      const id = await haleReport('Responded');
      expect(
        (
          await failureOf(
            reports(PERSONAS.headOfService)
              .items.getById(id)
              .update({ [F.HosFeedback]: 'Rewritten later' }),
          )
        ).status,
      ).toBe(403);
      expect((await asApp().items.getById(id)())[F.HosFeedback]).toBe('First answer');
    });

    it("answers only in their own name and marks it Responded in the same write; under production's list settings not at all (the bot writes answers)", async () => {
      const id = await haleReport('Submitted');
      const hale = await spForUser(fixture.sandbox.siteUrl, PERSONAS.hale).web.currentUser();
      const hos = reports(PERSONAS.headOfService);
      expect((await failureOf(hos.items.getById(id).update({ [F.HosFeedback]: 'Quietly added' }))).status).toBe(403);
      expect(
        (
          await failureOf(
            hos.items.getById(id).update({ [F.HosFeedback]: 'Signed as the councillor', [`${F.HosFeedbackBy}Id`]: hale.Id, [F.ReportStatus]: 'Responded' }),
          )
        ).status,
      ).toBe(403);
      const me = await spForUser(fixture.sandbox.siteUrl, PERSONAS.headOfService).web.currentUser();
      const answer = hos.items.getById(id).update({ [F.HosFeedback]: 'Answered', [`${F.HosFeedbackBy}Id`]: me.Id, [F.ReportStatus]: 'Responded' });
      if (sandboxRules()) {
        await answer;
        expect((await asApp().items.getById(id)())[F.HosFeedbackBy + 'Id']).toBe(me.Id);
      } else {
        expect((await failureOf(answer)).status).toBe(403);
      }
    });
  });
});

describe('sandbox security under production list settings, bot stopped (SANDBOX_LIST_RULES=production)', () => {
  const fixture = withSandbox({ today: '2026-06-15', submittedLockRule: false });

  it("refuses the author's MERGE, $batch MERGE, Graph PATCH and DELETE on a report the moment it is submitted", async () => {
    expect(fixture.sandbox.listRules).toBe('production');
    const sp = spForUser(fixture.sandbox.siteUrl, PERSONAS.hale);
    const visit = await spForApp(fixture.sandbox.siteUrl)
      .web.lists.getByTitle(VISIT_ROTA.title)
      .items.add({ Title: 'Visit', VisitDate: '2026-06-01T23:00:00Z', TeamId: 1, RotaStatus: 'Held' });
    const submitted = await sp.web.lists
      .getByTitle(VISIT_REPORTS.title)
      .items.add({ [F.Title]: 'Submitted', [`${F.RotaEntry}Id`]: visit.Id, [F.ReportStatus]: 'Submitted', [F.StaffingWorries]: 'As submitted' });
    // No pause, no bot: the very next requests.
    const attempts = await tryToChangeReport(fixture.sandbox, PERSONAS.hale, submitted.Id, {
      [F.ReportStatus]: 'Draft',
      [F.StaffingWorries]: 'Changed afterwards',
    });
    expect(attempts).toEqual({ restMerge: 403, restOverride: 403, batchPart: 403, graphPatch: 403, graphDelete: 403 });
    const item = await spForApp(fixture.sandbox.siteUrl).web.lists.getByTitle(VISIT_REPORTS.title).items.getById(submitted.Id)();
    expect([item[F.ReportStatus], item[F.StaffingWorries], item.HasUniqueRoleAssignments]).toEqual(['Submitted', 'As submitted', undefined]);
  });
});
