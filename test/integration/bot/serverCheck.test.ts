/**
 * The bot checks what a report claims when it picks it up, against the lists themselves: each
 * failing claim is flagged on the card and recorded on the report (the committee pack leaves such
 * a report out of its averages).
 */
import '@pnp/sp/site-users/web';
import { unescapeCardText } from '../../../src/cards';
import { VISIT_REPORTS, VISIT_ROTA } from '../../../src/data/listContract';
import { formToItemFields } from '../../../src/data/mappers';
import { addDays, londonMidnightUtc, londonToday } from '../../../src/domain/calendarDate';
import { emptyGrid } from '../../../src/domain/grid';
import { parseServerCheck } from '../../../src/domain/serverCheck';
import { Person } from '../../../src/domain/types';
import { entraDirectoryFile, VIA_ENTRA } from '../../helpers/entraDirectory';
import { PERSONAS, spForApp, spForUser, withSandbox } from '../../helpers/sandbox';
import { cardTexts, firstTeam, reportItem, withTestBot } from './botHarness';
import { buildForm } from '../../helpers/reportFixtures';

const F = VISIT_REPORTS.fields;

describe('bot: the server checks what a report claims', () => {
  // Cllr Wren is a councillor only through an Entra security group in the members' group.
  const fixture = withSandbox({ seed: 'demo', directoryFile: entraDirectoryFile() });
  const running = withTestBot(fixture);

  async function person(email: string): Promise<Person> {
    const user = await spForApp(fixture.sandbox.siteUrl).web.siteUsers.getByEmail(email)();
    return { id: user.Id, displayName: user.Title, email };
  }

  /** Hale submits a report making the given claims; the bot picks it up. */
  async function submitAndPickUp(claims: {
    members?: Person[];
    rotaEntryId?: number;
    teamId?: number;
    visitDate?: string;
  }): Promise<{ texts: string; check: ReturnType<typeof parseServerCheck> }> {
    const sp = spForUser(fixture.sandbox.siteUrl, PERSONAS.hale);
    const team = await firstTeam(fixture.sandbox);
    const list = sp.web.lists.getByTitle(VISIT_REPORTS.title);
    const added = (await list.items.add({
      ...formToItemFields(
        buildForm({
          title: 'Claims',
          teamId: claims.teamId === undefined ? team.id : claims.teamId,
          rotaEntryId: claims.rotaEntryId,
          visitDate: claims.visitDate || londonToday(),
          members: claims.members || [await person(PERSONAS.hale)],
          staffInvolved: '',
          grid: { ...emptyGrid(), otherWorries: 'Something.' },
          safetyScale: 5,
        }),
      ),
      // Submitting adds the report in one write, as the web part does.
      [F.ReportStatus]: 'Submitted',
      [F.SubmittedOn]: new Date().toISOString(),
    })) as { Id?: number; data?: { Id: number } };
    const id = added.Id || (added.data as { Id: number }).Id;
    await running.bot.sweep();
    const cards = running.connector.cardsFor(id);
    expect(cards).toHaveLength(1);
    const item = await reportItem(fixture.sandbox, id);
    return {
      texts: cardTexts(cards[0].activity.attachments![0].content).map(unescapeCardText).join('\n'),
      check: parseServerCheck(item.fields[F.ServerCheck]),
    };
  }

  it('records a clean check on a report whose claims hold', async () => {
    const { texts, check } = await submitAndPickUp({});
    expect(check).toEqual({ problems: [], notes: [], checkedOn: expect.any(String) });
    expect(texts).not.toMatch(/Checked on the server/);
  });

  it('flags a member who is not a councillor (the Head of Service) on the card and on the report', async () => {
    const { texts, check } = await submitAndPickUp({ members: [await person(PERSONAS.hale), await person(PERSONAS.headOfService)] });
    expect(check!.problems).toEqual([expect.stringMatching(/not councillors: .+/)]);
    expect(texts).toMatch(/Checked on the server: Its elected members include people who are not councillors/);
    expect(texts).toMatch(/left out of the committee pack's averages/);
  });

  it('counts a councillor who belongs through an Entra group as a councillor, and still flags a Head of Service', async () => {
    const ensured = await spForApp(fixture.sandbox.siteUrl).web.ensureUser(`i:0#.f|membership|${VIA_ENTRA.councillor.email}`);
    const wren: Person = { id: ensured.Id, displayName: VIA_ENTRA.councillor.displayName, email: VIA_ENTRA.councillor.email };
    const clean = await submitAndPickUp({ members: [await person(PERSONAS.hale), wren] });
    expect(clean.check!.problems).toEqual([]);
    const flagged = await submitAndPickUp({
      members: [
        wren,
        await person(VIA_ENTRA.headOfService.email).catch(async () => {
          const hos = await spForApp(fixture.sandbox.siteUrl).web.ensureUser(`i:0#.f|membership|${VIA_ENTRA.headOfService.email}`);
          return { id: hos.Id, displayName: VIA_ENTRA.headOfService.displayName, email: VIA_ENTRA.headOfService.email };
        }),
      ],
    });
    expect(flagged.check!.problems).toEqual([expect.stringMatching(/not councillors: Head of Service \(Duty\)/)]);
  });

  it('flags a rota visit booked for someone else, and notes members changed from the rota', async () => {
    const team = await firstTeam(fixture.sandbox);
    const osei = await person(PERSONAS.osei);
    const [entry] = fixture.sandbox.bulkAddItems(VISIT_ROTA.title, [
      {
        Title: 'Osei only',
        [VISIT_ROTA.fields.VisitDate]: londonMidnightUtc(addDays(londonToday(), -3)),
        [VISIT_ROTA.fields.Team]: team.id,
        [VISIT_ROTA.fields.Members]: [osei.id],
        [VISIT_ROTA.fields.MunicipalYear]: '2026/27',
        [VISIT_ROTA.fields.RotaStatus]: 'Held',
      },
    ]);
    const { texts, check } = await submitAndPickUp({ rotaEntryId: entry.id, visitDate: addDays(londonToday(), -3) });
    expect(check!.problems).toEqual([expect.stringMatching(/^It names a rota visit its author \(.+\) was not booked on\.$/)]);
    expect(check!.notes).toEqual([expect.stringMatching(/^Changed from the rota: the rota booked /)]);
    expect(texts).toMatch(/was not booked on/);
  });

  it('flags a visit dated more than a year before it was submitted', async () => {
    const { check } = await submitAndPickUp({ visitDate: addDays(londonToday(), -400) });
    expect(check!.problems).toEqual([expect.stringMatching(/more than a year before it was submitted/)]);
  });

  it('flags a team that does not exist', async () => {
    const { check, texts } = await submitAndPickUp({ teamId: 9999 });
    expect(check!.problems).toEqual(['It names a team that is not on the list of Frontline Teams.']);
    expect(texts).toMatch(/not on the list of Frontline Teams/);
  });
});
