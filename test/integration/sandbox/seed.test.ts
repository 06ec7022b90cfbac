/**
 * The Northshire demo data and the directory, read through PnPjs as the product reads them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/site-users/web';
import { FRONTLINE_TEAMS, VISIT_REPORT_DRAFTS, VISIT_REPORTS, VISIT_ROTA } from '../../../src/data/listContract';
import {
  DRAFT_EXPAND,
  DRAFT_SELECT,
  REPORT_EXPAND,
  REPORT_SELECT,
  ROTA_EXPAND,
  ROTA_SELECT,
  toDraftReport,
  toRotaEntry,
  toVisitReport,
} from '../../../src/data/mappers';
import { isOverdue, responseDueDate, submissionDueDate } from '../../../src/domain/deadlines';
import { PERSONAS, spForUser, withSandbox } from '../../helpers/sandbox';

const TODAY = '2026-03-20';
const extraDir = mkdtempSync(join(tmpdir(), 'sandbox-directory-'));
const directoryFile = join(extraDir, 'directory.json');
writeFileSync(
  directoryFile,
  JSON.stringify([
    {
      email: 'cllr.extra@northshire.example',
      displayName: 'Cllr Extra',
      objectId: '0b6f3c1e-0000-4000-8000-0000000000e1',
      groups: ['Frontline Visit Members'],
    },
  ]),
);

describe('demo seed and directory', () => {
  const fixture = withSandbox({ today: TODAY, directoryFile });
  afterAll(() => rmSync(extraDir, { recursive: true, force: true }));

  it('has three intake teams and a monthly rota a year either side of today, with reasons for visits not held', async () => {
    const sp = spForUser(fixture.sandbox.siteUrl, PERSONAS.clerk);
    const teams = await sp.web.lists.getByTitle(FRONTLINE_TEAMS.title).items();
    expect(teams).toHaveLength(3);
    const rota = (
      await sp.web.lists
        .getByTitle(VISIT_ROTA.title)
        .items.select(...ROTA_SELECT)
        .expand(...ROTA_EXPAND)
        .orderBy(VISIT_ROTA.fields.VisitDate)
        .top(100)()
    ).map(toRotaEntry);
    expect(rota).toHaveLength(25);
    expect(rota[0].visitDate < '2025-04-01').toBe(true);
    expect(rota[rota.length - 1].visitDate > '2027-02-28').toBe(true);
    const notHeld = rota.filter((r) => r.status === 'NotHeld');
    expect(notHeld.length).toBeGreaterThanOrEqual(2);
    expect(notHeld.some((r) => /special Cabinet meeting/.test(r.notHeldReason || ''))).toBe(true);
    for (const email of [PERSONAS.hale, PERSONAS.osei]) {
      const id = fixture.sandbox.store.userByEmail(email)!.id;
      const theirs = rota.filter((r) => r.members.some((m) => m.id === id));
      expect(theirs.some((r) => r.visitDate < TODAY)).toBe(true);
      expect(theirs.some((r) => r.visitDate > TODAY)).toBe(true);
    }
  });

  it('has reports by the councillors in every state, including overdue ones, and drafts in their own list', async () => {
    const sp = spForUser(fixture.sandbox.siteUrl, PERSONAS.improvement);
    const submitted = (
      await sp.web.lists
        .getByTitle(VISIT_REPORTS.title)
        .items.select(...REPORT_SELECT)
        .expand(...REPORT_EXPAND)
        .top(500)()
    ).map(toVisitReport);
    const drafts = (
      await sp.web.lists
        .getByTitle(VISIT_REPORT_DRAFTS.title)
        .items.select(...DRAFT_SELECT)
        .expand(...DRAFT_EXPAND)
        .top(500)()
    ).map(toDraftReport);
    expect(Array.from(new Set(submitted.map((r) => r.status))).sort()).toEqual(['Responded', 'Submitted']);
    expect(drafts.length).toBeGreaterThan(0);
    const all = submitted.concat(drafts);
    expect(all.every((r) => r.author && r.author.email.startsWith('cllr.'))).toBe(true);
    expect(drafts.some((r) => r.visitDate && isOverdue(submissionDueDate(r.visitDate), TODAY))).toBe(true);
    expect(submitted.some((r) => r.status === 'Submitted' && r.submittedOn && isOverdue(responseDueDate(r.submittedOn), TODAY))).toBe(true);
    expect(submitted.filter((r) => r.status === 'Responded').every((r) => r.feedback && r.feedback.by && r.feedback.by.email === PERSONAS.headOfService)).toBe(
      true,
    );
    // One report or draft per rota visit, never both.
    const visits = all.map((r) => r.rotaEntryId).filter((id) => id !== undefined);
    expect(new Set(visits).size).toBe(visits.length);
    for (const email of [PERSONAS.hale, PERSONAS.osei]) {
      const mine = all.filter((r) => r.author && r.author.email === email);
      expect(Array.from(new Set(mine.map((r) => r.status))).sort()).toEqual(['Draft', 'Responded', 'Submitted']);
      expect(mine.every((r) => !!r.visitDate && r.visitDate < TODAY)).toBe(true);
    }
  });

  it('adds the people of SANDBOX_DIRECTORY with their groups', async () => {
    const extra = spForUser(fixture.sandbox.siteUrl, 'cllr.extra@northshire.example');
    const me = await extra.web.currentUser();
    expect(me.Title).toBe('Cllr Extra');
    expect((me as unknown as { AadObjectId: { NameId: string } }).AadObjectId.NameId).toBe('0b6f3c1e-0000-4000-8000-0000000000e1');
    expect((await extra.web.currentUser.groups()).map((g: { Title: string }) => g.Title)).toEqual(['Frontline Visit Members']);
    const personas = await (await fetch(`${fixture.sandbox.url}/_sandbox/personas`)).json();
    expect(personas.map((p: { email: string }) => p.email)).toEqual(expect.arrayContaining([PERSONAS.hale, PERSONAS.clerk, 'cllr.extra@northshire.example']));
  });
});
