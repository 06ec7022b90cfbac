/**
 * A visit two councillors made is one visit in the committee pack: SharePoint refuses a second
 * report for it, whoever writes it, and drafts (in their own list) never reach the pack.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import { failureOf, spForUser, withSandbox } from '../../helpers/sandbox';
import { VISIT_REPORT_DRAFTS, VISIT_REPORTS } from '../../../src/data/listContract';
import { preparePack } from '../../../src/report/preparePack';
import type { PackRequest } from '../../../src/report/packTypes';

const TODAY = '2026-11-20';
const CLERK = 'clerk@northshire.example';
const V = VISIT_REPORTS.fields;

describe('the committee pack and a visit shared by two councillors', () => {
  const fixture = withSandbox({ today: TODAY, workbench: false });
  const request: PackRequest = { from: '2025-12-01', to: '2026-09-30', committeeDate: '2026-12-10', today: TODAY };

  it("counts the visit once: the second member's report is refused, and a stray draft adds nothing", async () => {
    const { sandbox } = fixture;
    const clerk = spForUser(sandbox.siteUrl, CLERK);
    const before = await preparePack(clerk, request);

    // A submitted report of the period, for a rota visit two councillors made.
    const reports = await clerk.web.lists.getByTitle(VISIT_REPORTS.title).items.select('Id', `${V.RotaEntry}Id`, 'AuthorId', `${V.Members}Id`).top(500)();
    const shared = (reports as Array<{ Id: number; RotaEntryId: number | null; AuthorId: number; MembersId: number[] }>).filter(
      (r) => !!r.RotaEntryId && r.MembersId.length === 2,
    )[0];
    expect(shared).toBeDefined();
    const fellowId = shared.MembersId.filter((id) => id !== shared.AuthorId)[0];
    const fellow = sandbox.store.userById(fellowId)!.email;
    const fellowSp = spForUser(sandbox.siteUrl, fellow);

    const second = await failureOf(
      fellowSp.web.lists.getByTitle(VISIT_REPORTS.title).items.add({
        [V.Title]: 'The same visit, again',
        [`${V.RotaEntry}Id`]: shared.RotaEntryId,
        [V.ReportStatus]: 'Submitted',
        [V.SubmittedOn]: '2026-09-01T09:00:00Z',
        [V.SafetyScale]: 2,
      }),
    );
    expect(second.status).toBe(500);
    expect(second.message).toContain('SPDuplicateValuesFoundException');
    // A draft of an unscheduled visit, never submitted: not a visit held.
    await fellowSp.web.lists
      .getByTitle(VISIT_REPORT_DRAFTS.title)
      .items.add({ Title: 'Stray draft', VisitDate: '2026-08-03T23:00:00Z', TeamId: 1, SafetyScale: 1 });

    const after = await preparePack(clerk, request);
    expect(after.counts).toEqual(before.counts);
    expect(after.visits).toEqual(before.visits);
    const rotaRows = after.visits.filter((v) => v.outcome === 'held');
    const rowsPerVisit = new Map<string, number>();
    rotaRows.forEach((v) => rowsPerVisit.set(`${v.date}|${v.team}`, (rowsPerVisit.get(`${v.date}|${v.team}`) || 0) + 1));
    expect(Array.from(rowsPerVisit.values()).every((n) => n === 1)).toBe(true);
  });
});
