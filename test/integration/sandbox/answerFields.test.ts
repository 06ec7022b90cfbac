/**
 * The answer's columns where the data lives: a councillor writes none of them (the areas' answers,
 * the earlier versions); a Head of Service writing directly may give a first answer area by area
 * but never write the earlier versions, which only the bot keeps.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/site-users/web';
import { VISIT_REPORTS } from '../../../src/data/listContract';
import { failureOf, PERSONAS, spForApp, spForUser, withSandbox } from '../../helpers/sandbox';

const F = VISIT_REPORTS.fields;

describe("sandbox: the answer's columns", () => {
  const fixture = withSandbox({ seed: 'demo' });

  it('refuses a councillor adding a report with an area answer or earlier versions, or changing their submitted report', async () => {
    const sp = spForUser(fixture.sandbox.siteUrl, PERSONAS.hale);
    const me = await sp.web.currentUser();
    const reports = sp.web.lists.getByTitle(VISIT_REPORTS.title);
    expect((await failureOf(reports.items.add({ [F.Title]: 'Forged', [F.ReportStatus]: 'Submitted', [F.HosFeedbackStaffing]: 'Forged answer' }))).status).toBe(
      403,
    );
    expect(
      (
        await failureOf(
          reports.items.add({ [F.Title]: 'Forged', [F.ReportStatus]: 'Submitted', [F.HosFeedbackHistory]: '[{"on":"2026-01-01T00:00:00Z","text":"Forged"}]' }),
        )
      ).status,
    ).toBe(403);
    const own = (await reports.items.select('Id', 'AuthorId').top(500)()).filter((i: { AuthorId: number }) => i.AuthorId === me.Id)[0];
    const item = reports.items.getById(own.Id);
    expect((await failureOf(item.update({ [F.HosFeedbackStaffing]: 'Forged answer' }))).status).toBe(403);
    expect((await failureOf(item.update({ [F.HosFeedbackHistory]: '[{"on":"2026-01-01T00:00:00Z","text":"Forged"}]' }))).status).toBe(403);
  });

  it('lets a Head of Service answer a submitted report area by area, but not write earlier versions', async () => {
    const items = await spForApp(fixture.sandbox.siteUrl)
      .web.lists.getByTitle(VISIT_REPORTS.title)
      .items.select('Id', F.ReportStatus, 'HasUniqueRoleAssignments')
      .top(500)();
    const submitted = items.filter(
      (i: { ReportStatus: string; HasUniqueRoleAssignments?: boolean }) => i.ReportStatus === 'Submitted' && !i.HasUniqueRoleAssignments,
    )[0];
    const hos = spForUser(fixture.sandbox.siteUrl, PERSONAS.headOfService);
    const me = await hos.web.currentUser();
    const item = hos.web.lists.getByTitle(VISIT_REPORTS.title).items.getById(submitted.Id);
    const withHistory = await failureOf(
      item.update({
        [F.HosFeedbackStaffing]: 'Posts advertised.',
        [F.HosFeedbackHistory]: '[]',
        [`${F.HosFeedbackBy}Id`]: me.Id,
        [F.ReportStatus]: 'Responded',
      }),
    );
    expect(withHistory.status).toBe(403);
    await item.update({ [F.HosFeedbackStaffing]: 'Posts advertised.', [`${F.HosFeedbackBy}Id`]: me.Id, [F.ReportStatus]: 'Responded' });
    const read = await item.select(F.HosFeedbackStaffing, F.ReportStatus)();
    expect(read).toMatchObject({ [F.HosFeedbackStaffing]: 'Posts advertised.', [F.ReportStatus]: 'Responded' });
  });
});
